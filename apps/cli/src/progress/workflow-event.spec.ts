import { decodeWorkflowEvent } from './workflow-event';

const frame = (type: string, data: unknown) =>
  JSON.stringify({ id: 'e', seq: 4, type: `agentbus.workflow.v1.${type}`, data });

describe(decodeWorkflowEvent.name, () => {
  it('decodes a known event from the frame, ignoring fields it does not use', () => {
    const data = {
      projectId: 'p',
      stage: 'prd',
      attempt: 2,
      artifact: { version: 3, id: 'x' },
      durationMs: 12,
      extra: true,
    };
    expect(
      decodeWorkflowEvent({
        type: 'stage.completed',
        data: frame('stage.completed', data),
        lastEventId: '4',
      }),
    ).toEqual({
      kind: 'stage.completed',
      stage: 'prd',
      attempt: 2,
      artifact: { version: 3 },
      durationMs: 12,
    });
  });

  it("decodes the gateway's cost event, whose data is the cost itself", () => {
    const usage = {
      inputTokens: 100,
      cachedTokens: 400,
      outputTokens: 50,
      totalTokens: 550,
      costUsd: 0.002,
    };
    const data = JSON.stringify({
      afterSeq: 4,
      stage: 'prd',
      attempt: 1,
      stageUsage: usage,
      total: usage,
    });
    const pick = { totalTokens: 550, cachedTokens: 400, costUsd: 0.002 };
    expect(decodeWorkflowEvent({ type: 'cost', data, lastEventId: '4' })).toEqual({
      kind: 'cost',
      stage: 'prd',
      stageUsage: pick,
      total: pick,
    });
    expect(decodeWorkflowEvent({ type: 'cost', data: '{"total":1}', lastEventId: '4' })).toEqual({
      kind: 'other',
      type: 'cost',
    });
  });

  it('keeps the project name apart from the event kind', () => {
    const sse = {
      type: 'project.started',
      data: frame('project.started', { name: 'x' }),
      lastEventId: '1',
    };
    expect(decodeWorkflowEvent(sse)).toEqual({ kind: 'project.started', name: 'x' });
  });

  it('takes the type from the frame when the SSE event has no name', () => {
    const sse = { type: 'message', data: frame('project.cancelled', {}), lastEventId: '' };
    expect(decodeWorkflowEvent(sse)).toEqual({ kind: 'project.cancelled' });
  });

  it.each([
    [
      'an unknown type',
      { type: 'routing.decided', data: frame('routing.decided', {}), lastEventId: '' },
      'routing.decided',
    ],
    [
      'data that is not JSON',
      { type: 'stage.completed', data: 'oops', lastEventId: '' },
      'stage.completed',
    ],
    [
      'a known type with bad data',
      { type: 'stage.completed', data: frame('stage.completed', { stage: 3 }), lastEventId: '' },
      'stage.completed',
    ],
  ])('turns %s into "other" instead of failing', (_case, sse, type) => {
    expect(decodeWorkflowEvent(sse)).toEqual({ kind: 'other', type });
  });
});
