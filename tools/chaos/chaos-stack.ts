import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_NAMES, type AppName } from '@agentbus/contracts';
import {
  freePort,
  NATS_SERVER_BIN,
  type ProcessHandle,
  type RunningApp,
  startApp,
  startProcess,
  stopAllProcesses,
} from '@agentbus/testing';
import { PrivatePostgres } from './private-postgres';

/** One running copy of an app; the CPU worker pool has several. */
export interface Replica {
  readonly label: string;
  readonly app: AppName;
  running: RunningApp;
  /** Times this replica was killed. */
  kills: number;
}

export interface ChaosStackOptions {
  readonly namespace: string;
  readonly workers: number;
  readonly workerEnv: Record<string, string | undefined>;
}

const schemaOf = (namespace: string, app: AppName) => `${namespace}_${app.replace(/-/g, '_')}`;

/**
 * The whole system on servers the chaos run owns: a nats-server (JetStream, monitoring port) and a
 * Postgres cluster on ports of their own, so both can be killed and restarted mid-run, and the six
 * services (the CPU worker pool with `workers` replicas) as processes wired to them.
 */
export class ChaosStack {
  readonly apiKey = randomBytes(24).toString('hex');
  readonly replicas: Replica[] = [];
  private nats!: ProcessHandle;
  private readonly natsStore = mkdtempSync(join(tmpdir(), 'agentbus-chaos-nats-'));

  private constructor(
    private readonly options: ChaosStackOptions,
    readonly natsPort: number,
    readonly natsMonitorPort: number,
    readonly postgres: PrivatePostgres,
  ) {}

  static async start(options: ChaosStackOptions): Promise<ChaosStack> {
    const postgres = await PrivatePostgres.create(await freePort());
    const stack = new ChaosStack(options, await freePort(), await freePort(), postgres);
    await stack.startNats();
    await stack.startReplica('master-orchestrator', 'master-orchestrator');
    await stack.waitReady(stack.replica('master-orchestrator'));
    const others = APP_NAMES.filter((app) => app !== 'master-orchestrator');
    for (const app of others) {
      if (app === 'cpu-agent-worker') {
        for (let i = 1; i <= options.workers; i += 1) {
          await stack.startReplica(app, options.workers > 1 ? `${app}#${i}` : app);
        }
      } else {
        await stack.startReplica(app, app);
      }
    }
    await Promise.all(stack.replicas.map((replica) => stack.waitReady(replica)));
    return stack;
  }

  get natsUrl(): string {
    return `nats://127.0.0.1:${this.natsPort}`;
  }

  get namespace(): string {
    return this.options.namespace;
  }

  schemaOf(app: AppName): string {
    return schemaOf(this.options.namespace, app);
  }

  /** The gateway's current address (a restarted gateway listens on a new port). */
  gatewayUrl(): string {
    return this.replica('gateway').running.url;
  }

  replica(label: string): Replica {
    const found = this.replicas.find((replica) => replica.label === label);
    if (!found) throw new Error(`no replica ${label}`);
    return found;
  }

  /** SIGKILL, as an OOM kill or a lost node would; the replica is restarted by {@link restart}. */
  async kill(replica: Replica): Promise<void> {
    replica.kills += 1;
    replica.running.process.kill('SIGKILL');
    await replica.running.process.waitForExit();
  }

  /** Starts the replica again (a supervisor's restart); does not wait for readiness. */
  async restart(replica: Replica): Promise<void> {
    replica.running = await this.launch(replica.app);
  }

  async killNats(): Promise<void> {
    this.nats.kill('SIGKILL');
    await this.nats.waitForExit();
  }

  async startNats(): Promise<void> {
    this.nats = startProcess({
      name: `nats-${this.natsPort}`,
      command: NATS_SERVER_BIN,
      args: [
        ...['-a', '127.0.0.1', '-p', String(this.natsPort), '-m', String(this.natsMonitorPort)],
        ...['-js', '-sd', this.natsStore],
      ],
    });
    await this.nats.waitForHttp(`http://127.0.0.1:${this.natsMonitorPort}/healthz`);
  }

  async stop(): Promise<void> {
    await stopAllProcesses();
    this.postgres.destroy();
    rmSync(this.natsStore, { recursive: true, force: true });
  }

  private async startReplica(app: AppName, label: string): Promise<void> {
    this.replicas.push({ label, app, running: await this.launch(app), kills: 0 });
  }

  private waitReady(replica: Replica): Promise<void> {
    return replica.running.process.waitForHttp(`${replica.running.url}/readyz`, {
      timeoutMs: 60_000,
    });
  }

  private launch(app: AppName): Promise<RunningApp> {
    const { namespace, workerEnv } = this.options;
    return startApp(app, namespace, {
      NATS_URL: this.natsUrl,
      DATABASE_URL: this.postgres.url,
      ORCHESTRATOR_SCHEMA: schemaOf(namespace, 'master-orchestrator'),
      WORKER_SCHEMA: schemaOf(namespace, 'cpu-agent-worker'),
      GATEWAY_ADMIN_API_KEY: this.apiKey,
      LLM_PROVIDER: 'offline',
      LOG_LEVEL: 'error',
      ...(app === 'cpu-agent-worker' ? workerEnv : {}),
    });
  }
}
