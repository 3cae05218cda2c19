import { type Decision, type ProjectState } from '@agentbus/contracts';
import { type HttpClient } from '../http/http-client';
import {
  ApiKeyCreated,
  ApiKeyList,
  ApiKeyRotated,
  ApiKeySummary,
  type KeyExpiryRequest,
  type KeyLimitsRequest,
} from './api-key.schemas';
import { InboxPage, type InboxState } from './approval.schemas';
import { Accepted, ArtifactDocument, ArtifactList, type ArtifactMeta } from './artifact.schemas';
import { ProjectCreated, ProjectDetail, ProjectPage } from './project.schemas';
import { type GateTimeoutOptions } from '../commands/gate-timeout-option';
import { ProjectDeletion } from './project-deletion.schemas';

/** `POST /v1/projects` body. */
export interface Submission {
  readonly name: string;
  readonly requirements: string;
  readonly options?: {
    readonly gates?: { readonly prd_approval?: boolean; readonly delivery_approval?: boolean };
    readonly budget?: { readonly maxTokens?: number; readonly maxCostUsd?: number };
    readonly gateTimeouts?: GateTimeoutOptions;
  };
  /** Required when the key acts in several workspaces. */
  readonly workspace?: string;
}

export interface DecisionRequest {
  readonly decision: Decision;
  readonly comment?: string;
  readonly attempt?: number;
}

const project = (id: string): string => `/v1/projects/${encodeURIComponent(id)}`;
const apiKey = (id: string): string => `/v1/api-keys/${encodeURIComponent(id)}`;

/** The gateway's HTTP API (DESIGN §12), one method per route the CLI uses. */
export class AgentBusApi {
  constructor(private readonly http: HttpClient) {}

  submit(submission: Submission, idempotencyKey: string): Promise<ProjectCreated> {
    return this.http.json('POST', '/v1/projects', ProjectCreated, {
      body: submission,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  list(query: {
    state?: ProjectState | undefined;
    cursor?: string | undefined;
    limit?: number;
  }): Promise<ProjectPage> {
    return this.http.json('GET', '/v1/projects', ProjectPage, { query });
  }

  /** The reviewers' inbox: gates across projects. */
  inbox(query: {
    state: InboxState;
    cursor?: string | undefined;
    limit?: number;
  }): Promise<InboxPage> {
    return this.http.json('GET', '/v1/approvals', InboxPage, { query });
  }

  get(id: string): Promise<ProjectDetail> {
    return this.http.json('GET', project(id), ProjectDetail);
  }

  async artifacts(id: string): Promise<readonly ArtifactMeta[]> {
    return (await this.http.json('GET', `${project(id)}/artifacts`, ArtifactList)).items;
  }

  artifactJson(id: string, stage: string, version?: number): Promise<ArtifactDocument> {
    const path = `${project(id)}/artifacts/${encodeURIComponent(stage)}`;
    return this.http.json('GET', path, ArtifactDocument, { query: { version } });
  }

  artifactMarkdown(id: string, stage: string, version?: number): Promise<string> {
    const path = `${project(id)}/artifacts/${encodeURIComponent(stage)}`;
    return this.http.text(path, 'text/markdown', { query: { version } });
  }

  async decide(id: string, gate: string, request: DecisionRequest): Promise<void> {
    const path = `${project(id)}/approvals/${encodeURIComponent(gate)}`;
    await this.http.json('POST', path, Accepted, { body: request });
  }

  async cancel(id: string, reason?: string): Promise<void> {
    const body = reason === undefined ? {} : { reason };
    await this.http.json('POST', `${project(id)}/cancel`, Accepted, { body });
  }

  async restart(id: string, fromStage: string): Promise<void> {
    await this.http.json('POST', `${project(id)}/restart`, Accepted, { body: { fromStage } });
  }

  /** Deletes a finished project's data everywhere (admin); answers the deletion's progress. */
  deleteProject(id: string): Promise<ProjectDeletion> {
    return this.http.json('DELETE', project(id), ProjectDeletion);
  }

  projectDeletion(id: string): Promise<ProjectDeletion> {
    return this.http.json('GET', `${project(id)}/deletion`, ProjectDeletion);
  }

  async apiKeys(): Promise<readonly ApiKeySummary[]> {
    return (await this.http.json('GET', '/v1/api-keys', ApiKeyList)).items;
  }

  createApiKey(
    name: string,
    role: string,
    expiry: KeyExpiryRequest,
    limits: KeyLimitsRequest = {},
    workspaces: readonly string[] = [],
  ): Promise<ApiKeyCreated> {
    const withLimits = Object.keys(limits).length === 0 ? {} : { limits };
    const withWorkspaces = workspaces.length === 0 ? {} : { workspaces };
    return this.http.json('POST', '/v1/api-keys', ApiKeyCreated, {
      body: { name, role, ...expiry, ...withLimits, ...withWorkspaces },
    });
  }

  setApiKeyLimits(id: string, limits: KeyLimitsRequest): Promise<ApiKeySummary> {
    return this.http.json('PATCH', `${apiKey(id)}/limits`, ApiKeySummary, { body: limits });
  }

  revokeApiKey(id: string): Promise<ApiKeySummary> {
    return this.http.json('POST', `${apiKey(id)}/revoke`, ApiKeySummary, { body: {} });
  }

  rotateApiKey(
    id: string,
    request: KeyExpiryRequest & { readonly graceSeconds?: number },
  ): Promise<ApiKeyRotated> {
    return this.http.json('POST', `${apiKey(id)}/rotate`, ApiKeyRotated, { body: request });
  }

  /** Opens the project's Server-Sent Events, resuming after `lastEventId` when given. */
  openEvents(id: string, lastEventId: string, signal: AbortSignal): Promise<Response> {
    return this.http.send('GET', `${project(id)}/events`, {
      accept: 'text/event-stream',
      headers: {
        'cache-control': 'no-cache',
        ...(lastEventId === '' ? {} : { 'last-event-id': lastEventId }),
      },
      noTimeout: true,
      signal,
    });
  }
}
