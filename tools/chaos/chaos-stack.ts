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
  schemaOf,
  stackWiring,
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
  /**
   * Times it exited by itself (e.g. Postgres vanished mid-boot) and was started again, as Kubernetes
   * restarts a crashed container; a service may exit on a fatal start-up error and rely on that.
   */
  crashes: number;
  /** Killed by the fault plan and not yet restarted: the supervisor leaves it down. */
  down: boolean;
  /** Answers /readyz (what a load balancer's health check would see). */
  ready: boolean;
}

export interface ChaosStackOptions {
  readonly namespace: string;
  /** Replicas of every service but the CPU worker pool, as production runs them (2). */
  readonly replicas: number;
  readonly workers: number;
  readonly workerEnv: Record<string, string | undefined>;
}

/**
 * The whole system on servers the chaos run owns: a nats-server (JetStream, monitoring port) and a
 * Postgres cluster on ports of their own, so both can be killed and restarted mid-run, and the six
 * services (the CPU worker pool with `workers` replicas) as processes wired to them.
 */
export class ChaosStack {
  readonly apiKey = randomBytes(24).toString('hex');
  readonly replicas: Replica[] = [];
  private nats!: ProcessHandle;
  private supervisor: NodeJS.Timeout | undefined;
  private readonly relaunching = new Set<Replica>();
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
    // The orchestrator first: its migrations create the views the others read.
    const first = options.replicas > 1 ? 'master-orchestrator#1' : 'master-orchestrator';
    await stack.startReplica('master-orchestrator', first);
    await stack.waitReady(stack.replica(first));
    for (const app of APP_NAMES) {
      const count = app === 'cpu-agent-worker' ? options.workers : options.replicas;
      for (let i = 1; i <= count; i += 1) {
        if (app === 'master-orchestrator' && i === 1) continue;
        await stack.startReplica(app, count > 1 ? `${app}#${i}` : app);
      }
    }
    await Promise.all(stack.replicas.map((replica) => stack.waitReady(replica)));
    stack.supervisor = setInterval(() => stack.superviseOnce(), 500);
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

  private nextGateway = 0;

  /**
   * A gateway to send the next request to, as a load balancer would pick: round-robin over the
   * replicas that answer /readyz, else over those still running (a restarted one listens on a new
   * port).
   */
  gatewayUrl(): string {
    const gateways = this.replicas.filter((r) => r.app === 'gateway');
    const ready = gateways.filter((r) => r.ready);
    const live = gateways.filter((r) => r.running.process.exit === undefined);
    const pool = ready.length > 0 ? ready : live.length > 0 ? live : gateways;
    this.nextGateway = (this.nextGateway + 1) % pool.length;
    return (pool[this.nextGateway] as Replica).running.url;
  }

  replica(label: string): Replica {
    const found = this.replicas.find((replica) => replica.label === label);
    if (!found) throw new Error(`no replica ${label}`);
    return found;
  }

  /** SIGKILL, as an OOM kill or a lost node would; the replica is restarted by {@link restart}. */
  async kill(replica: Replica): Promise<void> {
    replica.kills += 1;
    replica.down = true;
    replica.ready = false;
    replica.running.process.kill('SIGKILL');
    await replica.running.process.waitForExit();
  }

  /** Starts the replica again (a supervisor's restart); marks it ready once it is, in the background. */
  async restart(replica: Replica): Promise<void> {
    replica.running = await this.launch(replica.app);
    replica.down = false;
    void this.waitReady(replica).catch(() => undefined);
  }

  /** Starts again every replica that exited without being killed (a supervisor's restart policy). */
  private superviseOnce(): void {
    for (const replica of this.replicas) {
      if (replica.down || replica.running.process.exit === undefined) continue;
      if (this.relaunching.has(replica)) continue;
      this.relaunching.add(replica);
      replica.crashes += 1;
      replica.ready = false;
      void this.restart(replica)
        .catch(() => undefined)
        .finally(() => this.relaunching.delete(replica));
    }
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
    clearInterval(this.supervisor);
    await stopAllProcesses();
    this.postgres.destroy();
    rmSync(this.natsStore, { recursive: true, force: true });
  }

  private async startReplica(app: AppName, label: string): Promise<void> {
    const running = await this.launch(app);
    this.replicas.push({ label, app, running, kills: 0, crashes: 0, down: false, ready: false });
  }

  private async waitReady(replica: Replica): Promise<void> {
    const { running } = replica;
    await running.process.waitForHttp(`${running.url}/readyz`, { timeoutMs: 120_000 });
    if (replica.running === running) replica.ready = true;
  }

  private launch(app: AppName): Promise<RunningApp> {
    const { namespace, workerEnv } = this.options;
    return startApp(app, namespace, {
      NATS_URL: this.natsUrl,
      DATABASE_URL: this.postgres.url,
      ...stackWiring(namespace, this.apiKey),
      LOG_LEVEL: 'error',
      ...(app === 'cpu-agent-worker' ? workerEnv : {}),
    });
  }
}
