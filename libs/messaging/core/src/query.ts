import {
  createEnvelope,
  type DataOf,
  type EnvelopeMeta,
  InvalidMessageError,
  type MessageOf,
  parseEnvelope,
  PermanentError,
  type QueryDefinition,
  type QueryReply,
  RetryableError,
  wireSubject,
} from '@agentbus/contracts';
import {
  errors as natsErrors,
  headers as natsHeaders,
  type Msg,
  type Subscription,
} from '@nats-io/transport-node';
import { context, SpanKind } from '@opentelemetry/api';
import { type z } from 'zod';
import { type Bus } from './bus';
import { QueryFailedError, QueryTimeoutError } from './errors';
import { headersToRecord } from './headers';
import { type BusLogger, errorFields } from './hooks';
import { defaultQueueGroup } from './names';
import { endSpan, extractTrace, injectTrace, startSpan } from './tracing';

/** The typed request envelope of a query. */
export type QueryRequestOf<Q extends QueryDefinition> = MessageOf<Q['request']>;
/** The data a responder returns (before the response schema's defaults apply). */
export type QueryResponseInputOf<Q extends QueryDefinition> = z.input<Q['response']>;
/** The data an asker receives. */
export type QueryResponseOf<Q extends QueryDefinition> = z.output<Q['response']>;

/** Answers one query; throw {@link QueryFailedError} to pick the error code. */
export type QueryHandler<Q extends QueryDefinition> = (
  request: QueryRequestOf<Q>,
  context: { readonly headers: Readonly<Record<string, readonly string[]>> },
) => Promise<QueryResponseInputOf<Q>>;

/** A running responder. */
export interface QueryResponder {
  readonly subject: string;
  /** Stops taking requests and waits up to `timeoutMs` (default 10 s) for running ones. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** Well-known reply error codes. */
export const QUERY_ERROR_CODES = {
  invalidRequest: 'invalid_request',
  invalidResponse: 'invalid_response',
  permanent: 'permanent',
  retryable: 'retryable',
  internal: 'internal',
} as const;

/**
 * Answers a query on its wire subject through a queue group (default: the canonical subject), so
 * replicas share the load. Invalid requests get a non-retryable `invalid_request` error reply.
 */
export async function answer<Q extends QueryDefinition>(
  bus: Bus,
  query: Q,
  handler: QueryHandler<Q>,
  options: { queueGroup?: string; logger?: BusLogger } = {},
): Promise<QueryResponder> {
  const logger = options.logger ?? bus.logger;
  const subject = wireSubject(bus.namespace, query.subject);
  const running = new Set<Promise<void>>();
  const sub: Subscription = bus.nc.subscribe(subject, {
    queue: options.queueGroup ?? defaultQueueGroup(query.subject),
    callback: (error, msg) => {
      if (error) {
        logger.error(
          { ...errorFields(error), subject: query.subject },
          'query subscription failed',
        );
        return;
      }
      const work = respond(query, handler, msg, logger).finally(() => running.delete(work));
      running.add(work);
    },
  });
  // The subscription is live on the server once the connection has flushed it.
  await bus.nc.flush();
  logger.info(
    { subject: query.subject, queue: options.queueGroup ?? defaultQueueGroup(query.subject) },
    'answering queries',
  );
  return {
    subject: query.subject,
    stop: async ({ timeoutMs = 10_000 } = {}) => {
      if (!sub.isClosed()) await sub.drain();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    },
  };
}

async function respond<Q extends QueryDefinition>(
  query: Q,
  handler: QueryHandler<Q>,
  msg: Msg,
  logger: BusLogger,
): Promise<void> {
  if (!msg.reply) {
    logger.warn({ subject: query.subject }, 'query without a reply subject ignored');
    return;
  }
  const { span, ctx } = startSpan(
    `answer ${query.subject}`,
    SpanKind.SERVER,
    { 'messaging.system': 'nats', 'agentbus.subject': query.subject },
    extractTrace(msg.headers),
  );
  let reply: QueryReply<unknown>;
  let failure: unknown;
  try {
    const request = parseRequest(query, msg);
    const data = await context.with(ctx, () =>
      handler(request, { headers: headersToRecord(msg.headers) }),
    );
    reply = validReply(query, data, logger);
  } catch (error) {
    failure = error;
    reply = { ok: false, error: errorReply(error) };
    if (!(error instanceof InvalidMessageError || error instanceof QueryFailedError)) {
      logger.error({ ...errorFields(error), subject: query.subject }, 'query handler failed');
    }
  }
  try {
    msg.respond(JSON.stringify(reply));
  } catch (error) {
    logger.warn({ ...errorFields(error), subject: query.subject }, 'query reply could not be sent');
  }
  endSpan(span, failure);
}

function parseRequest<Q extends QueryDefinition>(query: Q, msg: Msg): QueryRequestOf<Q> {
  let raw: unknown;
  try {
    raw = JSON.parse(msg.string());
  } catch {
    throw new InvalidMessageError(query.subject, ['(root): request is not JSON']);
  }
  return parseEnvelope(query.request, raw) as QueryRequestOf<Q>;
}

function validReply(query: QueryDefinition, data: unknown, logger: BusLogger): QueryReply<unknown> {
  const parsed = query.reply.safeParse({ ok: true, data });
  if (parsed.success) return parsed.data;
  logger.error(
    { subject: query.subject, issues: parsed.error.issues.length },
    'responder returned an invalid response',
  );
  return {
    ok: false,
    error: {
      code: QUERY_ERROR_CODES.invalidResponse,
      message: `responder returned an invalid response for ${query.subject}`,
      retryable: false,
    },
  };
}

/** The error a reply carries for a thrown error (its class decides code and retryability). */
export function errorReply(error: unknown): { code: string; message: string; retryable: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof QueryFailedError) {
    return { code: error.code, message, retryable: error.retryable };
  }
  if (error instanceof InvalidMessageError) {
    return { code: QUERY_ERROR_CODES.invalidRequest, message, retryable: false };
  }
  if (error instanceof PermanentError) {
    return { code: QUERY_ERROR_CODES.permanent, message, retryable: false };
  }
  if (error instanceof RetryableError) {
    return { code: QUERY_ERROR_CODES.retryable, message, retryable: true };
  }
  return { code: QUERY_ERROR_CODES.internal, message, retryable: true };
}

