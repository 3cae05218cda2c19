import { z } from 'zod';

/** `DELETE /v1/projects/:id` and `GET /v1/projects/:id/deletion`: where a deletion stands. */
export const ProjectDeletion = z.looseObject({
  projectId: z.string(),
  state: z.enum(['deleting', 'deleted']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
  services: z.array(
    z.looseObject({ service: z.string(), done: z.boolean(), rows: z.number().nullable() }),
  ),
});
export type ProjectDeletion = z.infer<typeof ProjectDeletion>;
