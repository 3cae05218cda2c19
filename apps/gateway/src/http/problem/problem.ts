/** One invalid input, named by its path in the request (`options.budget.maxTokens`, `limit`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem details body, as every error of the API is answered. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** The media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `type` of a problem with a documented meaning; plain HTTP statuses use `about:blank`. */
export const problemType = (slug: string): string => `urn:agentbus:problem:${slug}`;
