import { type Msg } from '@nats-io/transport-node';
import { deliveryInfoOf, PulledMessage } from './pulled-message';

const aRawDelivery = (reply: string) => {
  const answers: string[] = [];
  const msg = {
    subject: 'agentbus.task.v1.cpu-late.requested',
    reply,
    data: new TextEncoder().encode('{}'),
    headers: undefined,
    string: () => '{}',
    respond: (answer: string) => answers.push(answer) > 0,
  } as unknown as Msg;
  return { msg, answers };
};

describe(deliveryInfoOf.name, () => {
  it('reads the 9-token reply subject of a server without domains', () => {
    expect(
      deliveryInfoOf(
        '$JS.ACK.T1_AGENTBUS_TASK.cpu-cpu-late-requested.3.42.7.1700000000000000000.5',
      ),
    ).toMatchObject({
      domain: '',
      stream: 'T1_AGENTBUS_TASK',
      consumer: 'cpu-cpu-late-requested',
      deliveryCount: 3,
      redelivered: true,
      streamSequence: 42,
      deliverySequence: 7,
      pending: 5,
    });
  });

  it('reads the 12-token form with domain and account hash', () => {
    expect(deliveryInfoOf('$JS.ACK.hub.ACCHASH.S.d.1.9.9.1700000000000000000.0.rnd')).toMatchObject(
      {
        domain: 'hub',
        account_hash: 'ACCHASH',
        stream: 'S',
        consumer: 'd',
        deliveryCount: 1,
        redelivered: false,
        streamSequence: 9,
        pending: 0,
      },
    );
  });

  it('refuses a subject that is not a JetStream delivery', () => {
    expect(() => deliveryInfoOf('_INBOX.abc')).toThrow(/not a JetStream delivery/);
  });
});

describe(PulledMessage.name, () => {
  const reply = '$JS.ACK.S.d.1.1.1.1700000000000000000.0';

  it('settles once: the first of ack, nak or term wins, later ones are ignored', () => {
    const { msg, answers } = aRawDelivery(reply);
    const sut = new PulledMessage(msg);
    sut.working();
    sut.nak(1_500);
    sut.ack();
    sut.term();
    sut.working();
    expect(answers).toEqual(['+WPI', '-NAK {"delay":1500000000}']);
  });

  it('naks without a delay for an immediate redelivery, and terms', () => {
    const first = aRawDelivery(reply);
    new PulledMessage(first.msg).nak();
    const second = aRawDelivery(reply);
    new PulledMessage(second.msg).term();
    expect([...first.answers, ...second.answers]).toEqual(['-NAK', '+TERM']);
  });
});
