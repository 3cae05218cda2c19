import { type Stage } from '../api/gateway-types';

/** One row of the timeline: a stage alone, or stages that ran side by side (parallel lanes). */
export interface TimelineStep {
  readonly lanes: readonly Stage[];
}

const startOf = (stage: Stage): number | undefined =>
  stage.startedAt === null ? undefined : Date.parse(stage.startedAt);
const endOf = (stage: Stage, now: number): number =>
  stage.finishedAt === null ? now : Date.parse(stage.finishedAt);

/**
 * The timeline of a project's stages (given in dispatch order): consecutive stages whose run
 * intervals overlap share a step, one lane each, so the four review stages show as parallel lanes
 * once they run. Lanes come from what ran, not from a copy of the DAG (which a project pins per
 * workflow version); stages that have not started are a step each. Skipped stages are left out.
 */
export function timelineOf(stages: readonly Stage[], now: number): TimelineStep[] {
  const steps: { lanes: Stage[]; from: number; to: number }[] = [];
  for (const stage of stages) {
    if (stage.state === 'skipped') continue;
    const start = startOf(stage);
    const last = steps.at(-1);
    if (start === undefined) {
      steps.push({ lanes: [stage], from: Number.NaN, to: Number.NaN });
      continue;
    }
    const end = endOf(stage, now);
    if (last !== undefined && start < last.to && end > last.from) {
      last.lanes.push(stage);
      last.from = Math.min(last.from, start);
      last.to = Math.max(last.to, end);
    } else {
      steps.push({ lanes: [stage], from: start, to: end });
    }
  }
  return steps.map(({ lanes }) => ({ lanes }));
}

/** A duration as people read it: 850 ms, 12.3 s, 4 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long a stage has run: its recorded duration, else since it started (still running). */
export function stageDurationMs(stage: Stage, now: number): number | null {
  if (stage.durationMs !== null) return stage.durationMs;
  const start = startOf(stage);
  return start === undefined ? null : endOf(stage, now) - start;
}

/** Cost in dollars with enough digits for the offline model's cents and a real model's dollars. */
export const formatCost = (usd: number): string => `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
