/** The gateway's HTTP API as the bench uses it: submit a project, decide a gate. */
export interface BenchApi {
  readonly url: string;
  readonly apiKey: string;
}

async function call(api: BenchApi, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // 409: the gate was already decided (a replayed event); the decision stands.
  if (response.status >= 400 && response.status !== 409) {
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

/** Submits project number `index`; resolves to its id. */
export async function submitProject(api: BenchApi, index: number): Promise<string> {
  const created = (await call(api, 'POST', '/v1/projects', {
    name: `bench ${index}`,
    requirements:
      `Project ${index}: a booking service for community sports halls with payments, ` +
      'waiting lists, reminders and an admin dashboard for utilisation.',
  })) as { id: string };
  return created.id;
}

/** Approves `gate` at `attempt` (the attempt from the approval.requested event). */
export async function approve(
  api: BenchApi,
  projectId: string,
  gate: string,
  attempt: number,
): Promise<void> {
  await call(api, 'POST', `/v1/projects/${projectId}/approvals/${gate}`, {
    decision: 'approve',
    attempt,
  });
}
