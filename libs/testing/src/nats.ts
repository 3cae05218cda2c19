import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomTestName } from './random-name';

/**
 * A random bus namespace `t_<hex>`. The messaging library prefixes streams with `<NS>_AGENTBUS_`
 * and subjects with `<ns>.agentbus.` when it is set, so parallel test files never share a stream.
 */
export const testNamespace = (): string => randomTestName();

/** Deletes every JetStream stream whose name starts with the upper-cased `<ns>_`; returns their names. */
export const deleteNamespaceStreams = async (natsUrl: string, ns: string): Promise<string[]> => {
  if (!ns) {
    throw new Error('deleteNamespaceStreams needs a namespace; refusing to match every stream');
  }
  const prefix = `${ns.toUpperCase()}_`;
  const nc = await connect({ servers: natsUrl.split(','), name: 'agentbus-testing-cleanup' });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed: string[] = [];
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(prefix)) doomed.push(name);
    }
    for (const name of doomed) await jsm.streams.delete(name);
    return doomed;
  } finally {
    await nc.close();
  }
};
