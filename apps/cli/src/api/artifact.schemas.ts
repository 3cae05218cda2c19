import { z } from 'zod';

/** An artifact's metadata (the accepted version per stage in the list). */
export const ArtifactMeta = z.object({
  stage: z.string(),
  version: z.number().int().positive(),
  format: z.string(),
  sizeBytes: z.number().optional(),
  versions: z.number().optional(),
  createdAt: z.string().optional(),
});
export type ArtifactMeta = z.infer<typeof ArtifactMeta>;

/** `GET /v1/projects/:id/artifacts`. */
export const ArtifactList = z.object({ items: z.array(ArtifactMeta) });

/** `GET /v1/projects/:id/artifacts/:stage` as JSON: metadata plus body, kept whole for the file. */
export const ArtifactDocument = z.looseObject({
  stage: z.string(),
  version: z.number().int().positive(),
});
export type ArtifactDocument = z.infer<typeof ArtifactDocument>;

/** `202` of the decision, cancel and restart commands. */
export const Accepted = z.looseObject({ status: z.string().optional() });