/**
 * Asks a query and returns the typed answer. Throws {@link InvalidMessageError} for invalid data
 * (nothing is sent), {@link QueryFailedError} when the responder answers with an error, and
 * {@link QueryTimeoutError} when nobody answers in `timeoutMs` (default 5 s) or nobody listens.
 */
export async function ask<Q extends QueryDefinition>(
  bus: Bus,
  query: Q,
  data: DataOf<Q['request']>,
  meta: EnvelopeMeta,
  options: { timeoutMs?: number } = {},
): Promise<QueryResponseOf<Q>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const request = createEnvelope(query.request, data, meta);
  const subject = wireSubject(bus.namespace, query.subject);
  const { span, ctx } = startSpan(`ask ${query.subject}`, SpanKind.CLIENT, {
    'messaging.system': 'nats',
    'messaging.destination.name': subject,
    'agentbus.subject': query.subject,
    'messaging.message.id': request.id,
  });
  const headers = natsHeaders();
  injectTrace(ctx, headers);
  try {
    let msg: Msg;
    try {
      msg = await bus.nc.request(subject, JSON.stringify(request), { timeout: timeoutMs, headers });
    } catch (error) {
      throw asTimeout(error, query.subject, timeoutMs);
    }
    const reply = parseReply(query, msg);
    if (!reply.ok) {
      throw new QueryFailedError(reply.error.code, reply.error.message, {
        retryable: reply.error.retryable,
      });
    }
    endSpan(span);
    return reply.data as QueryResponseOf<Q>;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

function parseReply(query: QueryDefinition, msg: Msg): QueryReply<unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(msg.string());
  } catch {
    raw = undefined;
  }
  const parsed = query.reply.safeParse(raw);
  if (!parsed.success) {
    throw new QueryFailedError(
      QUERY_ERROR_CODES.invalidResponse,
      `unreadable reply for ${query.subject}`,
    );
  }
  return parsed.data;
}

function asTimeout(error: unknown, subject: string, timeoutMs: number): unknown {
  const chain: unknown[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  if (chain.some((e) => e instanceof natsErrors.NoRespondersError)) {
    return new QueryTimeoutError(subject, timeoutMs, true, { cause: error });
  }
  if (chain.some((e) => e instanceof natsErrors.TimeoutError)) {
    return new QueryTimeoutError(subject, timeoutMs, false, { cause: error });
  }
  return error;
}
