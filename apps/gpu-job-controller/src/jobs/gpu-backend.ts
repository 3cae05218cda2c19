import { type GpuJobRequestedV1 } from '@agentbus/contracts';

/** What a backend runs for one task attempt. */
export interface JobSpec {
  /** Deterministic per task attempt ({@link jobNameOf}): a redelivery finds the same job. */
  readonly name: string;
  readonly task: GpuJobRequestedV1['data'];
  /** The run deadline: the job is stopped after this long. */
  readonly maxRunMs: number;
}

/** Where a job is, as a backend sees it now. */
export type JobObservation =
  | { readonly phase: 'missing' }
  | { readonly phase: 'pending'; readonly reason: string | undefined }
  | { readonly phase: 'running' }
  | {
      readonly phase: 'succeeded';
      readonly log: string;
      /** Where it ran, as far as the backend knows (node, GPUs nvidia-smi listed). */
      readonly hardware: Record<string, unknown>;
    }
  | {
      readonly phase: 'failed';
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
      readonly log: string;
    };

/** Runs GPU jobs: Kubernetes Jobs or local child processes, behind one contract. */
export interface GpuBackend {
  readonly name: 'kubernetes' | 'local';
  /** Starts watching; `onChange` is called with a job's name whenever it may have changed. */
  start(onChange: (name: string) => void): Promise<void>;
  stop(): Promise<void>;
  /** Creates the job, or adopts the one a previous delivery or process made (same name). */
  launch(spec: JobSpec): Promise<{ readonly adopted: boolean }>;
  /** The job's state; a finished job's log (the result is its last JSON line) comes with it. */
  observe(name: string): Promise<JobObservation>;
  /** Deletes the job and its pods; a job that is already gone is fine. */
  remove(name: string): Promise<void>;
}

/** Nest token of the configured {@link GpuBackend}. */
export const GPU_BACKEND = Symbol('GPU_BACKEND');
