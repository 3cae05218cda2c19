import {
  assertNamespace,
  type Bus,
  BusConfigurationError,
  connectBus,
  probeBus,
} from '@agentbus/messaging';
import { UsageError } from '../errors/cli-errors';

/** Where NATS is when neither --nats-url nor NATS_URL says (the local dev services). */
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** The `dlq` command's own options: it talks to NATS, not to the gateway. */
export interface DlqFlags {
  readonly natsUrl?: string;
  readonly namespace?: string;
}

/** NATS servers and bus namespace: flags over environment (as the services read it) over defaults. */
export function resolveBusTarget(
  flags: DlqFlags,
  env: Readonly<Record<string, string | undefined>>,
): { servers: string; namespace: string } {
  const servers = nonEmpty(flags.natsUrl) ?? nonEmpty(env['NATS_URL']) ?? DEFAULT_NATS_URL;
  const namespace = nonEmpty(flags.namespace) ?? nonEmpty(env['BUS_NAMESPACE']) ?? '';
  try {
    assertNamespace(namespace);
  } catch (error) {
    if (error instanceof BusConfigurationError) {
      throw new UsageError(error.message, 'use the BUS_NAMESPACE the services run with');
    }
    throw error;
  }
  return { servers, namespace };
}

/**
 * Connects to the bus, runs `work` and closes the connection. An unreachable server fails fast
 * with `BusUnavailableError` (probed first) instead of the client's endless reconnects.
 */
export async function withBus<T>(
  target: { servers: string; namespace: string },
  work: (bus: Bus) => Promise<T>,
): Promise<T> {
  await probeBus(target.servers);
  const bus = await connectBus({ ...target, name: 'agent-bus-cli' });
  try {
    return await work(bus);
  } finally {
    await bus.close();
  }
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
