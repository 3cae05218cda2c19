import { type DeliveryInfo, type JsMsg } from '@nats-io/jetstream';
import { type Msg, nanos } from '@nats-io/transport-node';

/**
 * The part of a JetStream delivery the consumer uses. nats.js's `JsMsg` has it, and so has
 * {@link PulledMessage}, built from a raw pull the nats.js consumer API cannot send (`no_wait`).
 */
export type DeliveredMessage = Pick<
  JsMsg,
  'info' | 'headers' | 'data' | 'subject' | 'string' | 'ack' | 'nak' | 'term' | 'working'
>;

/**
 * Reads the delivery info from a JetStream reply subject:
 * `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ns>.<pending>` or the 12-token form
 * with domain and account hash first (and a random token last).
 */
export function deliveryInfoOf(reply: string): DeliveryInfo {
  const tokens = reply.split('.');
  if (tokens.length === 9) tokens.splice(2, 0, '_', '');
  if (tokens.length < 11 || tokens[0] !== '$JS' || tokens[1] !== 'ACK') {
    throw new Error(`"${reply}" is not a JetStream delivery's reply subject`);
  }
  const number = (index: number): number => Number.parseInt(tokens[index] ?? '', 10);
  const deliveryCount = number(6);
  return {
    domain: tokens[2] === '_' ? '' : (tokens[2] ?? ''),
    account_hash: tokens[3] ?? '',
    stream: tokens[4] ?? '',
    consumer: tokens[5] ?? '',
    deliveryCount,
    redelivered: deliveryCount > 1,
    streamSequence: number(7),
    deliverySequence: number(8),
    timestampNanos: number(9),
    pending: number(10),
  };
}

/** A message a raw pull request delivered; acks like nats.js's `JsMsg` (once, then ignored). */
export class PulledMessage implements DeliveredMessage {
  readonly info: DeliveryInfo;
  private settled = false;

  constructor(private readonly msg: Msg) {
    this.info = deliveryInfoOf(msg.reply ?? '');
  }

  get headers(): Msg['headers'] {
    return this.msg.headers;
  }

  get data(): Uint8Array {
    return this.msg.data;
  }

  get subject(): string {
    return this.msg.subject;
  }

  string(): string {
    return this.msg.string();
  }

  ack(): void {
    this.finally('+ACK');
  }

  nak(millis?: number): void {
    this.finally(
      millis === undefined ? '-NAK' : `-NAK ${JSON.stringify({ delay: nanos(millis) })}`,
    );
  }

  term(): void {
    this.finally('+TERM');
  }

  working(): void {
    if (!this.settled) this.msg.respond('+WPI');
  }

  private finally(answer: string): void {
    if (this.settled) return;
    this.settled = true;
    this.msg.respond(answer);
  }
}
