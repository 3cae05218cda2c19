import { createInbox, type Msg, nanos } from '@nats-io/transport-node';
import { type Bus } from './bus';
import { PulledMessage } from './pulled-message';

/** One raw pull request on a durable: a batch now (`noWait`), or up to `batch` within `expiresMs`. */
export interface PullSpec {
  readonly stream: string;
  readonly durable: string;
  readonly batch: number;
  readonly noWait: boolean;
  readonly expiresMs: number;
}

/** How a pull request ended: messages delivered, and why it ended if not by completing. */
export interface PullEnd {
  readonly received: number;
  readonly error?: Error;
}

/** An open pull request; `cancel` stops listening (a message sent meanwhile is redelivered). */
export interface OpenPull {
  readonly ended: Promise<PullEnd>;
  cancel(): void;
}

/** The server ended a pull request with a status other than "no messages" or "timed out". */
export class PullRejectedError extends Error {
  constructor(
    readonly durable: string,
    readonly code: number,
    description: string,
  ) {
    super(`pull on ${durable} refused: ${code} ${description}`);
    this.name = 'PullRejectedError';
  }
}

// A no-wait pull is answered at once; a missing answer means the server is gone.
const ANSWER_GRACE_MS = 5_000;

const isEndOfBatch = (code: number): boolean => code === 404 || code === 408;

/**
 * Sends `$JS.API.CONSUMER.MSG.NEXT` itself, because the nats.js consumer API has no `no_wait`
 * (a batch of what is there now, then 404/408), which priority pulling needs: a request left
 * waiting on a low-priority durable would hold a slot a higher one may need. Each message goes to
 * `onMessage` as it arrives.
 */
export function openPull(
  bus: Bus,
  spec: PullSpec,
  onMessage: (message: PulledMessage) => void,
): OpenPull {
  const inbox = createInbox();
  let received = 0;
  let finish: (end: PullEnd) => void = () => undefined;
  const ended = new Promise<PullEnd>((resolve) => {
    let done = false;
    finish = (end) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve(end);
    };
    const timer = setTimeout(
      () => finish({ received, error: new Error(`pull on ${spec.durable} got no answer`) }),
      (spec.noWait ? 0 : spec.expiresMs) + ANSWER_GRACE_MS,
    );
    const subscription = bus.nc.subscribe(inbox, {
      callback: (error, msg) => {
        if (error) return finish({ received, error });
        const status = statusOf(msg);
        if (status !== undefined) {
          if (status.code === 100) return; // heartbeat (not asked for; harmless)
          return finish(
            isEndOfBatch(status.code)
              ? { received }
              : { received, error: new PullRejectedError(spec.durable, status.code, status.text) },
          );
        }
        received++;
        try {
          onMessage(new PulledMessage(msg));
        } finally {
          if (received >= spec.batch) finish({ received });
        }
      },
    });
  });
  const request = {
    batch: spec.batch,
    ...(spec.noWait ? { no_wait: true } : { expires: nanos(spec.expiresMs) }),
  };
  bus.nc.publish(
    `${bus.js.apiPrefix}.CONSUMER.MSG.NEXT.${spec.stream}.${spec.durable}`,
    JSON.stringify(request),
    { reply: inbox },
  );
  return { ended, cancel: () => finish({ received }) };
}

function statusOf(msg: Msg): { code: number; text: string } | undefined {
  const { headers } = msg;
  if (headers === undefined || msg.data.length > 0 || headers.code === 0) return undefined;
  return { code: headers.code, text: headers.description };
}
