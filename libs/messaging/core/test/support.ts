// Tiny stand-ins for @agentbus/testing: that lib is tagged type:testing, which a type:infra project may
// not import (and it will depend on messaging itself, which would close a cycle).
import { randomBytes } from 'node:crypto';
import {
  MessageDeadLetteredV1,
  type MessageDeadLetteredV1 as DeadLetter,
  STREAMS,
  newMessageId,
  parseEnvelope,
  wireStreamName,
} from '@agentbus/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { type Bus, type BusLogger, connectBus } from '../src';

jest.setTimeout(60_000);

export const natsUrl = (): string => process.env['NATS_URL']?.trim() || 'nats://127.0.0.1:4222';

/** A random namespace `t_<12 hex>` for one test file. */
export const testNamespace = (): string => `t_${randomBytes(6).toString('hex')}`;

/** Deletes every stream of a namespace. */
export async function deleteNamespaceStreams(url: string, namespace: string): Promise<void> {
  const prefix = `${namespace.toUpperCase()}_`;
  const nc = await connect({ servers: url.split(','), name: 'messaging-test-cleanup' });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(prefix)) doomed.push(name);
    for (const name of doomed) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `assertion` until it stops throwing, then returns its result. */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}

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
