import { approve, submitProject } from './bench-api';
import { type BenchContext, type ModeResult } from './bench-context';
import { forEachLimit } from './pool';
import { cpuBetween, cpuSnapshot } from './proc-cpu';
import { peakRssMiB } from './rss';
import { cpuLines, overheadLines, perService, stageLines } from './report';
import { rowCounts, rowCountsAfterFlush, rowLines } from './table-rows';
import { readTaskStream } from './task-stream';
import { type ProjectEnd, WorkflowWatch } from './workflow-watch';

/**
 * The throughput mode: N projects, C at a time, each submitted over HTTP and followed on the
 * workflow stream; every gate is approved over HTTP as soon as its event arrives.
 */
export async function runDrive(ctx: BenchContext): Promise<ModeResult> {
  const { projects, concurrency, timeoutS } = ctx.flags;
  const approvalErrors: string[] = [];
  const watch = await WorkflowWatch.open(ctx.natsUrl, ctx.namespace, (gate) => {
    approve(ctx.api, gate.projectId, gate.gate, gate.attempt).catch((error: unknown) => {
      approvalErrors.push(`${gate.projectId} ${gate.gate}: ${String(error)}`);
    });
  });
  const states = new Map<string, number>();
  // Unref'd: a finished run must not wait for it to fire.
  const deadline = new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), timeoutS * 1000).unref();
  });
  let done = 0;
  const rowsBefore = await rowCounts(ctx.postgresUrl, ctx.namespace);
  const before = cpuSnapshot(ctx.targets);
  const progress = setInterval(() => {
    const seconds = (performance.now() - before.atMs) / 1000;
    process.stderr.write(`\r${done}/${projects} projects done (${seconds.toFixed(0)} s)`);
  }, 1_000);
  try {
    await forEachLimit(
      Array.from({ length: projects }, (_, i) => i),
      concurrency,
      async (index) => {
        const id = await submitProject(ctx.api, index);
        const end: ProjectEnd | undefined = await Promise.race([watch.ended(id), deadline]);
        const state = end?.state ?? 'not ended before --timeout-s';
        states.set(state, (states.get(state) ?? 0) + 1);
        done += 1;
      },
    );
  } finally {
    clearInterval(progress);
    await watch.close();
  }
  const run = cpuBetween(before, cpuSnapshot(ctx.targets));
  const tasks = await readTaskStream(ctx.natsUrl, ctx.namespace);
  const rowsAfter = await rowCountsAfterFlush(ctx.postgresUrl, ctx.namespace);
  const completed = states.get('completed') ?? 0;
  const lines = [
    `  outcome:        ${[...states].map(([state, n]) => `${n} ${state}`).join(', ')}`,
    ...approvalErrors.slice(0, 10).map((e) => `  approval failed: ${e}`),
    `  wall time:      ${(run.wallMs / 1000).toFixed(1)} s`,
    `  throughput:     ${((completed * 1000) / run.wallMs).toFixed(2)} projects/s (completed)`,
    ...overheadLines(tasks, ctx.floorMs),
    ...stageLines(tasks),
    ...cpuLines(ctx.targets, run, ctx.idle, projects, tasks.stagesRun),
    ...rowLines(rowsBefore, rowsAfter, tasks.stagesRun),
    ...perService(
      '  peak RSS (VmHWM):',
      ctx.services.map(({ label, pid }) => [label, `${peakRssMiB(pid).toFixed(0)} MiB`]),
    ),
  ];
  return { lines, allCompleted: completed === projects };
}
