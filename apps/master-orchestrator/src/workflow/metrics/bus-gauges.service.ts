import {
  ALL_CONSUMERS,
  PRIORITY_GROUPS,
  type PriorityGroupDefinition,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import { type Bus } from '@agentbus/messaging';
import { BUS } from '@agentbus/messaging-nest';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { GAUGE_SETTINGS, type GaugeSettings } from '../workflow.settings';

/** What one scrape reads from JetStream: each durable's backlog and the DLQ stream's state. */
export interface BusSnapshot {
  /** By durable; a durable nobody provisioned yet (its app never started) is absent. */
  readonly consumers: ReadonlyMap<string, { pending: number; ackPending: number }>;
  /** Absent when the DLQ stream could not be read. */
  readonly dlq?: { messages: number; lastSequence: number } | undefined;
}

/**
 * The bus's own gauges (DESIGN §13), read from JetStream at scrape time by the orchestrator,
 * which watches every durable of the system. One read serves all of them and is reused for
 * `queueDepthCacheMs`, so several scrapers (or replicas) do not multiply the API calls.
 */
@Injectable()
export class BusGauges {
  private snapshot: { at: number; value: Promise<BusSnapshot> } | undefined;

  constructor(
    registry: Registry,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(GAUGE_SETTINGS) private readonly settings: GaugeSettings,
  ) {
    const read = () => this.read();
    const byConsumer = (pick: (backlog: { pending: number; ackPending: number }) => number) =>
      async function collect(this: Gauge<'consumer'>): Promise<void> {
        const { consumers } = await read();
        this.reset();
        for (const [consumer, backlog] of consumers) this.set({ consumer }, pick(backlog));
        for (const [group, backlog] of groupBacklogs(consumers)) {
          this.set({ consumer: group }, pick(backlog));
        }
      };
    new Gauge({
      name: 'agent_bus_queue_depth',
      help: 'Messages waiting or in progress on a durable consumer (num_pending + num_ack_pending); a priority group (cpu-tasks) as the sum of its lanes.',
      labelNames: ['consumer'],
      registers: [registry],
      collect: byConsumer(({ pending, ackPending }) => pending + ackPending),
    });
    new Gauge({
      name: 'agent_bus_consumer_pending_messages',
      help: 'Messages in the stream not yet delivered to a durable consumer (its lag, num_pending).',
      labelNames: ['consumer'],
      registers: [registry],
      collect: byConsumer(({ pending }) => pending),
    });
    new Gauge({
      name: 'agent_bus_consumer_ack_pending_messages',
      help: 'Messages delivered to a durable consumer and not yet acknowledged (num_ack_pending).',
      labelNames: ['consumer'],
      registers: [registry],
      collect: byConsumer(({ ackPending }) => ackPending),
    });
    // Labelled by stream so no sample exists before the first read: a 0 written while the stream
    // was unreadable, then its real count, would look like that many new dead letters.
    const stream = STREAMS.dlq.name;
    new Gauge({
      name: 'agent_bus_dlq_messages',
      help: 'Dead letters held in the DLQ stream, waiting for an operator to replay or drop them.',
      labelNames: ['stream'],
      registers: [registry],
      async collect() {
        const { dlq } = await read();
        if (dlq) this.set({ stream }, dlq.messages);
      },
    });
    new Counter({
      name: 'agent_bus_dead_letters_total',
      help: 'Dead letters ever stored in the DLQ stream (its last sequence number).',
      labelNames: ['stream'],
      registers: [registry],
      async collect() {
        const { dlq } = await read();
        if (!dlq) return;
        // The stream's sequence only grows (a recreated stream restarts it: a counter reset).
        this.reset();
        this.inc({ stream }, dlq.lastSequence);
      },
    });
  }

  private read(): Promise<BusSnapshot> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at >= this.settings.queueDepthCacheMs) {
      this.snapshot = { at: now, value: readBusSnapshot(this.bus) };
    }
    return this.snapshot.value;
  }
}

const GROUPS: readonly PriorityGroupDefinition[] = Object.values(PRIORITY_GROUPS).flatMap(
  (byApp) => Object.values(byApp) as PriorityGroupDefinition[],
);

type Backlog = { pending: number; ackPending: number };

/**
 * Each priority group's backlog, the sum of its lanes' (a pool drains all of its lanes, so that sum
 * is what autoscaling follows); a group with a lane nobody provisioned yet is left out.
 */
function groupBacklogs(consumers: ReadonlyMap<string, Backlog>): [string, Backlog][] {
  return GROUPS.flatMap((group) => {
    const lanes = group.lanes.map((lane) => consumers.get(lane.durable));
    if (lanes.some((lane) => lane === undefined)) return [];
    const sum = (pick: (backlog: Backlog) => number) =>
      lanes.reduce((total, lane) => total + (lane === undefined ? 0 : pick(lane)), 0);
    return [[group.name, { pending: sum((b) => b.pending), ackPending: sum((b) => b.ackPending) }]];
  });
}

/** Reads every durable's backlog and the DLQ stream's state; what cannot be read is left out. */
export async function readBusSnapshot(bus: Bus): Promise<BusSnapshot> {
  const consumer = async ({ stream, durable }: (typeof ALL_CONSUMERS)[number]) => {
    const info = await bus.jsm.consumers.info(wireStreamName(bus.namespace, stream), durable);
    return [durable, { pending: info.num_pending, ackPending: info.num_ack_pending }] as const;
  };
  const [consumers, dlq] = await Promise.all([
    Promise.allSettled(ALL_CONSUMERS.map(consumer)),
    bus.jsm.streams.info(wireStreamName(bus.namespace, STREAMS.dlq.name)).then(
      ({ state }) => ({ messages: state.messages, lastSequence: state.last_seq }),
      () => undefined,
    ),
  ]);
  return {
    consumers: new Map(
      consumers.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    ),
    dlq,
  };
}
