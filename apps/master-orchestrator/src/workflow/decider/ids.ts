import { type GateId, type StageId } from '@agentbus/contracts';
import { v5 as uuidv5 } from 'uuid';

// Fixed namespace of the orchestrator's name-based ids; changing it would change every id.
const NAMESPACE = '5b0c3f3e-1f0e-4c5e-9d0b-6f3a2a9c1e47';

/** A uuid (v5) derived from a name: the same name always gives the same id. */
export const deterministicId = (name: string): string => uuidv5(name, NAMESPACE);

/** The task of one stage attempt; attempts are never reused, so neither is the id. */
export const taskIdFor = (projectId: string, stage: StageId, attempt: number): string =>
  deterministicId(`task:${projectId}:${stage}:${attempt}`);

/** One attempt of one gate. */
export const approvalIdFor = (projectId: string, gate: GateId, attempt: number): string =>
  deterministicId(`approval:${projectId}:${gate}:${attempt}`);
