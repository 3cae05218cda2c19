import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { deleteNamespaceStreams, natsUrl, testNamespace } from '../../src';

describe(deleteNamespaceStreams.name, () => {
  let url: string;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const mine = testNamespace();
  const theirs = testNamespace();

  const addStream = (ns: string, name: string) =>
    jsm.streams.add({
      name: `${ns.toUpperCase()}_AGENTBUS_${name}`,
      subjects: [`${ns}.agentbus.${name.toLowerCase()}.>`],
    });

  const streamNames = async (): Promise<string[]> => {
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    return names;
  };

  beforeAll(async () => {
    url = await natsUrl();
    nc = await connect({ servers: url });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await deleteNamespaceStreams(url, theirs);
    await nc.close();
  });

  it("removes every stream of the namespace and leaves other namespaces' streams alone", async () => {
    await addStream(mine, 'TASKS');
    await addStream(mine, 'DLQ');
    await addStream(theirs, 'TASKS');
    const ack = await jetstream(nc).publish(`${mine}.agentbus.tasks.v1.created`, 'hello');
    expect(ack.stream).toBe(`${mine.toUpperCase()}_AGENTBUS_TASKS`);

    const deleted = await deleteNamespaceStreams(url, mine);

    expect(deleted.sort()).toEqual([
      `${mine.toUpperCase()}_AGENTBUS_DLQ`,
      `${mine.toUpperCase()}_AGENTBUS_TASKS`,
    ]);
    const left = await streamNames();
    expect(left).toContain(`${theirs.toUpperCase()}_AGENTBUS_TASKS`);
    expect(left.filter((name) => name.startsWith(`${mine.toUpperCase()}_`))).toEqual([]);
    await expect(deleteNamespaceStreams(url, mine)).resolves.toEqual([]);
  });

  it('refuses an empty namespace', async () => {
    await expect(deleteNamespaceStreams(url, '')).rejects.toThrow(/needs a namespace/);
  });
});
