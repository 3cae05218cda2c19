import { CpuTaskSucceededV1, HEADERS, MemorySearchV1, newMessageId } from '@agentbus/contracts';
import { deadLetterEnvelope, type DeadLetterInput } from './dead-letter';
import {
  replayHeaders,
  replayMessageId,
  subjectMatches,
  whyNotReplayable,
} from './dead-letter-queue';

const aLetter = (overrides: Partial<DeadLetterInput> = {}) =>
  deadLetterEnvelope(
    {
      subject: CpuTaskSucceededV1.subject,
      stream: 'T1_AGENTBUS_TASK',
      consumer: 'orch-cpu-succeeded',
      streamSequence: 7,
      deliveryCount: 1,
      reason: 'boom',
      errorName: 'PermanentError',
      headers: {
        'Nats-Msg-Id': ['0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82'],
        'Nats-Expected-Stream': ['T1_AGENTBUS_TASK'],
        traceparent: ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
        'X-Tenant': ['a', 'b'],
      },
      payload: Buffer.from('{"id":"0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82"}'),
      ...overrides,
    },
    'test',
  );

describe(subjectMatches.name, () => {
  it.each([
    ['agentbus.task.v1.cpu.succeeded', 'agentbus.task.v1.cpu.succeeded', true],
    ['agentbus.task.>', 'agentbus.task.v1.cpu.succeeded', true],
    ['agentbus.*.v1.*.succeeded', 'agentbus.task.v1.cpu.succeeded', true],
    ['agentbus.*.v1.*.failed', 'agentbus.task.v1.cpu.succeeded', false],
    ['agentbus.task.>', 'agentbus.task', false],
    ['agentbus.task.v1.cpu', 'agentbus.task.v1.cpu.succeeded', false],
    ['agentbus.task.v1.cpu.succeeded.x', 'agentbus.task.v1.cpu.succeeded', false],
    ['agentbus.>.cpu', 'agentbus.task.v1.cpu', false],
  ])('%s against %s is %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});

describe(replayHeaders.name, () => {
  it("keeps the original's headers, drops the server's own, and names the dead letter", () => {
    const letter = aLetter();
    const headers = replayHeaders(letter);
    expect(headers.values('traceparent')).toEqual([
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    ]);
    expect(headers.values('X-Tenant')).toEqual(['a', 'b']);
    expect(headers.has(HEADERS.msgId)).toBe(false);
    expect(headers.has('Nats-Expected-Stream')).toBe(false);
    expect(headers.get(HEADERS.replayOf)).toBe(letter.id);
  });
});

describe(replayMessageId.name, () => {
  it('is the same for every replay of one letter and differs between letters', () => {
    const id = newMessageId();
    expect(replayMessageId(id)).toBe(replayMessageId(id));
    expect(replayMessageId(id)).not.toBe(replayMessageId(newMessageId()));
    expect(replayMessageId(id)).not.toBe(id);
  });
});

describe(whyNotReplayable.name, () => {
  it('accepts a letter from the stream this namespace publishes to', () => {
    expect(whyNotReplayable({ namespace: 't1' }, aLetter())).toBeUndefined();
    expect(
      whyNotReplayable({ namespace: '' }, aLetter({ stream: 'AGENTBUS_TASK' })),
    ).toBeUndefined();
  });

  it('refuses a letter of another namespace, without bytes, or of a request/reply subject', () => {
    expect(whyNotReplayable({ namespace: '' }, aLetter())).toMatch(/BUS_NAMESPACE/);
    expect(whyNotReplayable({ namespace: 't1' }, aLetter({ payload: new Uint8Array() }))).toMatch(
      /gone from its stream/,
    );
    expect(
      whyNotReplayable({ namespace: 't1' }, aLetter({ subject: MemorySearchV1.subject })),
    ).toMatch(/not replayable/);
    expect(whyNotReplayable({ namespace: 't1' }, aLetter({ subject: 'orders.created' }))).toMatch(
      /not an Agent Bus subject/,
    );
  });
});
