import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** A new time-ordered message id (uuid v7); doubles as the `Nats-Msg-Id` dedupe key. */
export const newMessageId = (): string => uuidv7();

/** The CloudEvents-shaped envelope every message travels in (DESIGN §5). */
export const envelopeOf = <TSubject extends string, TData extends z.ZodType>(
  subject: TSubject,
  data: TData,
) =>
  z.strictObject({
    id: z.uuid(), // also the Nats-Msg-Id header
    type: z.literal(subject), // the canonical subject
    source: z.string().min(1), // producing app, e.g. 'master-orchestrator'
    time: z.iso.datetime({ offset: true }),
    correlationId: z.uuid(), // the project; constant for its lifetime
    causationId: z.uuid().optional(), // id of the message that caused this one
    data,
  });

/** An envelope whose `data` is `TData`. */
export interface Envelope<TSubject extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TSubject;
  readonly source: string;
  readonly time: string;
  readonly correlationId: string;
  readonly causationId?: string | undefined;
  readonly data: TData;
}

/** What a producer supplies besides the data. */
export interface EnvelopeMeta {
  source: string;
  correlationId: string;
  causationId?: string | undefined;
  /** Set only when the id must be deterministic (e.g. an outbox row id). */
  id?: string;
  time?: Date;
}
