import { type DeliveryContext } from '@agentbus/messaging';
import { messageLogContext } from './message-log-context';

const delivery = (deliveryCount: number): DeliveryContext => ({
  subject: 'agentbus.task.v1.cpu.succeeded',
  deliveryCount,
  streamSequence: 7,
  headers: {},
  signal: new AbortController().signal,
  working: () => undefined,
});

const envelope = (data: unknown, causationId?: string) => ({
  id: 'msg-2',
  type: 'agentbus.task.v1.cpu.succeeded',
  source: 'cpu-agent-worker',
  time: '2025-01-01T00:00:00.000Z',
  correlationId: 'proj-1',
  causationId,
  data,
});

describe(messageLogContext.name, () => {
  it('names the project, the message, its cause, the subject and the delivery', () => {
    expect(
      messageLogContext(envelope({ projectId: 'proj-1', stage: 'prd' }, 'msg-1'), delivery(3)),
    ).toEqual({
      correlationId: 'proj-1',
      projectId: 'proj-1',
      messageId: 'msg-2',
      causationId: 'msg-1',
      subject: 'agentbus.task.v1.cpu.succeeded',
      deliveryCount: 3,
    });
  });

  it.each([[{ projectId: 42 }], [{}], [null], ['text']])(
    'leaves projectId out when the payload %j names none',
    (data) => {
      expect(messageLogContext(envelope(data), delivery(1)).projectId).toBeUndefined();
    },
  );
});
