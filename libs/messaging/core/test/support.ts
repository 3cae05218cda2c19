// Shared helpers come from @agentbus/testing; the rest is specific to the messaging tests.
import {
  MessageDeadLetteredV1,
  type MessageDeadLetteredV1 as DeadLetter,
  STREAMS,
  newMessageId,
  parseEnvelope,
  wireStreamName,
} from '@agentbus/contracts';
import { type Bus, type BusLogger, connectBus } from '../src';

export { deleteNamespaceStreams, eventually, testNamespace } from '@agentbus/testing';

jest.setTimeout(60_000);

export const natsUrl = (): string => process.env['NATS_URL']?.trim() || 'nats://127.0.0.1:4222';

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Collects log lines, so tests can assert on them and keep output quiet. */
export function memoryLogger(): BusLogger & {
  lines: { level: string; obj: object; msg?: string }[];
} {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const openBus = (namespace: string, name: string, logger?: BusLogger): Promise<Bus> =>
  connectBus({ servers: natsUrl(), name, namespace, ...(logger ? { logger } : {}) });

/** Every dead letter in the namespace's DLQ stream, oldest first. */
export async function deadLetters(bus: Bus): Promise<DeadLetter[]> {
  const stream = wireStreamName(bus.namespace, STREAMS.dlq.name);
  const { state } = await bus.jsm.streams.info(stream);
  const letters: DeadLetter[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const stored = await bus.jsm.streams.getMessage(stream, { seq });
    if (stored) letters.push(parseEnvelope(MessageDeadLetteredV1, stored.json()));
  }
  return letters;
}

/** Data for a `ProjectCancelRequestedV1`, the small message most tests use. */
export const aCancelRequest = (overrides: { projectId?: string; reason?: string } = {}) => ({
  projectId: overrides.projectId ?? newMessageId(),
  requestedBy: 'test',
  ...(overrides.reason === undefined ? {} : { reason: overrides.reason }),
});

export const meta = (overrides: { id?: string } = {}) => ({
  source: 'messaging-test',
  correlationId: newMessageId(),
  ...overrides,
});

/** A promise with its resolve function, for handlers that must wait for the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
