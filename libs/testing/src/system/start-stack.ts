import { randomBytes } from 'node:crypto';
import { APP_NAMES, type AppName } from '@agentbus/contracts';
import { deleteChromaCollections, memoryCollectionPrefix } from '../chroma';
import { deleteNamespaceStreams } from '../nats';
import { stopAllProcesses } from '../process';
import { chromaUrl, natsUrl, postgresUrl } from '../services';
import { Client } from 'pg';
import { type RunningApp, startApp } from './start-app';

/** Every app of one namespace, with the gateway's URL, an admin key and a Postgres client. */
export interface Stack {
  readonly namespace: string;
  readonly apps: Map<AppName, RunningApp>;
  readonly gatewayUrl: string;
  readonly apiKey: string;
  readonly pg: Client;
  /** The schema an app's tables live in. */
  schemaOf(app: AppName): string;
  /** Starts (or restarts) one app with the stack's wiring and waits until it is ready. */
  start(app: AppName, env?: Record<string, string | undefined>): Promise<RunningApp>;
  stop(): Promise<void>;
}

/** The schema an app's tables live in, in `namespace` (as startApp sets DATABASE_SCHEMA). */
export const schemaOf = (namespace: string, app: AppName) =>
  `${namespace}_${app.replace(/-/g, '_')}`;

/** What every app of one stack shares: the schemas it reads, the admin key, the offline model. */
export const stackWiring = (namespace: string, apiKey: string) => ({
  ORCHESTRATOR_SCHEMA: schemaOf(namespace, 'master-orchestrator'),
  WORKER_SCHEMA: schemaOf(namespace, 'cpu-agent-worker'),
  GPU_SCHEMA: schemaOf(namespace, 'gpu-job-controller'),
  GATEWAY_ADMIN_API_KEY: apiKey,
  LLM_PROVIDER: 'offline',
  // The suites drive load through this one key (floods, chaos, benchmarks): no per-key limits,
  // so what they measure is the system, not the key's quota. A suite may set them back.
  GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
  GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY: '0',
  // The default embedder's word vectors cost seconds and ~100 MB per memory-service process; the
  // system suites start many stacks, and memory's own suites test the default embedder.
  MEMORY_EMBEDDER: 'hashed',
  // Each stack's memory in collections of its own: a memory-service sweeps the vectors its rows
  // do not hold, so a shared collection made every stack delete the previous ones' (on Chroma's CPU).
  MEMORY_COLLECTION_PREFIX: memoryCollectionPrefix(namespace),
});

// A start takes seconds on a quiet machine; on a shared one under heavy load (load average 30 on
// two cores) a minute was not always enough: STACK_READY_TIMEOUT_MS raises the wait.
const readyTimeoutMs = (): number => {
  const value = Number(process.env['STACK_READY_TIMEOUT_MS'] ?? '');
  return Number.isInteger(value) && value > 0 ? value : 60_000;
};

/** Starts the six services in `namespace`, wired to read each other's schemas as in production. */
export async function startStack(
  namespace: string,
  env: Partial<Record<AppName, Record<string, string | undefined>>> = {},
): Promise<Stack> {
  const apiKey = randomBytes(24).toString('hex');
  const apps = new Map<AppName, RunningApp>();
  const shared = stackWiring(namespace, apiKey);
  const start = async (app: AppName, extra: Record<string, string | undefined> = {}) => {
    const running = await startApp(app, namespace, { ...shared, ...env[app], ...extra });
    await running.process.waitForHttp(`${running.url}/readyz`, { timeoutMs: readyTimeoutMs() });
    apps.set(app, running);
    return running;
  };
  // The orchestrator first: its schema holds the tables the gateway and the worker read.
  await start('master-orchestrator');
  await Promise.all(
    APP_NAMES.filter((app) => app !== 'master-orchestrator').map((app) => start(app)),
  );
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  const gateway = apps.get('gateway');
  if (!gateway) throw new Error('gateway did not start');
  return {
    namespace,
    apps,
    gatewayUrl: gateway.url,
    apiKey,
    pg,
    schemaOf: (app) => schemaOf(namespace, app),
    start,
    async stop() {
      await stopAllProcesses();
      for (const app of APP_NAMES) {
        await pg.query(`DROP SCHEMA IF EXISTS ${schemaOf(namespace, app)} CASCADE`);
      }
      await pg.end();
      await deleteNamespaceStreams(await natsUrl(), namespace);
      await deleteChromaCollections(await chromaUrl(), memoryCollectionPrefix(namespace));
    },
  };
}
