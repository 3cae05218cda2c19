import { CONSUMERS, type ConsumerDefinition, wireStreamName } from '@agentbus/contracts';
import { type Bus } from '@agentbus/messaging';
import { BUS } from '@agentbus/messaging-nest';
import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { GAUGE_SETTINGS, type GaugeSettings } from '../workflow.settings';

// The task queues workers drain, and this app's own inputs.
const QUEUES: readonly ConsumerDefinition[] = [
  CONSUMERS.cpuWorker.cpuTaskRequested,
  CONSUMERS.gpuController.gpuJobRequested,
  ...Object.values(CONSUMERS.orchestrator),
];

// Active projects by the stages they have in flight (dispatched, or waiting for a retry). Driven
// from the projects' state index, so it reads only active projects' stage rows.
const BY_STAGE = `
  SELECT s.stage, count(*)::int AS projects
  FROM projects p JOIN stages s ON s.project_id = p.id
  WHERE p.state IN ('running', 'waiting_approval')
    AND (s.state IN ('dispatched', 'running') OR s.next_attempt_at IS NOT NULL)
  GROUP BY s.stage`;

/** Gauges computed at scrape time from Postgres and JetStream (DESIGN §13). */
@Injectable()
export class WorkflowGauges {
  private depths: { at: number; values: Map<string, number> } = { at: 0, values: new Map() };

  constructor(
    registry: Registry,
    private readonly dataSource: DataSource,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(GAUGE_SETTINGS) private readonly settings: GaugeSettings,
  ) {
    const byStage = async (gauge: Gauge<'stage'>) => this.collectByStage(gauge);
    const depth = async (gauge: Gauge<'consumer'>) => this.collectQueueDepth(gauge);
    new Gauge({
      name: 'agent_bus_projects_by_stage',
      help: 'Running projects by the stage they have in flight.',
      labelNames: ['stage'],
      registers: [registry],
      collect() {
        return byStage(this);
      },
    });
    new Gauge({
      name: 'agent_bus_queue_depth',
      help: 'Messages waiting or in progress on a durable consumer (num_pending + num_ack_pending).',
      labelNames: ['consumer'],
      registers: [registry],
      collect() {
        return depth(this);
      },
    });
  }

  private async collectByStage(gauge: Gauge<'stage'>): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    const rows = await this.dataSource
      .query<{ stage: string; projects: number }[]>(BY_STAGE)
      .catch(() => undefined); // a scrape during a database outage keeps the last values
    if (rows === undefined) return;
    gauge.reset();
    for (const row of rows) gauge.set({ stage: row.stage }, row.projects);
  }

  private async collectQueueDepth(gauge: Gauge<'consumer'>): Promise<void> {
    if (Date.now() - this.depths.at >= this.settings.queueDepthCacheMs) {
      this.depths = { at: Date.now(), values: await this.readDepths() };
    }
    gauge.reset();
    for (const [consumer, depth] of this.depths.values) gauge.set({ consumer }, depth);
  }

  private async readDepths(): Promise<Map<string, number>> {
    const read = async (queue: ConsumerDefinition) => {
      const stream = wireStreamName(this.bus.namespace, queue.stream);
      const info = await this.bus.jsm.consumers.info(stream, queue.durable);
      return [queue.durable, info.num_pending + info.num_ack_pending] as const;
    };
    // A durable nobody provisioned yet (its app never started) is left out, not an error.
    const settled = await Promise.allSettled(QUEUES.map(read));
    return new Map(
      settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    );
  }
}
