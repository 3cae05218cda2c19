import { type ProjectState } from '@agentbus/contracts';
import { type Progress } from './progress-model';

/** What a progress bar or a status line shows. */
export interface ProgressSummary {
  readonly state: ProjectState;
  readonly done: number;
  readonly total: number;
  /** Stages running now (a retrying one says so), or what the project waits for. */
  readonly current: readonly string[];
  readonly tokens: number;
  readonly costUsd: number;
}

export function summarize(progress: Progress): ProgressSummary {
  const entries = Object.entries(progress.stages);
  const done = entries.filter(([, status]) => status === 'succeeded').length;
  const running = entries
    .filter(([, status]) => status === 'running' || status === 'retrying')
    .map(([stage, status]) => (status === 'retrying' ? `${stage} (retrying)` : stage));
  const gate = progress.openGate;
  const current =
    gate !== undefined
      ? [`waiting for ${gate.gate}`]
      : running.length > 0
        ? running
        : [progress.state];
  return {
    state: progress.state,
    done,
    total: progress.stageCount,
    current,
    tokens: progress.tokens,
    costUsd: progress.costUsd,
  };
}
