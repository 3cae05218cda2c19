import { type Problem } from './gateway-types';

/** What the console shows for a failed call: the problem's title and detail, and what to do next. */
export interface ShownProblem {
  readonly title: string;
  readonly detail: string;
  readonly next: string;
  readonly status: number;
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Record<string, unknown>)['title'] === 'string' &&
  typeof (body as Record<string, unknown>)['status'] === 'number';

/** The next step a person can take, by status (the gateway's detail says why, this says what now). */
export function nextStepFor(status: number): string {
  if (status === 0) return 'Check that the gateway is running and reachable, then try again.';
  if (status === 401) return 'Sign in again with a valid API key.';
  if (status === 403) return 'Ask an admin for a key with a stronger role.';
  if (status === 404) {
    return 'It may have been deleted, or belong to another workspace: go back to the list.';
  }
  if (status === 409) return 'Someone acted first: reload to see the current state.';
  if (status === 400 || status === 422) return 'Correct the fields named above and submit again.';
  if (status === 413) return 'Shorten the input and submit again.';
  if (status === 429) return 'Wait a moment (the rate limit resets each minute), then try again.';
  if (status >= 500) return 'The service is unavailable: wait a little, then retry.';
  return 'Reload the page and try again.';
}

/** A problem+json body (or anything else a call returned) as the console shows it. */
export function shownProblem(status: number, body: unknown): ShownProblem {
  if (isProblem(body)) {
    const fields = (body.errors ?? []).map((error) => `${error.path} ${error.message}`);
    const detail = [body.detail, ...fields].filter((part) => part !== '').join(' · ');
    return { title: body.title, detail, next: nextStepFor(body.status), status: body.status };
  }
  const title = status === 0 ? 'The gateway did not answer' : `Unexpected answer (${status})`;
  return {
    title,
    detail: typeof body === 'string' ? body.slice(0, 300) : '',
    next: nextStepFor(status),
    status,
  };
}
