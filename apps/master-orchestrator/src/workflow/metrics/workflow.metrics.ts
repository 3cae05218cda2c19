import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { type Decision, type WorkflowInput } from '../workflow.types';

// Stages are LLM calls: seconds to tens of minutes.
const STAGE_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1_200, 1_800, 3_600];

const TERMINAL = {
  project_completed: 'completed',
  project_failed: 'failed',
  project_cancelled: 'cancelled',
} as const;

/**
 * The workflow's counters and histograms (DESIGN §13), fed from committed decisions only, so they
 * move exactly when the state they describe changes.
 */
@Injectable()
export class WorkflowMetrics {
  private readonly projects: Counter<'state'>;
  private readonly stageDuration: Histogram<'stage'>;
  private readonly errors: Counter<'kind'>;

  constructor(registry: Registry) {
    this.projects = new Counter({
      name: 'agent_bus_projects_total',
      help: 'Projects submitted, and projects that reached a terminal state, by state.',
      labelNames: ['state'],
      registers: [registry],
    });
    this.stageDuration = new Histogram({
      name: 'agent_bus_stage_duration_seconds',
      help: 'Time from dispatching a stage attempt to its success, by stage.',
      labelNames: ['stage'],
      buckets: STAGE_BUCKETS,
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'agent_bus_errors_total',
      help: 'Workflow errors by kind: stage_failure, timeout, stale_result.',
      labelNames: ['kind'],
      registers: [registry],
    });
    // Every series exists from the start at 0, so rate() and alerts see the first increment.
    for (const state of ['submitted', ...Object.values(TERMINAL)]) this.projects.inc({ state }, 0);
    for (const kind of ['stage_failure', 'timeout', 'stale_result']) this.errors.inc({ kind }, 0);
  }

  /** Counts what one committed decision did. */
  record(input: WorkflowInput, decision: Decision): void {
    if (input.kind === 'submitted' && decision.ignored === undefined) {
      this.projects.inc({ state: 'submitted' });
    }
    if (decision.ignored?.reason === 'stale_result') this.errors.inc({ kind: 'stale_result' });
    for (const effect of decision.effects) {
      if (effect.kind !== 'event') continue;
      const { event } = effect;
      if (event.name === 'stage_completed') {
        this.stageDuration.observe({ stage: event.data.stage }, event.data.durationMs / 1_000);
      } else if (event.name === 'stage_failed') {
        this.errors.inc({ kind: input.kind === 'task_timed_out' ? 'timeout' : 'stage_failure' });
      } else if (event.name in TERMINAL) {
        this.projects.inc({ state: TERMINAL[event.name as keyof typeof TERMINAL] });
      }
    }
  }
}
