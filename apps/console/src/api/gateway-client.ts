import createClient from 'openapi-fetch';
import { type paths } from './gateway-api';
import { shownProblem, type ShownProblem } from './problem';

/** The typed gateway client (generated types from the gateway's OpenAPI document). */
export type GatewayClient = ReturnType<typeof gatewayClient>;

/** A client that sends `apiKey` as a bearer token on every call (never in a URL). */
export function gatewayClient(apiKey: string, baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`);
      return request;
    },
  });
  return client;
}

/** A failed call, carrying what the console shows for it. */
export class ApiProblem extends Error {
  constructor(readonly shown: ShownProblem) {
    super(`${shown.title}: ${shown.detail}`);
    this.name = 'ApiProblem';
  }
}

/**
 * The data of a call, or an {@link ApiProblem} with the problem's title, detail and next step
 * (a call that never reached the gateway is status 0).
 */
export async function dataOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch (error) {
    throw new ApiProblem(shownProblem(0, error instanceof Error ? error.message : undefined));
  }
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  if (answer.response.ok) return undefined as T; // 202/204 without a body the caller ignores
  throw new ApiProblem(shownProblem(answer.response.status, answer.error));
}

/** What to show for anything a call threw. */
export const problemOf = (error: unknown): ShownProblem =>
  error instanceof ApiProblem
    ? error.shown
    : shownProblem(0, error instanceof Error ? error.message : String(error));
