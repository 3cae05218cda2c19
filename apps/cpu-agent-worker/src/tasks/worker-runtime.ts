import { type LlmProvider, type PricingTable } from '@agentbus/llm';
import { type Logger } from 'pino';
import { type WorkerMetrics } from './worker-metrics';

/** What the task handler runs with, built once at start from the config. */
export interface WorkerRuntime {
  readonly provider: LlmProvider;
  readonly pricing: PricingTable;
  readonly metrics: WorkerMetrics;
  readonly logger: Logger;
  /** Where the project's requirements are read from (read-only). */
  readonly orchestratorSchema: string;
  /** Where GPU results (`gpu_artifacts_v1`) are read from. */
  readonly gpuSchema: string;
  readonly maxRepairs: number;
}

/** Injection token of the {@link WorkerRuntime}. */
export const WORKER_RUNTIME = Symbol('WORKER_RUNTIME');
