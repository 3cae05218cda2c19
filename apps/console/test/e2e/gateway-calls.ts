import { type Stack } from '@agentbus/testing';

/** A call to the stack's gateway API as `key`, with a JSON body when one is given. */
export function callGateway(
  stack: Stack,
  key: string,
  path: string,
  { method = 'GET', json }: { method?: string; json?: unknown } = {},
): Promise<Response> {
  return fetch(`${stack.gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

/** The JSON answer of a call that must answer `status`. */
export async function jsonOf<T>(answer: Promise<Response>, status: number): Promise<T> {
  const response = await answer;
  if (response.status !== status) {
    throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Submits a project through the API as the stack's admin key; its id. */
export async function submitProject(stack: Stack, json: Record<string, unknown>): Promise<string> {
  const call = callGateway(stack, stack.apiKey, '/v1/projects', { method: 'POST', json });
  return (await jsonOf<{ id: string }>(call, 202)).id;
}
