import { z } from 'zod';

// Client-side view of `GET /v1/approvals`: only the fields the CLI shows, lenient like the others.

export const InboxItem = z.object({
  approvalId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  gate: z.string(),
  attempt: z.number(),
  state: z.string(),
  openedAt: z.string(),
  canAct: z.boolean(),
  artifacts: z.array(z.object({ stage: z.string(), version: z.number().nullable() })),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** One page of `GET /v1/approvals`. */
export const InboxPage = z.object({ items: z.array(InboxItem), nextCursor: z.string().nullish() });
export type InboxPage = z.infer<typeof InboxPage>;

/** The states the inbox lists. */
export const INBOX_STATES = ['open', 'decided', 'superseded'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
