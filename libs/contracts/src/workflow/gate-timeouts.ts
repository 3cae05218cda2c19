import { z } from 'zod';

/**
 * What happens when nobody decides a gate in time (DESIGN §4 "Gates"): approve or reject it on the
 * reviewers' behalf, or remind them (an event) and keep waiting.
 */
export const GATE_TIMEOUT_ACTIONS = ['approve', 'reject', 'remind'] as const;
export const GateTimeoutAction = z.enum(GATE_TIMEOUT_ACTIONS);
export type GateTimeoutAction = z.infer<typeof GateTimeoutAction>;

/** Longest wait a gate timeout may set: 30 days. */
export const MAX_GATE_TIMEOUT_SECONDS = 30 * 86_400;
/** Most reminders one gate opening sends. */
export const MAX_GATE_REMINDERS = 100;

/** The decider's name for decisions nobody made by hand (a gate's default action). */
export const SYSTEM_ACTOR = 'system';

/** One gate's timeout: after `afterSeconds` without a decision, `action` (reminders repeat). */
export const GateTimeout = z
  .strictObject({
    afterSeconds: z.number().int().min(1).max(MAX_GATE_TIMEOUT_SECONDS),
    action: GateTimeoutAction,
    /** remind only: reminders sent at most (one per `afterSeconds`), then the gate just waits. */
    maxReminders: z.number().int().min(1).max(MAX_GATE_REMINDERS).optional(),
  })
  .refine((timeout) => timeout.action === 'remind' || timeout.maxReminders === undefined, {
    message: 'maxReminders applies to the remind action only',
    path: ['maxReminders'],
  });
export type GateTimeout = z.infer<typeof GateTimeout>;

/**
 * Per-project timeouts of the configurable gates; a gate left out gets the orchestrator's default
 * (ORCH_GATE_TIMEOUT_S), `null` waits for a human however long it takes.
 */
export const GateTimeouts = z.strictObject({
  prd_approval: GateTimeout.nullable().optional(),
  delivery_approval: GateTimeout.nullable().optional(),
});
export type GateTimeouts = z.infer<typeof GateTimeouts>;
