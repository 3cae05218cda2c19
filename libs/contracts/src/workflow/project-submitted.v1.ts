import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { Actor, MemoryPatternId } from '../shared-schemas';
import { GateTimeouts } from './gate-timeouts';

/** Budget a project may not exceed without an approver raising it. */
export const ProjectBudget = z
  .strictObject({
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .refine((b) => b.maxTokens !== undefined || b.maxCostUsd !== undefined, {
    message: 'a budget needs maxTokens or maxCostUsd',
  });

/** `options.gpu`: let the ML detector route ML work, always run it on a GPU, or never. */
export const GpuPreference = z.enum(['auto', 'force', 'forbid']);
export type GpuPreference = z.infer<typeof GpuPreference>;

/** Per-project options chosen at submission. */
export const ProjectOptions = z.strictObject({
  gates: z
    .strictObject({
      prd_approval: z.boolean().default(true),
      delivery_approval: z.boolean().default(false),
    })
    .default({ prd_approval: true, delivery_approval: false }),
  budget: ProjectBudget.optional(),
  gateTimeouts: GateTimeouts.optional(),
  /** Where ML work may run: the detector decides (auto), always on a GPU (force), never (forbid). */
  gpu: GpuPreference.optional(),
});

/** A client asked for a new project (the gateway's command to the orchestrator). */
export const ProjectSubmittedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'submitted',
  kind: 'command',
  description: 'a client submitted requirements for a new project',
  data: z.strictObject({
    projectId: z.uuid(),
    name: z.string().min(1).max(200),
    // Requirements are the one body that travels: they are the command itself, capped well under 1 MiB.
    requirements: z.string().min(1).max(200_000),
    options: ProjectOptions,
    submittedBy: Actor,
    /** The tenant the project belongs to (a lower-case slug); absent from older gateways: `default`. */
    workspace: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
      .optional(),
    /** A memory pattern of type `template` every agent of the project reads first. */
    templateId: MemoryPatternId.optional(),
  }),
});
export type ProjectSubmittedV1 = MessageOf<typeof ProjectSubmittedV1>;
