import {
  AGENT_IDS,
  PIPELINE,
  pipelineStage,
  STAGE_IDS,
  type StageId,
  upstreamStages,
} from '@agentbus/contracts';
import { z } from 'zod';
import { AGENTS, agentForStage } from './agents';
import { fillJsonSchema } from './testing/fill-json-schema';

const agents = Object.values(AGENTS);
const PARALLEL: readonly StageId[] = ['qa', 'security', 'documentation', 'support'];
const jsonAgents = agents.flatMap((agent) =>
  agent.output.kind === 'json' ? [{ id: agent.id, schema: agent.output.schema }] : [],
);

describe('AGENTS', () => {
  it('has one agent per contracts AgentId, keyed by its own id', () => {
    expect(Object.keys(AGENTS).sort()).toEqual([...AGENT_IDS].sort());
    for (const [id, agent] of Object.entries(AGENTS)) expect(agent.id).toBe(id);
  });

  it('covers every stage exactly once except the GPU-only ml_feasibility', () => {
    const stages = agents.map((agent) => agent.stage);
    expect(new Set(stages).size).toBe(stages.length);
    expect([...stages, 'ml_feasibility'].sort()).toEqual([...STAGE_IDS].sort());
  });

  it.each(agents)('$id reads only stages upstream of its own in the DAG (via `after`)', (agent) => {
    const upstream = upstreamStages(agent.stage);
    for (const input of [...agent.inputs, ...agent.optionalInputs]) {
      expect(upstream).toContain(input);
      // The four parallel stages run at the same time: none can read another.
      if (PARALLEL.includes(agent.stage)) expect(PARALLEL).not.toContain(input);
    }
  });

  it('gives every CPU stage of the DAG exactly one agent, and every agent one stage', () => {
    for (const stage of PIPELINE) {
      const running = agents.filter((agent) => agent.stage === stage.id);
      expect(running.map((agent) => agent.id)).toEqual(stage.target === 'cpu' ? [stage.agent] : []);
    }
    for (const agent of agents) {
      expect(PIPELINE.filter((stage) => stage.agent === agent.id).map((s) => s.id)).toEqual([
        agent.stage,
      ]);
    }
  });

  it.each(agents)('$id declares the inputs its task carries (dispatch sends the same)', (agent) => {
    const { inputs, optionalInputs } = pipelineStage(agent.stage);
    expect({ inputs: agent.inputs, optionalInputs: agent.optionalInputs }).toEqual({
      inputs,
      optionalInputs,
    });
  });

  it.each(agents)('$id has sane limits and a non-empty prompt template', (agent) => {
    expect(agent.persona.length).toBeGreaterThan(20);
    expect(agent.focus.length).toBeGreaterThan(0);
    expect(agent.maxTokens).toBeGreaterThanOrEqual(1_000);
    expect(agent.inputBudgetTokens > 0).toBe(agent.inputs.length > 0);
    if (agent.output.kind === 'markdown') {
      expect(agent.output.sections.length).toBeGreaterThan(0);
      expect(new Set(agent.output.sections).size).toBe(agent.output.sections.length);
    }
  });

  it('makes JSON exactly the seven structured stages', () => {
    expect(jsonAgents.map(({ id }) => AGENTS[id].stage).sort()).toEqual(
      ['architecture', 'development', 'feature_tree', 'plan', 'qa', 'security', 'uiux'].sort(),
    );
  });

  it.each(jsonAgents)(
    "$id's JSON Schema is self-contained and a generic filler satisfies it (offline provider)",
    ({ schema }) => {
      const jsonSchema = z.toJSONSchema(schema);
      expect(JSON.stringify(jsonSchema)).not.toContain('$ref');
      expect(schema.safeParse(fillJsonSchema(jsonSchema)).error?.issues).toBeUndefined();
    },
  );
});

describe(agentForStage.name, () => {
  it.each(agents)('finds $id by its stage', (agent) => {
    expect(agentForStage(agent.stage)).toBe(agent);
  });

  it('has no agent for ml_feasibility, which the gpu-job-controller runs', () => {
    expect(agentForStage('ml_feasibility')).toBeUndefined();
  });
});
