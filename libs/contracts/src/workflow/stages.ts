import { z } from 'zod';

/** Pipeline stages (DESIGN §4); the DAG that orders them is `PIPELINE` (pipeline.ts). */
export const STAGE_IDS = [
  'prd',
  'feature_tree',
  'plan',
  'architecture',
  'uiux',
  'ml_feasibility',
  'development',
  'qa',
  'security',
  'documentation',
  'support',
  'pm_review',
  'delivery',
] as const;
export const StageId = z.enum(STAGE_IDS);
export type StageId = z.infer<typeof StageId>;

/** The agents that run stages on the CPU worker pool. */
export const AGENT_IDS = [
  'prd',
  'feature_tree',
  'plan',
  'architect',
  'uiux',
  'developer',
  'qa',
  'security',
  'tech_writer',
  'support',
  'product_manager',
  'delivery',
] as const;
export const AgentId = z.enum(AGENT_IDS);
export type AgentId = z.infer<typeof AgentId>;

/** Human-in-the-loop gates; `budget_exceeded` is opened by the orchestrator, never configured. */
export const GATE_IDS = ['prd_approval', 'delivery_approval', 'budget_exceeded'] as const;
export const GateId = z.enum(GATE_IDS);
export type GateId = z.infer<typeof GateId>;

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export const Decision = z.enum(DECISIONS);
export type Decision = z.infer<typeof Decision>;

export const PROJECT_STATES = [
  'queued',
  'running',
  'waiting_approval',
  'completed',
  'failed',
  'cancelled',
] as const;
export const ProjectState = z.enum(PROJECT_STATES);
export type ProjectState = z.infer<typeof ProjectState>;
/** States a project never leaves on its own: its data may be pruned or deleted. */
export const FINISHED_PROJECT_STATES = [
  'completed',
  'failed',
  'cancelled',
] as const satisfies readonly ProjectState[];

export const STAGE_STATES = [
  'pending',
  'dispatched',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export const StageState = z.enum(STAGE_STATES);
export type StageState = z.infer<typeof StageState>;

/** Where a task runs. */
export const TaskTarget = z.enum(['cpu', 'gpu']);
export type TaskTarget = z.infer<typeof TaskTarget>;
