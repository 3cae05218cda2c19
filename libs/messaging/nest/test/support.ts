// Tiny stand-ins for @agentbus/testing, which a type:infra project may not import (see core/test/support.ts).
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

jest.setTimeout(60_000);

export const natsUrl = (): string => process.env['NATS_URL']?.trim() || 'nats://127.0.0.1:4222';

export const testNamespace = (): string => `t_${randomBytes(6).toString('hex')}`;

export async function deleteNamespaceStreams(url: string, namespace: string): Promise<void> {
  const prefix = `${namespace.toUpperCase()}_`;
  const nc = await connect({ servers: url.split(','), name: 'messaging-nest-test-cleanup' });
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
