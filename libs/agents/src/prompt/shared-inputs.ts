import { pipelineStage, type StageId } from '@agentbus/contracts';
import type { AgentDefinition } from '../agent-definition';
import { AGENTS } from '../agents';

// Stages dispatched on the same CPU upstream run side by side (the four reviews after development).
const upstreamKey = (stage: StageId): string =>
  pipelineStage(stage)
    .after.filter((after) => pipelineStage(after).target === 'cpu')
    .sort()
    .join(',');

const readsAlike = (a: AgentDefinition, b: AgentDefinition, stage: StageId): boolean =>
  b.inputs.includes(stage) && a.readsWhole.includes(stage) === b.readsWhole.includes(stage);

/**
 * The required inputs `agent` shares, read the same way (whole or digest), with every agent that
 * runs beside it: they go into the cached prompt prefix, so the parallel reviews share one.
 * A stage that runs alone shares all its required inputs; optional ones are never shared.
 */
export const sharedInputsOf = (agent: AgentDefinition): StageId[] => {
  const key = upstreamKey(agent.stage);
  const siblings = Object.values(AGENTS).filter(
    (other) => other.stage !== agent.stage && upstreamKey(other.stage) === key,
  );
  return agent.inputs.filter((stage) =>
    siblings.every((sibling) => readsAlike(agent, sibling, stage)),
  );
};

/** The smallest input budget among `agent` and the agents beside it, for the shared inputs. */
export const sharedBudgetOf = (agent: AgentDefinition): number => {
  const key = upstreamKey(agent.stage);
  return Object.values(AGENTS)
    .filter((other) => other.stage !== agent.stage && upstreamKey(other.stage) === key)
    .reduce((least, other) => Math.min(least, other.inputBudgetTokens), agent.inputBudgetTokens);
};
