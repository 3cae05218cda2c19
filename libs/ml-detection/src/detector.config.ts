import { type ResourceProfile, type WorkloadType } from './workload';

/** The detector's knobs; the orchestrator's config can replace any of them. */
export interface DetectorConfig {
  /** A score at or above this routes ML work to the GPU. */
  readonly threshold: number;
  /** Words before a signal (same clause) that are searched for a negation. */
  readonly negationWindow: number;
  readonly defaultGpuType: string;
  /** Used when the text names a large model (LLM, billions of parameters, 70B). */
  readonly largeGpuType: string;
  /** What each workload needs; the strongest detected workload's profile is used. */
  readonly profiles: Readonly<
    Record<Exclude<WorkloadType, 'cpu_only'>, Omit<ResourceProfile, 'gpuType'>>
  >;
}

const profile = (gpuMemoryGi: number, cpu = 4, memoryGi = 16, gpus = 1) => ({
  gpus,
  gpuMemoryGi,
  cpu,
  memoryGi,
});

/** Defaults sized for a baseline benchmark, not a full production training run. */
export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  threshold: 0.5,
  negationWindow: 6,
  defaultGpuType: 'nvidia-l4',
  largeGpuType: 'nvidia-a100-80gb',
  profiles: {
    training: profile(16, 8, 32),
    fine_tuning: profile(24, 8, 32),
    inference: profile(8),
    cv_detection: profile(16, 8, 32),
    cv_segmentation: profile(16, 8, 32),
    cv_classification: profile(12),
    cv_generation: profile(24, 8, 32),
    nlp_generation: profile(24, 8, 32),
    nlp_embedding: profile(8),
    scientific_compute: profile(16, 16, 64),
  },
};
