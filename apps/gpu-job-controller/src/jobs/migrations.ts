import { GpuJobs1766080000000 } from './1766080000000-gpu-jobs.migration';
import { GpuReadModels1766080000001 } from './1766080000001-read-models-v1.migration';

/** The gpu-job-controller's migrations, oldest first. */
export const GPU_CONTROLLER_MIGRATIONS = [GpuJobs1766080000000, GpuReadModels1766080000001];
