// Workflow benchmark: N projects through the whole pipeline (all six services as processes, offline
// provider, gates auto-approved over the API), C at a time. Prints projects/s, the orchestration
// overhead per stage transition (p50/p99) and each service's peak RSS. See README.md.
//
//   npm run bench:workflow -- [--projects 200] [--concurrency 50] [--latency-ms 0] [--workers 1]
//   (builds first; needs NATS_URL, DATABASE_URL, CHROMA_URL: eval "$(tools/scripts/dev-services.sh start)")
import '../messaging/register-paths';
import { type AppName } from '@agentbus/contracts';
import { natsUrl, startStack, testNamespace } from '@agentbus/testing';
import { driveProject } from './drive-project';
import { orchestrationOverheadMs, percentile } from './overhead';
import { peakRssMiB } from './peak-rss';

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const raw =
    at >= 0 ? process.argv[at + 1] : process.env[`BENCH_${name.toUpperCase().replace('-', '_')}`];
  return raw === undefined ? fallback : Number(raw);
};

async function main(): Promise<void> {
  const projects = flag('projects', 200);
  const concurrency = flag('concurrency', 50);
  const latencyMs = flag('latency-ms', 0);
  const workers = flag('workers', 1);
  const namespace = testNamespace();
  const stack = await startStack(namespace, {
    'cpu-agent-worker': { LLM_OFFLINE_LATENCY_MS: String(latencyMs), LOG_LEVEL: 'error' },
  });
  const extraWorkers = [];
  for (let i = 1; i < workers; i += 1) extraWorkers.push(await stack.start('cpu-agent-worker'));
  try {
    const states = new Map<string, number>();
    let next = 0;
    let done = 0;
    const started = performance.now();
    const progress = setInterval(() => {
      process.stderr.write(
        `\r${done}/${projects} projects done (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }, 1_000);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, projects) }, async () => {
        while (next < projects) {
          const index = next++;
          const state = await driveProject(
            { url: stack.gatewayUrl, apiKey: stack.apiKey },
            index,
            250,
          );
          states.set(state, (states.get(state) ?? 0) + 1);
          done += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(progress);
    const overhead = (await orchestrationOverheadMs(await natsUrl(), namespace)).sort(
      (a, b) => a - b,
    );
    const rss = [...stack.apps.entries()].map(
      ([app, running]) => [app, peakRssMiB(running.process.pid)] as const,
    );
    report({ projects, concurrency, latencyMs, workers, seconds, states, overhead, rss });
  } finally {
    await stack.stop();
  }
}

function report(run: {
  projects: number;
  concurrency: number;
  latencyMs: number;
  workers: number;
  seconds: number;
  states: Map<string, number>;
  overhead: number[];
  rss: (readonly [AppName, number])[];
}): void {
  const lines = [
    '',
    `workflow bench: ${run.projects} projects, concurrency ${run.concurrency}, offline latency ${run.latencyMs} ms, ${run.workers} worker(s)`,
    `  outcome:        ${[...run.states].map(([state, n]) => `${n} ${state}`).join(', ')}`,
    `  wall time:      ${run.seconds.toFixed(1)} s`,
    `  throughput:     ${(run.projects / run.seconds).toFixed(2)} projects/s`,
    `  orchestration overhead per stage transition (result created -> next task created, n=${run.overhead.length}):`,
    `                  p50 ${percentile(run.overhead, 50).toFixed(1)} ms, p99 ${percentile(run.overhead, 99).toFixed(1)} ms, max ${(run.overhead.at(-1) ?? NaN).toFixed(1)} ms`,
    '  peak RSS (VmHWM):',
    ...run.rss.map(([app, mib]) => `                  ${app.padEnd(20)} ${mib.toFixed(0)} MiB`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
