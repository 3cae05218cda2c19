import { ProjectState } from '@agentbus/contracts';
import { z } from 'zod';

// Client-side views of the gateway's answers (DESIGN §12): only the fields the CLI uses, and
// lenient (z.object drops unknown keys) so additive API changes never break an older CLI.

const Links = z.object({ self: z.string() }).partial();

/** `202` of `POST /v1/projects`. */
export const ProjectCreated = z.object({ id: z.string().min(1), status: z.string(), links: Links });
export type ProjectCreated = z.infer<typeof ProjectCreated>;

export const ProjectSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: ProjectState,
  createdAt: z.string(),
  updatedAt: z.string().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

/** One page of `GET /v1/projects`. */
export const ProjectPage = z.object({
  items: z.array(ProjectSummary),
  nextCursor: z.string().nullish(),
});
export type ProjectPage = z.infer<typeof ProjectPage>;

export const Usage = z.object({
  totalTokens: z.number(),
  costUsd: z.number(),
  /** Prompt tokens read from the provider's cache; absent from gateways before issue 14. */
  cachedTokens: z.number().optional(),
});
export type Usage = z.infer<typeof Usage>;

export const StageView = z.object({
  stage: z.string(),
  state: z.string(),
  attempt: z.number(),
  durationMs: z.number().nullish(),
  usage: Usage.optional(),
});
export type StageView = z.infer<typeof StageView>;

export const GateView = z.object({
  id: z.string(),
  gate: z.string(),
  attempt: z.number(),
  state: z.string(),
  open: z.boolean().optional(),
  stage: z.string().nullish(),
  decision: z.string().nullish(),
  decidedBy: z.string().nullish(),
});
export type GateView = z.infer<typeof GateView>;

/** The cost forecast made at submit and how the spend compares (gateways since issue 14). */
export const Forecast = z.object({
  basedOnProjects: z.number(),
  total: z.object({ costUsd: z.number() }),
  actualCostUsd: z.number(),
  errorPct: z.number().nullable(),
});
export type Forecast = z.infer<typeof Forecast>;

/** `GET /v1/projects/:id`; gates may come as `gates` or `approvals`. */
export const ProjectDetail = ProjectSummary.extend({
  failure: z.object({ stage: z.string().nullish(), cause: z.string() }).nullish(),
  stages: z.array(StageView).default([]),
  gates: z.array(GateView).optional(),
  approvals: z.array(GateView).optional(),
  usage: Usage.optional(),
  forecast: Forecast.nullish(),
}).transform(({ gates, approvals, ...rest }) => ({ ...rest, gates: gates ?? approvals ?? [] }));
export type ProjectDetail = z.infer<typeof ProjectDetail>;

/** Whether a gate still waits for a decision. */
export const isGateOpen = (gate: GateView): boolean => gate.open ?? gate.state === 'open';
