// Shared test helpers come from @agentbus/testing; the NATS URL stays synchronous here because the
// module options are built at import time.
export { deleteNamespaceStreams, eventually, testNamespace } from '@agentbus/testing';

jest.setTimeout(60_000);

export const natsUrl = (): string => process.env['NATS_URL']?.trim() || 'nats://127.0.0.1:4222';

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
