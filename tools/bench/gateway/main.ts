// Gateway reads benchmark: the gateway (with the orchestrator and CPU worker that own the schemas it
// reads) as processes, N projects seeded into the orchestrator's tables, then autocannon on
// /healthz, GET /v1/projects/:id and GET /v1/projects, and the SSE push latency. See README.md.
//
//   npm run bench:gateway -- [--projects 1000] [--connections 50] [--seconds 10] [--rounds 1] [--keep]
//                            [--rate-limited]
//   (builds first; needs NATS_URL, DATABASE_URL, CHROMA_URL; AGENTBUS_CPU_PROF_DIR=dir profiles)
import '../messaging/register-paths';
import { type AppName } from '@agentbus/contracts';
import {
  deleteNamespaceStreams,
  natsUrl,
  postgresUrl,
  type RunningApp,
  startApp,
  testNamespace,
} from '@agentbus/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { drive, type RouteFigures } from './drive';
import { seedProjects } from './seed';
import { sseLatencies } from './sse-latency';

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  return raw === undefined ? fallback : Number(raw);
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const SCHEMAS = ['gateway', 'master_orchestrator', 'cpu_agent_worker'];
const RATE_LIMITED = process.argv.includes('--rate-limited');

/** A viewer key with its own request rate (0: none; else a burst no bench reaches). */
async function createViewer(
  url: string,
  adminKey: string,
  name: string,
  requestsPerMinute: number,
): Promise<string> {
  const created = await fetch(`${url}/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      role: 'viewer',
      limits: { requestsPerMinute, ...(requestsPerMinute === 0 ? {} : { burst: 100_000 }) },
    }),
  });
  if (created.status !== 201) throw new Error(`POST /v1/api-keys: ${created.status}`);
  return ((await created.json()) as { key: string }).key;
}

async function startApps(namespace: string, adminKey: string): Promise<RunningApp[]> {
  const schema = (app: AppName) => `${namespace}_${app.replace(/-/g, '_')}`;
  const shared = {
    ORCHESTRATOR_SCHEMA: schema('master-orchestrator'),
    WORKER_SCHEMA: schema('cpu-agent-worker'),
    GATEWAY_ADMIN_API_KEY: adminKey,
    LLM_PROVIDER: 'offline',
    LOG_LEVEL: 'warn',
  };
  const apps: RunningApp[] = [];
  // The owners first: their migrations make the tables and views the gateway reads.
  for (const app of ['master-orchestrator', 'cpu-agent-worker', 'gateway'] as const) {
    const running = await startApp(app, namespace, shared);
    await running.process.waitForHttp(`${running.url}/readyz`, { timeoutMs: 60_000 });
    apps.push(running);
  }
  return apps;
}

async function main(): Promise<void> {
  const projects = flag('projects', 1_000);
  const connections = flag('connections', 50);
  const seconds = flag('seconds', 10);
  const rounds = flag('rounds', 1);
  const namespace = testNamespace();
  const adminKey = randomBytes(24).toString('hex');
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  const apps = await startApps(namespace, adminKey);
  const url = apps.at(-1)?.url ?? '';
  try {
    // Without a rate: the bench measures the reads. --rate-limited adds a key whose rate is
    // checked on every request but never reached, to measure what the check costs.
    const apiKey = await createViewer(url, adminKey, 'bench-viewer', 0);
    const limitedKey = RATE_LIMITED
      ? await createViewer(url, adminKey, 'bench-viewer-limited', 600_000)
      : undefined;
    const orchestrator = `${namespace}_master_orchestrator`;
    const ids = await seedProjects(pg, orchestrator, projects);
    for (const path of [`/v1/projects/${ids[0]}`, '/v1/projects']) {
      const answer = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      if (answer.ok) continue;
      const log = apps.at(-1)?.process.output().slice(-3_000) ?? '';
      throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}\n${log}`);
    }
    const load = { connections, seconds, apiKey };
    const figures: RouteFigures[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      figures.push(await drive('/healthz', url, ['/healthz'], load));
      const details = ids.map((id) => `/v1/projects/${id}`);
      figures.push(await drive('GET /v1/projects/:id', url, details, load));
      figures.push(await drive('GET /v1/projects', url, ['/v1/projects'], load));
      if (limitedKey === undefined) continue;
      const limited = { ...load, apiKey: limitedKey };
      figures.push(await drive('GET /v1/projects/:id, rate-limited key', url, details, limited));
      figures.push(await drive('GET /v1/projects/:id', url, details, load));
      figures.push(await drive('GET /v1/projects/:id, rate-limited key', url, details, limited));
    }
    const target = { url, apiKey, projectId: ids[0] ?? '' };
    const sse = (await sseLatencies(pg, orchestrator, target, 200)).sort((a, b) => a - b);
    print(figures, { projects, connections, seconds }, sse);
  } finally {
    for (const app of apps.reverse()) {
      app.process.kill();
      await app.process.waitForExit(20_000).catch(() => app.process.kill('SIGKILL'));
    }
    if (process.argv.includes('--keep')) process.stdout.write(`schemas kept: ${namespace}_*\n`);
    for (const app of process.argv.includes('--keep') ? [] : SCHEMAS) {
      await pg.query(`DROP SCHEMA IF EXISTS "${namespace}_${app}" CASCADE`);
    }
    await pg.end();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  }
}

function print(
  figures: readonly RouteFigures[],
  run: { projects: number; connections: number; seconds: number },
  sse: readonly number[],
): void {
  const lines = [
    `gateway reads: ${run.projects} projects, ${run.connections} connections, ${run.seconds} s each`,
    '| route | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...figures.map(
      (f) =>
        `| ${f.route} | ${Math.round(f.requestsPerSecond)} | ${f.p50Ms} | ${f.p99Ms} | ${f.non2xx} | ${f.errors} |`,
    ),
    `SSE push, commit -> client (${sse.length} events): p50 ${percentile(sse, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(sse, 99).toFixed(1)} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
