import type { AgentId, StageId } from '@agentbus/contracts';
import type { AgentDefinition } from './agent-definition';
import { architectAgent } from './definitions/architect.agent';
import { deliveryAgent } from './definitions/delivery.agent';
import { developerAgent } from './definitions/developer.agent';
import { featureTreeAgent } from './definitions/feature-tree.agent';
import { planAgent } from './definitions/plan.agent';
import { prdAgent } from './definitions/prd.agent';
import { productManagerAgent } from './definitions/product-manager.agent';
import { qaAgent } from './definitions/qa.agent';
import { securityAgent } from './definitions/security.agent';
import { supportAgent } from './definitions/support.agent';
import { techWriterAgent } from './definitions/tech-writer.agent';
import { uiuxAgent } from './definitions/uiux.agent';

/** Every CPU agent by id; the type makes a missing or extra agent a compile error. */
export const AGENTS: Readonly<Record<AgentId, AgentDefinition>> = {
  prd: prdAgent,
  feature_tree: featureTreeAgent,
  plan: planAgent,
  architect: architectAgent,
  uiux: uiuxAgent,
  developer: developerAgent,
  qa: qaAgent,
  security: securityAgent,
  tech_writer: techWriterAgent,
  support: supportAgent,
  product_manager: productManagerAgent,
  delivery: deliveryAgent,
};

const byStage = new Map<StageId, AgentDefinition>(
  Object.values(AGENTS).map((agent) => [agent.stage, agent]),
);

/**
 * The agent that runs a stage, or undefined for `ml_feasibility`: that stage is a GPU job run by the
 * gpu-job-controller, not an LLM agent.
 */
export const agentForStage = (stage: StageId): AgentDefinition | undefined => byStage.get(stage);
