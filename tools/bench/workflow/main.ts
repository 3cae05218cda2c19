// Workflow benchmark: all six services as processes (offline provider), then N projects through
// the whole pipeline, C at a time (or, with --hold N, N held at the first gate and approved at
// once). Prints throughput, the orchestration overhead per stage transition against the physical
// floor, CPU per project and per stage for every process, idle CPU, RSS. See README.md.
//
//   npm run bench:workflow -- [--projects 200] [--concurrency 50] [--latency-ms 0] [--workers 1]
//     [--artifact-bytes N] [--idle-s 30] [--floor-iterations 500] [--hold N]
//     [--submit-concurrency 50] [--timeout-s 900]
//   (builds first; needs NATS_URL, DATABASE_URL, CHROMA_URL: eval "$(tools/scripts/dev-services.sh start)")
import '../messaging/register-paths';
import { natsUrl, postgresUrl, startStack, type Stack, testNamespace } from '@agentbus/testing';
import { type BenchContext } from './bench-context';
import { runDrive } from './drive';
import { type BenchFlags, parseFlags } from './flags';
import { measureFloor } from './floor';
import { runHold } from './hold';
import { sleep } from './pool';
import { chromaPids, cpuBetween, cpuSnapshot, type CpuTarget, pidsNamed } from './proc-cpu';

const startedAt = performance.now();
const log = (text: string): void => {
  process.stderr.write(`[${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${text}\n`);
};

async function main(): Promise<void> {
  const flags = parseFlags();
  const namespace = testNamespace();
  log(`starting the stack in namespace ${namespace}`);
  const stack = await startStack(namespace, {
    'cpu-agent-worker': {
      LLM_OFFLINE_LATENCY_MS: String(flags.latencyMs),
      LLM_OFFLINE_ARTIFACT_BYTES: flags.artifactBytes?.toString(),
      LOG_LEVEL: 'error',
    },
  });
  try {
    const services = await servicesOf(stack, flags.workers);
    const targets: CpuTarget[] = [
      ...services.map(({ label, pid }) => ({
        label,
        kind: 'service' as const,
        pids: () => (pid === undefined ? [] : [pid]),
      })),
      { label: 'postgres (all processes)', kind: 'server', pids: () => pidsNamed('postgres') },
      { label: 'nats-server', kind: 'server', pids: () => pidsNamed('nats-server') },
      // memory-service's vectors: on this machine's cores too, though no stage waits on it.
      { label: 'chroma', kind: 'server', pids: chromaPids },
    ];
    const idle = await measureIdle(targets, flags.idleS);
    log(`measuring the floor (${flags.floorIterations} iterations)`);
    const floorMs = await measureFloor({
      natsUrl: await natsUrl(),
      postgresUrl: await postgresUrl(),
      namespace,
      iterations: flags.floorIterations,
    });
    const ctx: BenchContext = {
      api: { url: stack.gatewayUrl, apiKey: stack.apiKey },
      natsUrl: await natsUrl(),
      postgresUrl: await postgresUrl(),
      namespace,
      flags,
      targets,
      services,
      idle,
      floorMs,
    };
    log('load');
    const result = flags.hold === undefined ? await runDrive(ctx) : await runHold(ctx, flags.hold);
    process.stdout.write(`\n${[title(flags), ...result.lines].join('\n')}\n`);
    if (!result.allCompleted) process.exitCode = 1;
  } finally {
    log('stopping the stack');
    await stack.stop();
    log('stopped');
  }
}

/** Every service process; extra workers get `#2`, `#3`… (the stack's map keeps only the last). */
async function servicesOf(stack: Stack, workers: number) {
  const services = [...stack.apps.entries()].map(([app, running]) => ({
    label: app as string,
    pid: running.process.pid,
  }));
  for (let i = 2; i <= workers; i += 1) {
    const extra = await stack.start('cpu-agent-worker');
    services.push({ label: `cpu-agent-worker#${i}`, pid: extra.process.pid });
  }
  return services;
}

const IDLE_SETTLE_S = 10;

/** CPU of every process over `seconds` with no load, after start-up; undefined for 0 s. */
async function measureIdle(targets: readonly CpuTarget[], seconds: number) {
  if (seconds === 0) return undefined;
  // Start-up's tail (JIT, the first GCs, the relays' first polls) is not what idle costs.
  log(`settling ${IDLE_SETTLE_S} s, then measuring idle CPU for ${seconds} s`);
  await sleep(IDLE_SETTLE_S * 1000);
  const from = cpuSnapshot(targets);
  await sleep(seconds * 1000);
  return cpuBetween(from, cpuSnapshot(targets));
}

function title(flags: BenchFlags): string {
  const load =
    flags.hold === undefined
      ? `${flags.projects} projects, concurrency ${flags.concurrency}`
      : `hold ${flags.hold} projects at the first gate, submit/approve concurrency ${flags.submitConcurrency}`;
  const artifacts =
    flags.artifactBytes === undefined ? 'natural size' : `about ${flags.artifactBytes} bytes`;
  return `workflow bench: ${load}, offline latency ${flags.latencyMs} ms, artifacts ${artifacts}, ${flags.workers} worker(s)`;
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
