// Chaos run: N projects at concurrency C through the API of a stack on a private NATS and Postgres,
// while services are killed -9 one after another and NATS and Postgres are each crashed and restarted
// once; then the durable core's invariants are checked with SQL and the NATS monitoring endpoint.
// Prints a table; exits 1 when any invariant is violated. See README.md.
//
//   npm run chaos -- [--projects 200] [--concurrency 50] [--kills 10] [--kill-every-s 5]
//     [--replicas 2] [--workers 2] [--latency-ms 300] [--baseline] [--seed N] [--timeout-s 1200]
//   (builds first; needs CHROMA_URL: eval "$(tools/scripts/dev-services.sh start)")
import '../bench/messaging/register-paths';
import { parseArgs } from 'node:util';
import { reportLines } from './report';
import { type ChaosOptions, runChaos } from './run';

const startedAt = performance.now();
const log = (text: string): void => {
  process.stderr.write(`[${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${text}\n`);
};

function options(): { chaos: ChaosOptions; baseline: boolean } {
  const { values } = parseArgs({
    options: {
      projects: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '50' },
      kills: { type: 'string', default: '10' },
      'kill-every-s': { type: 'string', default: '5' },
      'restart-after-ms': { type: 'string', default: '1000' },
      'outage-ms': { type: 'string', default: '3000' },
      replicas: { type: 'string', default: '2' },
      workers: { type: 'string', default: '2' },
      'latency-ms': { type: 'string', default: '300' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      'timeout-s': { type: 'string', default: '1200' },
      'settle-s': { type: 'string', default: '60' },
      baseline: { type: 'boolean', default: false },
    },
  });
  const int = (name: keyof typeof values): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`--${name} must be a whole number ≥ 0, got ${String(values[name])}`);
    }
    return value;
  };
  const kills = int('kills');
  return {
    baseline: values.baseline === true,
    chaos: {
      projects: int('projects'),
      concurrency: int('concurrency'),
      replicas: int('replicas'),
      workers: int('workers'),
      latencyMs: int('latency-ms'),
      seed: int('seed'),
      timeoutS: int('timeout-s'),
      settleS: int('settle-s'),
      log,
      faults: {
        kills,
        everyMs: int('kill-every-s') * 1000,
        restartAfterMs: int('restart-after-ms'),
        outageMs: int('outage-ms'),
        // NATS a third of the way through the kills, Postgres at two thirds.
        natsAfterKill: Math.max(1, Math.round(kills / 3)),
        postgresAfterKill: Math.max(2, Math.round((2 * kills) / 3)),
      },
    },
  };
}

async function main(): Promise<void> {
  const { chaos, baseline } = options();
  const load = `${chaos.projects} projects at concurrency ${chaos.concurrency}, ${chaos.replicas} replicas per service, ${chaos.workers} workers, offline latency ${chaos.latencyMs} ms`;
  let before;
  if (baseline) {
    log(`no-fault pass: ${load}`);
    before = await runChaos({ ...chaos, faults: undefined });
    process.stdout.write(`\n${reportLines(`no-fault pass: ${load}`, before).join('\n')}\n`);
  }
  const plan = chaos.faults;
  const title =
    `chaos run (seed ${chaos.seed}): ${load}; ${plan?.kills} kills every ${(plan?.everyMs ?? 0) / 1000} s, ` +
    `nats-server killed after kill ${plan?.natsAfterKill}, postgres crashed after kill ${plan?.postgresAfterKill}`;
  log(title);
  const result = await runChaos(chaos);
  process.stdout.write(`\n${reportLines(title, result, before).join('\n')}\n`);
  const failed = [...result.checks, ...(before?.checks ?? [])].filter((check) => !check.ok);
  if (failed.length > 0) {
    process.stdout.write(
      `\n${failed.length} invariant(s) violated: ${failed.map((c) => c.name).join('; ')}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nchaos run failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
