import { RetryableError } from '@agentbus/contracts';
import { AGENTS } from '../agents';
import { aContext, aValidAnswer, anInput, ScriptedProvider } from '../testing/agent-fixtures';
import { AgentOutputError } from './agent-output.errors';
import { runAgent } from './run-agent';

const plan = AGENTS.plan;
const planContext = aContext({
  inputs: new Map([
    ['prd', anInput('prd')],
    ['feature_tree', anInput('feature_tree', 'json')],
  ]),
});
const validPlan = aValidAnswer(plan);

describe(runAgent.name, () => {
  it.each(Object.values(AGENTS))('$id succeeds in one call on a valid answer', async (agent) => {
    const inputs = new Map(agent.inputs.map((stage) => [stage, anInput(stage)]));
    const provider = new ScriptedProvider([aValidAnswer(agent)]);
    const result = await runAgent(agent, aContext({ inputs }), provider);
    expect(result).toMatchObject({ format: agent.output.kind, repairs: 0 });
    expect(result.calls).toHaveLength(1);
    expect('value' in result).toBe(agent.output.kind === 'json');
  });

  it('repairs once: sends the rejected answer and its problems back, then accepts the fix', async () => {
    const provider = new ScriptedProvider([
      '{"milestones": []}',
      `\`\`\`json\n${validPlan}\n\`\`\``,
    ]);
    const result = await runAgent(plan, planContext, provider);

    expect(result).toEqual({
      body: JSON.stringify(JSON.parse(validPlan), null, 2),
      format: 'json',
      value: JSON.parse(validPlan),
      calls: [expect.objectContaining({ text: '{"milestones": []}' }), expect.anything()],
      repairs: 1,
    });
    const [first, repair] = provider.requests;
    expect(repair?.system).toBe(first?.system);
    expect(repair?.messages.slice(0, 1)).toEqual(first?.messages);
    expect(repair?.messages[1]).toEqual({ role: 'assistant', content: '{"milestones": []}' });
    expect(repair?.messages[2]?.content).toMatch(/^Your answer does not meet the output contract:/);
    expect(repair?.messages[2]?.content).toContain('- milestones: Too small');
    expect(repair?.messages[2]?.content).toContain('- tasks: Invalid input');
  });

  it.each([0, 1, 3])(
    'gives up after maxRepairs=%i with the problems and every call',
    async (maxRepairs) => {
      const provider = new ScriptedProvider(Array(5).fill('no json here'));
      const error = await runAgent(plan, planContext, provider, { maxRepairs }).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(AgentOutputError);
      expect(error).toBeInstanceOf(RetryableError);
      const failure = error as AgentOutputError;
      expect(failure.agent).toBe('plan');
      expect(failure.problems).toEqual(['the answer contains no JSON object']);
      expect(failure.calls).toHaveLength(maxRepairs + 1);
      expect(failure.message).toContain('the answer contains no JSON object');
      expect(provider.requests).toHaveLength(maxRepairs + 1);
    },
  );

  it('repairs a markdown stage and names the missing section', async () => {
    const support = AGENTS.support;
    const inputs = new Map(support.inputs.map((stage) => [stage, anInput(stage)]));
    const provider = new ScriptedProvider(['## FAQ\nQ', aValidAnswer(support)]);
    const result = await runAgent(support, aContext({ inputs }), provider);
    expect(result.repairs).toBe(1);
    expect(result.format).toBe('markdown');
    expect(provider.requests[1]?.messages[2]?.content).toContain('- missing section "## Runbook"');
  });

  it('says so when the answer was cut off at the token limit', async () => {
    const provider = new ScriptedProvider([
      { text: validPlan.slice(0, 50), stopReason: 'max_tokens' },
      validPlan,
    ]);
    await runAgent(plan, planContext, provider);
    expect(provider.requests[1]?.messages[2]?.content).toContain(
      'cut off at the output token limit',
    );
  });

  it('replaces an empty rejected answer, which providers refuse as an assistant turn', async () => {
    const provider = new ScriptedProvider(['', validPlan]);
    await runAgent(plan, planContext, provider);
    expect(provider.requests[1]?.messages[1]).toEqual({
      role: 'assistant',
      content: '(empty answer)',
    });
  });

  it('passes signal and onProgress to every call and stops repairing once aborted', async () => {
    const controller = new AbortController();
    const onProgress = jest.fn();
    const provider = new ScriptedProvider(['bad', validPlan]);
    jest.spyOn(provider, 'complete').mockImplementationOnce(async (request, options) => {
      controller.abort();
      return ScriptedProvider.prototype.complete.call(provider, request, options);
    });

    await expect(
      runAgent(plan, planContext, provider, { signal: controller.signal, onProgress }),
    ).rejects.toThrow(/abort/i);
    expect(provider.options).toEqual([{ signal: controller.signal, onProgress }]);
  });
});
