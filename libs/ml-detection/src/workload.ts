/** The kinds of work the detector tells apart (the list); `cpu_only` is "no ML". */
export const WORKLOAD_TYPES = [
  'training',
  'fine_tuning',
  'inference',
  'cv_detection',
  'cv_segmentation',
  'cv_classification',
  'cv_generation',
  'nlp_generation',
  'nlp_embedding',
  'scientific_compute',
  'cpu_only',
] as const;
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

/** What `options.gpu` asks for: let the detector decide, always use a GPU, or never. */
export type GpuPreference = 'auto' | 'force' | 'forbid';

/** What an ML task needs to run (the controller turns it into Job resources). */
export interface ResourceProfile {
  readonly gpus: number;
  readonly gpuType: string;
  /** GPU memory, GiB. */
  readonly gpuMemoryGi: number;
  readonly cpu: number;
  /** Host memory, GiB. */
  readonly memoryGi: number;
}

/** A phrase that counted (or was ignored because it was negated), with the rule that found it. */
export interface MatchedSignal {
  readonly rule: string;
  readonly workload: Exclude<WorkloadType, 'cpu_only'>;
  readonly weight: number;
  readonly text: string;
  readonly negated: boolean;
}

/** The detector's verdict on one set of requirements. */
export interface Detection {
  /** 0–1: how sure the detector is that the project needs ML compute. */
  readonly score: number;
  readonly isMl: boolean;
  /** Workload types by confidence, highest first; `cpu_only` alone when no ML was found. */
  readonly workloads: readonly { readonly type: WorkloadType; readonly confidence: number }[];
  readonly signals: readonly MatchedSignal[];
  readonly resources: ResourceProfile | undefined;
}

/** Where ML work goes and why (what the orchestrator records as `routing.decided`). */
export interface RoutingDecision {
  readonly target: 'cpu' | 'gpu';
  /** Whether `ml_feasibility` runs (on the GPU) for this project. */
  readonly runMlFeasibility: boolean;
  readonly reason: string;
  readonly detection: Detection;
}
