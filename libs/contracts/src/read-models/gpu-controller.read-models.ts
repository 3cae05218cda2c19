import { z } from 'zod';
import { DbTimestamp } from './orchestrator.read-models';
import { defineReadModel } from './read-model';

/** Every GPU job result (e.g. `ml_feasibility`) the controller stored, with its JSON body. */
export const GpuArtifactsV1 = defineReadModel({
  owner: 'gpu-job-controller',
  name: 'gpu_artifacts',
  version: 1,
  row: z.object({
    id: z.string(),
    project_id: z.string(),
    stage: z.string(),
    version: z.number().int(),
    attempt: z.number().int(),
    format: z.enum(['json', 'markdown']),
    body: z.string(),
    sha256: z.string(),
    size_bytes: z.number().int(),
    job_name: z.string(),
    created_at: DbTimestamp,
  }),
});
export type GpuArtifactsV1Row = z.infer<typeof GpuArtifactsV1.row>;

/** Every view the gpu-job-controller publishes. */
export const GPU_CONTROLLER_READ_MODELS = [GpuArtifactsV1] as const;
