import { CLOCK_TICKS, type CpuTarget } from './proc-cpu';
import { percentile, type TaskFigures } from './task-stream';

/** CPU ms per target over a window, and the window's wall time. */
export interface CpuUse {
  readonly wallMs: number;
  readonly cpuMs: ReadonlyMap<string, number>;
}

const ms = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';
const pad = (text: string, width: number): string => text.padStart(width);

/**
 * The CPU table: per target, ms over the run, per project, per stage transition, % of a core
 * during the run, and % of a core while idle; totals for the node services and for everything.
 */
export function cpuLines(
  targets: readonly CpuTarget[],
  run: CpuUse,
  idle: CpuUse | undefined,
  projects: number,
  stages: number,
): string[] {
  const row = (label: string, used: number, idleMs: number | undefined): string =>
    [
      `    ${label.padEnd(26)}`,
      pad(ms(used, 0), 9),
      pad(ms(used / projects, 2), 11),
      pad(ms(used / stages, 3), 10),
      pad(ms((100 * used) / run.wallMs), 8),
      pad(idle && idleMs !== undefined ? ms((100 * idleMs) / idle.wallMs, 2) : '-', 12),
    ].join('');
  const sum = (kind: CpuTarget['kind'] | undefined, use: CpuUse | undefined): number =>
    targets
      .filter((t) => kind === undefined || t.kind === kind)
      .reduce((total, t) => total + (use?.cpuMs.get(t.label) ?? 0), 0);
  return [
    `  CPU (/proc utime+stime, CLK_TCK ${CLOCK_TICKS}) over the measured run, ${ms(run.wallMs / 1000)} s, ${projects} projects, ${stages} stage transitions:`,
    `    ${'process'.padEnd(26)}${pad('CPU ms', 9)}${pad('ms/project', 11)}${pad('ms/stage', 10)}${pad('% core', 8)}${pad(`idle ${idle ? ms(idle.wallMs / 1000, 0) : '-'} s`, 12)}`,
    ...targets.map((t) => row(t.label, run.cpuMs.get(t.label) ?? 0, idle?.cpuMs.get(t.label))),
    row('node services, total', sum('service', run), idle ? sum('service', idle) : undefined),
    row('postgres + nats + chroma', sum('server', run), idle ? sum('server', idle) : undefined),
    row('all', sum(undefined, run), idle ? sum(undefined, idle) : undefined),
  ];
}

/** Overhead per stage transition and the floor, with the overhead as a multiple of the floor. */
export function overheadLines(tasks: TaskFigures, floor: readonly number[]): string[] {
  const o = tasks.overheadMs;
  const f = [...floor].sort((a, b) => a - b);
  const floorP50 = percentile(f, 50);
  const lines = [
    `  orchestration overhead per stage transition (result created -> next task created, n=${o.length}):`,
    `                  p50 ${ms(percentile(o, 50))} ms, p99 ${ms(percentile(o, 99))} ms, max ${ms(o.at(-1) ?? NaN)} ms`,
  ];
  if (f.length === 0) return [...lines, '  floor:          skipped'];
  return [
    ...lines,
    `  floor (publish ack + commit + publish ack + commit, n=${f.length}):`,
    `                  p50 ${ms(floorP50, 2)} ms, p99 ${ms(percentile(f, 99), 2)} ms, max ${ms(f.at(-1) ?? NaN, 2)} ms`,
    `  overhead / floor p50: p50 ${ms(percentile(o, 50) / floorP50)}x, p99 ${ms(percentile(o, 99) / floorP50)}x`,
  ];
}

/** Stage durations (task requested -> result): all stages, then each stage; answer sizes. */
export function stageLines(tasks: TaskFigures): string[] {
  const all = [...tasks.stageMs.values()].flat().sort((a, b) => a - b);
  const chars = tasks.outputTokens.map((tokens) => tokens * 4);
  return [
    `  answer size (output tokens x 4, n=${chars.length}): p50 ${ms(percentile(chars, 50), 0)} B, min ${ms(chars[0] ?? NaN, 0)} B, max ${ms(chars.at(-1) ?? NaN, 0)} B`,
    `  stage duration (task requested -> result created, n=${all.length}): p50 ${ms(percentile(all, 50))} ms, p99 ${ms(percentile(all, 99))} ms`,
    ...[...tasks.stageMs].map(
      ([stage, list]) =>
        `    ${stage.padEnd(16)} n=${String(list.length).padEnd(6)} p50 ${pad(ms(percentile(list, 50)), 8)} ms   p99 ${pad(ms(percentile(list, 99)), 8)} ms`,
    ),
  ];
}

/** Figures of one process per line, as `label  value`. */
export const perService = (
  title: string,
  rows: readonly (readonly [string, string])[],
): string[] => [title, ...rows.map(([label, value]) => `    ${label.padEnd(26)}${value}`)];
