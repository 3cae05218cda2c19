import { z } from 'zod';
import { defineMessage, type MessageDefinition } from './define-message';

/** A request/reply question answered through a queue group (never a stream). */
export interface QueryDefinition<
  TRequest extends MessageDefinition = MessageDefinition,
  TResponse extends z.ZodType = z.ZodType,
> {
  readonly subject: TRequest['subject'];
  readonly request: TRequest;
  readonly response: TResponse;
  /** The reply as it travels: the answer, or an error the caller can act on. */
  readonly reply: z.ZodType<QueryReply<z.output<TResponse>>>;
}

/** What a responder sends back. */
export type QueryReply<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; retryable: boolean } };

const queries: QueryDefinition[] = [];

/** Every declared query, so one test (and the AsyncAPI document) can walk them with their replies. */
export const allQueries = (): readonly QueryDefinition[] => [...queries];

/** Declares a query in the `rpc` domain: `agentbus.rpc.v<major>.<entity>.<verb>`. */
export function defineQuery<
  V extends number,
  E extends string,
  Ev extends string,
  TRequest extends z.ZodType,
  TResponse extends z.ZodType,
>(spec: {
  version: V;
  entity: E;
  verb: Ev;
  description: string;
  request: TRequest;
  response: TResponse;
}) {
  const request = defineMessage({
    domain: 'rpc',
    version: spec.version,
    entity: spec.entity,
    event: spec.verb,
    kind: 'command',
    description: spec.description,
    data: spec.request,
  });
  const reply = z.union([
    z.strictObject({ ok: z.literal(true), data: spec.response }),
    z.strictObject({
      ok: z.literal(false),
      error: z.strictObject({ code: z.string(), message: z.string(), retryable: z.boolean() }),
    }),
  ]) as unknown as z.ZodType<QueryReply<z.output<TResponse>>>;
  const query = Object.freeze({
    subject: request.subject,
    request,
    response: spec.response,
    reply,
  });
  queries.push(query);
  return query;
}
