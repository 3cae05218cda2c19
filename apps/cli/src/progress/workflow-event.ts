import { z } from 'zod';
import { type SseEvent } from '../sse/sse-parser';
import { parseJson } from '../util/parse-json.util';

// Lenient on purpose: the contracts' own schemas are strict, and a client that refused an event
// with one more field would break on every additive change (versioning rule, STYLE §1.4).
const Stage = { stage: z.string(), attempt: z.number().int().default(1) };
const SCHEMAS = {
  'project.started': z.object({ name: z.string().optional() }),
  'stage.dispatched': z.object(Stage),
  'stage.completed': z.object({
    ...Stage,
    durationMs: z.number().optional(),
    artifact: z.object({ version: z.number() }).optional(),
  }),
  'stage.failed': z.object({
    ...Stage,
    error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
    willRetry: z.boolean().default(false),
    nextAttemptAt: z.string().optional(),
  }),
  'approval.requested': z.object({
    approvalId: z.string(),
    gate: z.string(),
    attempt: z.number().int().default(1),
    stage: z.string().optional(),
    reason: z.string().optional(),
  }),
  'project.completed': z.object({
    totalTokens: z.number().optional(),
    totalCostUsd: z.number().optional(),
  }),
  'project.failed': z.object({ stage: z.string().optional(), cause: z.string().optional() }),
  'project.cancelled': z.object({ reason: z.string().optional() }),
} as const;

type Schemas = typeof SCHEMAS;
type Known = { [K in keyof Schemas]: z.infer<Schemas[K]> & { readonly kind: K } }[keyof Schemas];

const CostUsage = z.object({
  totalTokens: z.number(),
  cachedTokens: z.number().default(0),
  costUsd: z.number(),
});
/** The gateway's `event: cost` after a stage completes and at the end: its data is the cost itself. */
const Cost = z.object({
  stage: z.string().nullable(),
  stageUsage: CostUsage.nullable(),
  total: CostUsage,
});
export type CostUsage = z.infer<typeof CostUsage>;
type CostEvent = z.infer<typeof Cost> & { readonly kind: 'cost' };

/** A project event the progress model understands, or one it only names. */
export type WorkflowEvent = Known | CostEvent | { readonly kind: 'other'; readonly type: string };
export type EventOf<K extends WorkflowEvent['kind']> = Extract<WorkflowEvent, { kind: K }>;

// The gateway's frame: `{id, seq, type, time, projectId, data}` in one JSON data line.
const Frame = z.object({ type: z.string().optional(), data: z.unknown() });

/** Decodes one SSE event; anything unknown or malformed becomes `other` instead of failing the watch. */
export function decodeWorkflowEvent(sse: SseEvent): WorkflowEvent {
  if (sse.type === 'cost') {
    const cost = Cost.safeParse(parseJson(sse.data));
    return cost.success ? { ...cost.data, kind: 'cost' } : { kind: 'other', type: 'cost' };
  }
  const frame = Frame.safeParse(parseJson(sse.data));
  const type = sse.type !== 'message' ? sse.type : shortType(frame.data?.type ?? sse.type);
  if (!isKnown(type) || !frame.success) return { kind: 'other', type };
  const data = SCHEMAS[type].safeParse(frame.data.data);
  return data.success ? ({ ...data.data, kind: type } as Known) : { kind: 'other', type };
}

const isKnown = (type: string): type is keyof Schemas => Object.hasOwn(SCHEMAS, type);

// `agentbus.workflow.v1.stage.completed` → `stage.completed`.
const shortType = (type: string): string => type.split('.').slice(-2).join('.');
