import { GATE_IDS } from '@agentbus/contracts';
import { approve, submitProject } from './bench-api';
import { type BenchContext, type ModeResult } from './bench-context';
import { forEachLimit, sleep } from './pool';
import { cpuBetween, cpuSnapshot } from './proc-cpu';
import { rssBytes } from './rss';
import { cpuLines, overheadLines, perService, stageLines } from './report';
import { percentile, readTaskStream } from './task-stream';
import { type OpenGate, WorkflowWatch } from './workflow-watch';

const FIRST_GATE = GATE_IDS[0]; // prd_approval
const MiB = 1024 * 1024;

/**
 * The hold mode: N projects submitted (S at a time) and held at the first gate, then all
 * approved as fast as S parallel requests go; completions are printed as they come. Later gates,
 * if any are configured, are approved as they open.
 */
export async function runHold(ctx: BenchContext, n: number): Promise<ModeResult> {
  const { submitConcurrency, timeoutS } = ctx.flags;
  const deadlineAt = performance.now() + timeoutS * 1000;
  const rss = () => new Map(ctx.services.map(({ label, pid }) => [label, rssBytes(pid)]));
  let released = false;
  const watch = await WorkflowWatch.open(ctx.natsUrl, ctx.namespace, (gate) => {
    if (released && gate.gate !== FIRST_GATE) void approveOrReport(ctx, gate);
  });
  try {
    const rssBefore = rss();
    const before = cpuSnapshot(ctx.targets);
    const ids: string[] = [];
    await forEachLimit(
      Array.from({ length: n }, (_, i) => i),
      submitConcurrency,
      async (index) => void ids.push(await submitProject(ctx.api, index)),
    );
    const submittedS = (performance.now() - before.atMs) / 1000;
    const waiting = () => ids.filter((id) => watch.openGates.get(id)?.gate === FIRST_GATE);
    while (waiting().length < n && performance.now() < deadlineAt) {
      process.stderr.write(`\r${waiting().length}/${n} waiting at ${FIRST_GATE}`);
      await sleep(500);
    }
    const heldS = (performance.now() - before.atMs) / 1000;
    const rssHeld = rss();
    const gates = waiting().flatMap((id) => watch.openGates.get(id) ?? []);
    released = true;
    const approvedAt = Date.now();
    const lines = [
      `  submitted ${n} in ${submittedS.toFixed(1)} s (${(n / submittedS).toFixed(1)}/s, ${submitConcurrency} at a time); ${gates.length} waiting at ${FIRST_GATE} after ${heldS.toFixed(1)} s`,
      '  completions after approving all (time since the first approval was sent, completed):',
    ];
    const progress = followCompletions(ids, watch, approvedAt, lines);
    await forEachLimit(gates, submitConcurrency, (gate) => approveOrReport(ctx, gate));
    const approveS = (Date.now() - approvedAt) / 1000;
    while (watch.ends.size < n && performance.now() < deadlineAt) await sleep(250);
    clearInterval(progress);
    const rssEnd = rss();
    const run = cpuBetween(before, cpuSnapshot(ctx.targets));
    const tasks = await readTaskStream(ctx.natsUrl, ctx.namespace);
    const missing = ids.filter((id) => watch.ends.get(id)?.state !== 'completed');
    lines.push(
      `  approved ${gates.length} in ${approveS.toFixed(1)} s`,
      ...completionLines(ids, watch, approvedAt),
      ...stageLines(tasks),
      ...overheadLines(tasks, ctx.floorMs),
      ...cpuLines(ctx.targets, run, ctx.idle, n, tasks.stagesRun),
      ...perService(
        '  RSS before submit / at hold / at end, and bytes per in-flight project ((hold - before) / N):',
        ctx.services.map(({ label }) => {
          const [b, h, e] = [rssBefore, rssHeld, rssEnd].map((m) => m.get(label) ?? NaN);
          const fmt = (bytes: number | undefined) => `${((bytes ?? NaN) / MiB).toFixed(0)} MiB`;
          return [
            label,
            `${fmt(b)} / ${fmt(h)} / ${fmt(e)}   ${(((h ?? NaN) - (b ?? NaN)) / n / 1024).toFixed(1)} KiB/project`,
          ];
        }),
      ),
      missing.length === 0
        ? `  nothing lost: all ${n} completed`
        : `  NOT COMPLETED: ${missing.length} of ${n}`,
      ...missing.slice(0, 50).map((id) => `    ${id} ${describe(id, watch)}`),
    );
    return { lines, allCompleted: missing.length === 0 };
  } finally {
    await watch.close();
  }
}

async function approveOrReport(ctx: BenchContext, gate: OpenGate): Promise<void> {
  try {
    await approve(ctx.api, gate.projectId, gate.gate, gate.attempt);
  } catch (error) {
    process.stderr.write(
      `\napproval failed for ${gate.projectId} ${gate.gate}: ${String(error)}\n`,
    );
  }
}

/** A line per 10% of N completed, or every 10 s without one; live on stderr, kept in `lines`. */
function followCompletions(
  ids: readonly string[],
  watch: WorkflowWatch,
  approvedAt: number,
  lines: string[],
): NodeJS.Timeout {
  let nextShare = 0.1;
  let lastLineAt = Date.now();
  return setInterval(() => {
    const completed = ids.filter((id) => watch.ends.get(id)?.state === 'completed').length;
    const now = Date.now();
    if (completed / ids.length + 1e-9 < nextShare && now - lastLineAt < 10_000) return;
    while (completed / ids.length + 1e-9 >= nextShare) nextShare += 0.1;
    lastLineAt = now;
    const line = `    +${((now - approvedAt) / 1000).toFixed(1).padStart(6)} s  ${completed}/${ids.length}`;
    lines.push(line);
    process.stderr.write(`${line}\n`);
  }, 200);
}

/** Approval → median and → last completion, from the completion events' own times. */
function completionLines(ids: readonly string[], watch: WorkflowWatch, approvedAt: number) {
  const after = ids
    .flatMap((id) => {
      const end = watch.ends.get(id);
      return end?.state === 'completed' ? [end.atMs - approvedAt] : [];
    })
    .sort((a, b) => a - b);
  const median = percentile(after, 50);
  const last = after.at(-1) ?? NaN;
  return [
    `  approval -> median completion ${(median / 1000).toFixed(1)} s, -> last completion ${(last / 1000).toFixed(1)} s, median / last ${(median / last).toFixed(2)}`,
  ];
}

function describe(id: string, watch: WorkflowWatch): string {
  const end = watch.ends.get(id);
  if (end) return `${end.state}${end.cause ? `: ${end.cause}` : ''}`;
  const gate = watch.openGates.get(id);
  return gate
    ? `last gate opened: ${gate.gate} (attempt ${gate.attempt})`
    : 'running (no end event)';
}
