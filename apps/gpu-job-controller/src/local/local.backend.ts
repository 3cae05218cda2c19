import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, hostname } from 'node:os';
import { type Logger } from 'pino';
import { type GpuBackend, type JobObservation, type JobSpec } from '../jobs/gpu-backend';
import { taskEnv } from '../kubernetes/job-template';
import { type LocalGpu, listGpus } from './nvidia-smi.util';

/** How the local backend runs a task. */
export interface LocalBackendOptions {
  readonly command: readonly string[];
  readonly logger: Logger;
  /** Bytes of output kept per job (the tail; the result is the last JSON line). */
  readonly maxLogBytes?: number;
  /** Wait after SIGTERM before SIGKILL. */
  readonly killGraceMs?: number;
}

interface LocalJob {
  readonly child: ChildProcess;
  log: string;
  exit: { code: number | null; signal: string | null } | undefined;
  spawnError: Error | undefined;
  timedOut: boolean;
  timer: NodeJS.Timeout | undefined;
}

// Only what a benchmark needs: never the controller's own secrets (DATABASE_URL…).
const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'TZ', 'CUDA_VISIBLE_DEVICES', 'NVIDIA_VISIBLE_DEVICES'];

/**
 * GPU tasks as child processes of the controller (one machine, DESIGN §11): the same contract as
 * a Kubernetes Job — the command gets the task in its environment, stdout and stderr are kept
 * (bounded), the run deadline kills it, cancel kills it, and `nvidia-smi` tells which GPUs it saw.
 * Processes die with the controller, so after a restart a job is `missing` and is reported lost
 * (retryable).
 */
export class LocalBackend implements GpuBackend {
  readonly name = 'local';
  private readonly jobs = new Map<string, LocalJob>();
  private onChange: (name: string) => void = () => undefined;
  private gpus: LocalGpu[] = [];

  constructor(private readonly options: LocalBackendOptions) {}

  async start(onChange: (name: string) => void): Promise<void> {
    this.onChange = onChange;
    this.gpus = await listGpus();
    this.options.logger.info({ gpus: this.gpus }, 'local GPU backend ready');
  }

  async stop(): Promise<void> {
    for (const name of [...this.jobs.keys()]) await this.remove(name);
  }

  async launch(spec: JobSpec): Promise<{ adopted: boolean }> {
    if (this.jobs.has(spec.name)) return { adopted: true };
    const [binary = 'node', ...args] = this.options.command;
    const env: NodeJS.ProcessEnv = {};
    for (const key of PASSED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key];
    for (const { name, value } of taskEnv(spec.task)) env[name] = value;
    env['AGENTBUS_MAX_RUN_MS'] = String(spec.maxRunMs);
    // Its own process group: a deadline or cancel stops everything the command started.
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const job: LocalJob = {
      child,
      log: '',
      exit: undefined,
      spawnError: undefined,
      timedOut: false,
      timer: undefined,
    };
    this.jobs.set(spec.name, job);
    const keep = (chunk: Buffer) => {
      job.log = (job.log + chunk.toString('utf8')).slice(-(this.options.maxLogBytes ?? 1_048_576));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error) => {
      job.spawnError = error;
      job.exit ??= { code: null, signal: null };
      this.onChange(spec.name);
    });
    child.on('close', (code, signal) => {
      clearTimeout(job.timer);
      job.exit = { code, signal };
      this.onChange(spec.name);
    });
    job.timer = setTimeout(() => {
      job.timedOut = true;
      this.kill(job);
    }, spec.maxRunMs);
    return { adopted: false };
  }

  async observe(name: string): Promise<JobObservation> {
    const job = this.jobs.get(name);
    if (!job) return { phase: 'missing' };
    if (!job.exit) return { phase: 'running' };
    const log = job.log;
    if (job.spawnError) {
      return {
        phase: 'failed',
        code: 'spawn_failed',
        message: `could not start ${this.options.command.join(' ')}: ${job.spawnError.message}; check GPU_JOB_COMMAND`,
        retryable: false,
        log,
      };
    }
    if (job.timedOut) {
      return {
        phase: 'failed',
        code: 'deadline_exceeded',
        message: 'the job ran past its deadline and was killed',
        retryable: false,
        log,
      };
    }
    if (job.exit.code === 0) {
      return {
        phase: 'succeeded',
        log,
        hardware: { backend: 'local', host: hostname(), cpus: cpus().length, gpus: this.gpus },
      };
    }
    return {
      phase: 'failed',
      code: 'job_failed',
      message: `the job exited with ${job.exit.code === null ? `signal ${job.exit.signal ?? '?'}` : `code ${job.exit.code}`}`,
      retryable: true,
      log,
    };
  }

  async remove(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) return;
    this.jobs.delete(name);
    clearTimeout(job.timer);
    if (!job.exit) this.kill(job);
  }

  private kill(job: LocalJob): void {
    signalGroup(job.child, 'SIGTERM');
    const force = setTimeout(() => {
      if (!job.exit) signalGroup(job.child, 'SIGKILL');
    }, this.options.killGraceMs ?? 5_000);
    force.unref();
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
