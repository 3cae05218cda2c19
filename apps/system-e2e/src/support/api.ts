import { eventually } from '@agentbus/testing';
import { type Stack } from '@agentbus/testing';

/** Tokens and dollars of LLM calls (a stage's or the project's). */
export interface UsageView {
  inputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  llmCalls: number;
}

/** The parts of a project's detail view the tests read. */
export interface ProjectView {
  id: string;
  state: string;
  failure: { stage: string | null; cause: string } | null;
  stages: {
    stage: string;
    state: string;
    attempt: number;
    artifactVersion: number | null;
    startedAt: string | null;
    finishedAt: string | null;
    usage: UsageView;
  }[];
  gates: { id: string; gate: string; attempt: number; open: boolean; state: string }[];
  usage: UsageView;
}

/** A client for the gateway as a requester/approver would use it. */
export function apiOf(stack: Stack) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${stack.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, body: json && text ? (JSON.parse(text) as unknown) : text };
  };
  const project = async (id: string) =>
    (await call('GET', `/v1/projects/${id}`)).body as ProjectView;
  return {
    call,
    project,
    async submit(options: Record<string, unknown> = {}, name = 'Bike rental') {
      const { status, body } = await call('POST', '/v1/projects', {
        name,
        requirements:
          'A bike rental web app: riders book bikes by the hour, pay by card and get reminders. ' +
          'Admins manage the fleet and see utilisation reports.',
        options,
      });
      if (status !== 202) throw new Error(`submit answered ${status}: ${JSON.stringify(body)}`);
      return (body as { id: string }).id;
    },
    async waitFor(id: string, predicate: (view: ProjectView) => boolean, timeoutMs = 60_000) {
      return eventually(
        async () => {
          const view = await project(id);
          if (!predicate(view)) {
            throw new Error(
              `project is ${view.state}: ${JSON.stringify(view.stages.map((s) => `${s.stage}:${s.state}`))}`,
            );
          }
          return view;
        },
        { timeoutMs, intervalMs: 100 },
      );
    },
    async openGate(id: string, gate: string, timeoutMs = 60_000) {
      const view = await this.waitFor(
        id,
        (v) => v.gates.some((g) => g.gate === gate && g.open),
        timeoutMs,
      );
      const open = view.gates.find((g) => g.gate === gate && g.open);
      if (!open) throw new Error('unreachable');
      return open;
    },
    decide(id: string, gate: string, body: Record<string, unknown>) {
      return call('POST', `/v1/projects/${id}/approvals/${gate}`, body);
    },
  };
}
