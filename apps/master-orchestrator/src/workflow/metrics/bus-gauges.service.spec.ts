import { CONSUMERS, PRIORITY_GROUPS } from '@agentbus/contracts';
import { type Bus } from '@agentbus/messaging';
import { Registry } from 'prom-client';
import { sample } from '../../../test/support/prometheus';
import { BusGauges } from './bus-gauges.service';

/** A bus whose JetStream manager answers from tables, counting the calls. */
function fakeBus(
  consumers: Record<string, { num_pending: number; num_ack_pending: number }>,
  dlq: { messages: number; last_seq: number } | undefined,
) {
  const calls = { consumers: 0, streams: 0 };
  const bus = {
    namespace: 'ns1',
    jsm: {
      consumers: {
        info: async (stream: string, durable: string) => {
          calls.consumers++;
          const info = consumers[`${stream}/${durable}`];
          if (!info) throw new Error('consumer not found');
          return info;
        },
      },
      streams: {
        info: async (stream: string) => {
          calls.streams++;
          if (!dlq || stream !== 'NS1_AGENTBUS_DLQ') throw new Error('stream not found');
          return { state: dlq };
        },
      },
    },
  };
  return { bus: bus as unknown as Bus, calls };
}

const cpu = CONSUMERS.cpuWorker.cpuTaskRequested;
const gpu = CONSUMERS.gpuController.gpuJobRequested;
const wired = {
  [`NS1_AGENTBUS_TASK/${cpu.durable}`]: { num_pending: 40, num_ack_pending: 8 },
  [`NS1_AGENTBUS_GPU/${gpu.durable}`]: { num_pending: 0, num_ack_pending: 1 },
};

describe(BusGauges.name, () => {
  const scrape = async (bus: Bus, cacheMs = 0) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'master-orchestrator' });
    new BusGauges(registry, bus, { queueDepthCacheMs: cacheMs });
    return { registry, text: await registry.metrics() };
  };

  it('reports each durable’s lag, unacked messages and their sum as the queue depth', async () => {
    const { text } = await scrape(fakeBus(wired, { messages: 3, last_seq: 11 }).bus);
    const of = (name: string, consumer: string) => sample(text, name, { consumer });
    expect(of('agent_bus_consumer_pending_messages', cpu.durable)).toBe(40);
    expect(of('agent_bus_consumer_ack_pending_messages', cpu.durable)).toBe(8);
    expect(of('agent_bus_queue_depth', cpu.durable)).toBe(48);
    expect(of('agent_bus_queue_depth', gpu.durable)).toBe(1);
    // Durables nobody provisioned are left out rather than reported as empty.
    expect(text).not.toContain(`consumer="${CONSUMERS.memory.projectCompleted.durable}"`);
  });

  it('reports a priority group as the sum of its lanes, once every lane exists', async () => {
    const { cpuTaskRequestedMiddle: middle, cpuTaskRequestedLate: late } = CONSUMERS.cpuWorker;
    const group = PRIORITY_GROUPS.cpuWorker.cpuTasks.name;
    const lanes = {
      ...wired,
      [`NS1_AGENTBUS_TASK/${middle.durable}`]: { num_pending: 5, num_ack_pending: 3 },
      [`NS1_AGENTBUS_TASK/${late.durable}`]: { num_pending: 0, num_ack_pending: 2 },
    };
    const { text } = await scrape(fakeBus(lanes, undefined).bus);
    expect(sample(text, 'agent_bus_queue_depth', { consumer: group })).toBe(58);
    expect(sample(text, 'agent_bus_consumer_pending_messages', { consumer: group })).toBe(45);
    const partial = await scrape(fakeBus(wired, undefined).bus);
    expect(partial.text).not.toContain(`consumer="${group}"`);
  });

  it('reports the dead letters held and ever stored, from the DLQ stream', async () => {
    const { text } = await scrape(fakeBus(wired, { messages: 3, last_seq: 11 }).bus);
    const dlq = { stream: 'AGENTBUS_DLQ' };
    expect(sample(text, 'agent_bus_dlq_messages', dlq)).toBe(3);
    expect(sample(text, 'agent_bus_dead_letters_total', dlq)).toBe(11);
    expect(text).toContain('# TYPE agent_bus_dead_letters_total counter');
  });

  it('serves /metrics without DLQ samples when the stream cannot be read', async () => {
    const { text } = await scrape(fakeBus(wired, undefined).bus);
    // No sample rather than 0: a later real count would read as that many new dead letters.
    expect(text).not.toMatch(/^agent_bus_dlq_messages\{/m);
    expect(text).not.toMatch(/^agent_bus_dead_letters_total\{/m);
    expect(sample(text, 'agent_bus_queue_depth', { consumer: cpu.durable })).toBe(48);
  });

  it('asks JetStream once per scrape, and not again within the cache time', async () => {
    const { bus, calls } = fakeBus(wired, { messages: 0, last_seq: 0 });
    const { registry } = await scrape(bus, 60_000);
    const first = { ...calls };
    expect(first.streams).toBe(1);
    expect(first.consumers).toBe(Object.values(CONSUMERS).flatMap(Object.values).length);
    await registry.metrics();
    expect(calls).toEqual(first);
  });
});
