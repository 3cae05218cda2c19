import { PublishFailedError, BusUnavailableError } from '@agentbus/messaging';
import { RetryableError } from '@agentbus/contracts';
import { isTransientDatabaseError } from '@agentbus/persistence';
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type Problem, problemType } from './problem';
import { HttpProblemError } from './problem.errors';

/** A problem plus the response headers it needs, and whether it is our fault (to be logged). */
export interface ProblemResponse {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;
  readonly unexpected: boolean;
}

// Postgres: the read model's schema or table is missing (e.g. the orchestrator is not migrated yet).
const MISSING_RELATION = new Set(['42P01', '3F000']);

/** Maps any thrown value to the problem the client sees; internals never leak into `detail`. */
export function problemOf(error: unknown, instance: string): ProblemResponse {
  if (error instanceof HttpProblemError) {
    const { status, title, message, slug, extensions, headers } = error;
    const problem = { type: problemType(slug), title, status, detail: message, instance };
    return { problem: { ...problem, ...extensions }, headers, unexpected: false };
  }
  if (error instanceof HttpException) return plain(error.getStatus(), messageOf(error), instance);
  const http = httpErrorOf(error);
  if (http !== undefined) return plain(http.status, http.detail, instance);
  if (isUnavailable(error)) {
    const detail = 'A dependency is briefly unavailable; retry the request.';
    return { ...unavailable('service-unavailable', detail, instance), unexpected: true };
  }
  if (MISSING_RELATION.has(codeOf(error) ?? '')) {
    const detail = 'Project data is not available yet (the orchestrator has not created it).';
    return { ...unavailable('read-model-unavailable', detail, instance), unexpected: true };
  }
  const detail = 'An unexpected error occurred; it has been logged.';
  return { ...plain(500, detail, instance), unexpected: true };
}

function plain(status: number, detail: string, instance: string): ProblemResponse {
  const title = STATUS_CODES[status] ?? 'Error';
  return {
    problem: { type: 'about:blank', title, status, detail, instance },
    headers: {},
    unexpected: false,
  };
}

function unavailable(
  slug: string,
  detail: string,
  instance: string,
): Omit<ProblemResponse, 'unexpected'> {
  const problem = {
    type: problemType(slug),
    title: 'Service Unavailable',
    status: 503,
    detail,
    instance,
  };
  return { problem, headers: { 'Retry-After': '1' } };
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

// Errors from express's body parser (http-errors): `expose` says the message is safe to show.
function httpErrorOf(error: unknown): { status: number; detail: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & Record<string, unknown>;
  if (typeof status !== 'number' || status < 400 || status > 599) return undefined;
  return { status, detail: expose === true ? error.message : (STATUS_CODES[status] ?? 'Error') };
}

function isUnavailable(error: unknown): boolean {
  return (
    error instanceof RetryableError ||
    error instanceof PublishFailedError ||
    error instanceof BusUnavailableError ||
    isTransientDatabaseError(error)
  );
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
