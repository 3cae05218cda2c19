import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { type JobState } from './gpu-job.store';

const STATES: readonly JobState[] = [
  'queued',
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];

/** The GPU metrics of DESIGN §13, kept by the supervisor. */
export class GpuMetrics {
  private readonly jobs: Gauge<'state'>;
  private readonly queueDepth: Gauge;
  private readonly finished: Counter<'outcome' | 'code'>;
  private readonly pending: Histogram;
  private readonly run: Histogram;

  constructor(registry: Registry) {
    this.jobs = new Gauge({
      name: 'agent_bus_gpu_jobs',
      help: 'GPU jobs by state, as of the last supervisor pass',
      labelNames: ['state'],
      registers: [registry],
    });
    this.queueDepth = new Gauge({
      name: 'agent_bus_gpu_queue_depth',
      help: 'GPU tasks waiting for a job (queued) or for a GPU node (pending)',
      registers: [registry],
    });
    this.finished = new Counter({
      name: 'agent_bus_gpu_jobs_finished_total',
      help: 'Finished GPU jobs by outcome and failure code',
      labelNames: ['outcome', 'code'],
      registers: [registry],
    });
    this.pending = new Histogram({
      name: 'agent_bus_gpu_job_pending_seconds',
      help: 'Time from job creation to its pod running (GPU node wait, image pull)',
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1_800],
      registers: [registry],
    });
    this.run = new Histogram({
      name: 'agent_bus_gpu_job_run_seconds',
      help: 'Time from a job running to its end',
      buckets: [1, 5, 15, 60, 300, 900, 1_800, 3_600, 7_200],
      registers: [registry],
    });
  }

  counted(counts: ReadonlyMap<JobState, number>): void {
    for (const state of STATES) this.jobs.set({ state }, counts.get(state) ?? 0);
    this.queueDepth.set((counts.get('queued') ?? 0) + (counts.get('pending') ?? 0));
  }

  ended(outcome: 'succeeded' | 'failed' | 'cancelled', code = ''): void {
    this.finished.inc({ outcome, code });
  }

  waited(seconds: number): void {
    this.pending.observe(seconds);
  }

  ran(seconds: number): void {
    this.run.observe(seconds);
  }
}
