// One example per contract for the AsyncAPI document. Each is parsed by its zod schema when the
// document is rendered, so an example that drifts from its contract fails the build of the docs.
import {
  AllowlistChangedV1,
  type AppName,
  ApprovalDecidedV1,
  ApprovalRemindedV1,
  ApprovalRequestedV1,
  ApprovalTimedOutV1,
  CpuTaskCancelRequestedV1,
  CpuTaskFailedV1,
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
  CpuTaskStartedV1,
  CpuTaskSucceededV1,
  type DataOf,
  GpuJobCancelRequestedV1,
  GpuJobFailedV1,
  GpuJobRequestedV1,
  GpuJobStartedV1,
  GpuJobSucceededV1,
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  MemorySearchV1,
  MemoryStatsV1,
  MemoryTemplatesListV1,
  MessageDeadLetteredV1,
  type MessageDefinition,
  PatternStoredV1,
  ProjectCancelledV1,
  ProjectCancelRequestedV1,
  ProjectCompletedV1,
  ProjectDataDeletedV1,
  ProjectDeletionRequestedV1,
  ProjectFailedV1,
  ProjectRestartRequestedV1,
  ProjectStartedV1,
  ProjectSubmittedV1,
  type QueryDefinition,
  type QueryReply,
  RoutingDecidedV1,
  SkillInstalledV1,
  SkillsResolveV1,
  SkillsListV1,
  SkillsGetV1,
  SkillsInstallV1,
  SkillsUninstallV1,
  AllowlistGetV1,
  AllowlistPutV1,
  PermissionsExportV1,
  PermissionsImportV1,
  SkillsInstallGitV1,
  StageCompletedV1,
  StageDispatchedV1,
  StageFailedV1,
  StageRunningV1,
} from '../../../libs/contracts/src';
import { type z } from 'zod';

/** Example data of one message, with who sends it. */
export interface MessageExample {
  readonly definition: MessageDefinition;
  readonly source: AppName;
  readonly summary: string;
  readonly data: unknown;
}

/** Example answer of one query. */
export interface ReplyExample {
  readonly query: QueryDefinition;
  readonly summary: string;
  readonly reply: unknown;
}

const example = <D extends MessageDefinition>(
  definition: D,
  source: AppName,
  summary: string,
  data: DataOf<D>,
): MessageExample => ({ definition, source, summary, data });

const reply = <Q extends QueryDefinition>(
  query: Q,
  summary: string,
  answer: QueryReply<z.input<Q['response']>>,
): ReplyExample => ({ query, summary, reply: answer });

/** The project every example belongs to (the envelope's `correlationId`). */
export const EXAMPLE_PROJECT_ID = '0197a2c4-5b1e-7d3a-8f21-6c4b9e0a1d52';
const taskId = '0197a2c4-6f02-7a11-9b3c-2d5e8f1a4c60';
const approvalId = '0197a2c4-5c20-7e6b-a1f4-7b8c9d0e1f23';
const artifact = {
  id: '0197a2c4-7a13-7c42-8d5e-3f6a9b2c5d71',
  version: 1,
  sha256: '4f2a9c0e7d1b3a5c8e6f0a2b4c6d8e0f1a3b5c7d9e0f2a4b6c8d0e2f4a6b8c0d',
  format: 'json' as const,
};
const prdArtifact = { ...artifact, id: '0197a2c4-6a01-7b22-8c33-4d44e55f6a70' };
const usage = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  inputTokens: 5_210,
  outputTokens: 2_847,
  costUsd: 0.058335,
  calls: 1,
};
const key = { taskId, projectId: EXAMPLE_PROJECT_ID, stage: 'architecture' as const, attempt: 1 };
const gpuKey = { ...key, stage: 'ml_feasibility' as const };
const deadline = '2025-06-02T09:45:00.000Z';

export const MESSAGE_EXAMPLES: readonly MessageExample[] = [
  example(ProjectSubmittedV1, 'gateway', 'requirements submitted with the PRD gate on', {
    projectId: EXAMPLE_PROJECT_ID,
    name: 'Bike rental',
    requirements: 'Riders book bikes by the hour, pay by card and get reminders.',
    options: { gates: { prd_approval: true, delivery_approval: false } },
    submittedBy: 'key:product-team',
  }),
  example(ProjectStartedV1, 'master-orchestrator', 'the workflow began', {
    projectId: EXAMPLE_PROJECT_ID,
    name: 'Bike rental',
  }),
  example(ProjectCancelRequestedV1, 'gateway', 'a requester cancels', {
    projectId: EXAMPLE_PROJECT_ID,
    reason: 'superseded by a newer request',
    requestedBy: 'key:product-team',
  }),
  example(ProjectRestartRequestedV1, 'gateway', 're-run architecture and everything after it', {
    projectId: EXAMPLE_PROJECT_ID,
    fromStage: 'architecture',
    requestedBy: 'key:product-team',
  }),
  example(ProjectCompletedV1, 'master-orchestrator', 'every stage succeeded', {
    projectId: EXAMPLE_PROJECT_ID,
    artifactIds: [prdArtifact.id, artifact.id],
    totalTokens: 96_412,
    totalCostUsd: 0.71,
  }),
  example(ProjectFailedV1, 'master-orchestrator', 'a reviewer rejected the PRD', {
    projectId: EXAMPLE_PROJECT_ID,
    stage: 'prd',
    cause: 'prd_approval rejected: out of scope this quarter',
  }),
  example(ProjectDeletionRequestedV1, 'gateway', 'an admin deletes a finished project', {
    projectId: EXAMPLE_PROJECT_ID,
    requestedBy: 'key:ops-admin',
  }),
  example(
    ProjectDataDeletedV1,
    'cpu-agent-worker',
    'the worker deleted its artifacts and LLM calls',
    {
      projectId: EXAMPLE_PROJECT_ID,
      service: 'cpu-agent-worker',
      deleted: 42,
    },
  ),
  example(ProjectCancelledV1, 'master-orchestrator', 'cancelled on request', {
    projectId: EXAMPLE_PROJECT_ID,
    reason: 'superseded by a newer request',
  }),
  example(StageDispatchedV1, 'master-orchestrator', 'architecture sent to the CPU pool', {
    projectId: EXAMPLE_PROJECT_ID,
    stage: 'architecture',
    attempt: 1,
    taskId,
    target: 'cpu',
  }),
  example(StageRunningV1, 'master-orchestrator', 'a worker took the task (event log only)', {
    projectId: EXAMPLE_PROJECT_ID,
    stage: 'architecture',
    attempt: 1,
    taskId,
    startedAt: '2025-06-02T09:30:00.120Z',
    worker: 'cpu-agent-worker-7d9f6c5b4-x2k8q',
  }),
  example(StageCompletedV1, 'master-orchestrator', 'architecture stored as version 1', {
    projectId: EXAMPLE_PROJECT_ID,
    stage: 'architecture',
    attempt: 1,
    artifact,
    durationMs: 41_250,
  }),
  example(StageFailedV1, 'master-orchestrator', 'a timeout; another attempt is scheduled', {
    projectId: EXAMPLE_PROJECT_ID,
    stage: 'architecture',
    attempt: 1,
    error: { code: 'llm_timeout', message: 'provider did not answer in 120 s', retryable: true },
    willRetry: true,
    nextAttemptAt: '2025-06-02T09:32:04.000Z',
  }),
  example(ApprovalRequestedV1, 'master-orchestrator', 'the PRD waits for a reviewer', {
    projectId: EXAMPLE_PROJECT_ID,
    approvalId,
    gate: 'prd_approval',
    attempt: 1,
    stage: 'prd',
  }),
  example(ApprovalDecidedV1, 'gateway', 'a reviewer asks for changes', {
    projectId: EXAMPLE_PROJECT_ID,
    approvalId,
    gate: 'prd_approval',
    attempt: 1,
    decision: 'request_changes',
    comment: 'Add an offline mode for riders without signal.',
    decidedBy: 'key:reviewer',
  }),
  example(ApprovalRemindedV1, 'master-orchestrator', 'nobody decided in an hour; 1 of 3', {
    projectId: EXAMPLE_PROJECT_ID,
    approvalId,
    gate: 'prd_approval',
    attempt: 1,
    reminder: 1,
    maxReminders: 3,
    openedAt: '2025-06-02T09:00:00.000Z',
    nextReminderAt: '2025-06-02T11:00:00.000Z',
  }),
  example(ApprovalTimedOutV1, 'master-orchestrator', 'approved by its default action', {
    projectId: EXAMPLE_PROJECT_ID,
    approvalId,
    gate: 'delivery_approval',
    attempt: 1,
    action: 'approve',
    afterSeconds: 86_400,
    openedAt: '2025-06-02T09:00:00.000Z',
  }),
  example(RoutingDecidedV1, 'master-orchestrator', 'no ML work detected', {
    projectId: EXAMPLE_PROJECT_ID,
    score: 0.12,
    signals: ['reporting'],
    target: 'cpu',
  }),
  example(CpuTaskRequestedV1, 'master-orchestrator', 'run the feature tree agent (early lane)', {
    ...key,
    stage: 'feature_tree',
    agent: 'feature_tree',
    inputs: [{ stage: 'prd', artifact: prdArtifact }],
    deadlineAt: deadline,
  }),
  example(CpuTaskRequestedMiddleV1, 'master-orchestrator', 'run the architect agent', {
    ...key,
    agent: 'architect',
    inputs: [{ stage: 'prd', artifact: prdArtifact }],
    deadlineAt: deadline,
  }),
  example(CpuTaskRequestedLateV1, 'master-orchestrator', 'run the security reviewer', {
    ...key,
    stage: 'security',
    agent: 'security',
    inputs: [{ stage: 'prd', artifact: prdArtifact }],
    deadlineAt: deadline,
  }),
  example(CpuTaskStartedV1, 'cpu-agent-worker', 'a worker began the task', {
    ...key,
    startedAt: '2025-06-02T09:30:00.120Z',
    worker: { id: 'cpu-agent-worker-7d9f6c5b4-x2k8q', hostname: 'node-a' },
  }),
  example(CpuTaskSucceededV1, 'cpu-agent-worker', 'the artifact is stored', {
    ...key,
    artifact,
    usage,
    durationMs: 41_250,
  }),
  example(CpuTaskFailedV1, 'cpu-agent-worker', 'the output failed its schema after repair', {
    ...key,
    error: {
      code: 'agent_output',
      message:
        'agent architect gave no valid output after 2 call(s): components: expected an array',
      retryable: true,
    },
    usage,
  }),
  example(CpuTaskCancelRequestedV1, 'master-orchestrator', 'stop the project tasks', {
    projectId: EXAMPLE_PROJECT_ID,
  }),
  example(GpuJobRequestedV1, 'master-orchestrator', 'a feasibility benchmark on one GPU', {
    ...gpuKey,
    kind: 'feasibility',
    resources: { gpus: 1, gpuType: 'nvidia-l4', memoryGi: 16 },
    inputs: [{ stage: 'prd', artifact: prdArtifact }],
    deadlineAt: deadline,
  }),
  example(GpuJobStartedV1, 'gpu-job-controller', 'a Kubernetes Job was created', {
    ...gpuKey,
    jobName: 'agentbus-ml-feasibility-0197a2c4-1',
    backend: 'kubernetes',
  }),
  example(GpuJobSucceededV1, 'gpu-job-controller', 'the result is stored', {
    ...gpuKey,
    artifact,
    durationMs: 312_000,
  }),
  example(GpuJobFailedV1, 'gpu-job-controller', 'never scheduled before the pending timeout', {
    ...gpuKey,
    error: { code: 'pending_timeout', message: 'no node with nvidia-l4 in 600 s', retryable: true },
  }),
  example(GpuJobCancelRequestedV1, 'master-orchestrator', 'delete the project jobs', {
    projectId: EXAMPLE_PROJECT_ID,
  }),
  example(PatternStoredV1, 'memory-service', 'a finished PRD kept as a pattern', {
    patternId: `prd:${EXAMPLE_PROJECT_ID}`,
    type: 'prd',
    projectId: EXAMPLE_PROJECT_ID,
    embedder: 'offline-hash-384',
  }),
  example(SkillInstalledV1, 'skills-registry', 'a skill version installed', {
    name: 'owasp-review',
    version: '1.2.0',
    sha256: '9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d',
    installedBy: 'key:admin',
  }),
  example(AllowlistChangedV1, 'skills-registry', 'the security agent may use two skills', {
    agent: 'security',
    skills: ['owasp-review', 'threat-model'],
    changedBy: 'key:admin',
  }),
  example(MemorySearchV1.request, 'cpu-agent-worker', 'similar architectures', {
    text: 'bike rental booking architecture',
    types: ['architecture'],
    k: 3,
    minScore: 0.2,
  }),
  example(MemoryPatternGetV1.request, 'gateway', 'one pattern', { id: 'template-rest-api' }),
  example(MemoryPatternStoreV1.request, 'gateway', 'a manual QA checklist', {
    type: 'qa',
    text: 'Every public endpoint has a contract test for its 4xx answers.',
    metadata: { topic: 'api-testing' },
    storedBy: 'key:admin',
  }),
  example(MemoryPatternDeleteV1.request, 'gateway', 'a manual pattern removed', {
    id: 'manual-api-testing',
    deletedBy: 'key:admin',
  }),
  example(MemoryTemplatesListV1.request, 'gateway', 'every template', {}),
  example(MemoryStatsV1.request, 'gateway', 'what memory holds', {}),
  example(SkillsResolveV1.request, 'cpu-agent-worker', 'skills of the security agent', {
    agent: 'security',
  }),
  example(SkillsListV1.request, 'gateway', 'every installed skill', {}),
  example(SkillsGetV1.request, 'gateway', 'one skill', { name: 'security-owasp' }),
  example(SkillsInstallV1.request, 'gateway', 'an uploaded .tgz', {
    archiveBase64: 'H4sIAAAAAAAAA+3BAQ0AAADCoPdPbQ8HFAAAAAAAAAAAAAAA',
    installedBy: 'key:admin',
  }),
  example(SkillsUninstallV1.request, 'gateway', 'one version', {
    name: 'security-owasp',
    version: '1.0.0',
    uninstalledBy: 'key:admin',
  }),
  example(AllowlistGetV1.request, 'gateway', "the architect's allowlist", { agent: 'architect' }),
  example(AllowlistPutV1.request, 'gateway', 'the architect gets every 1.x of a skill', {
    agent: 'architect',
    allow: ['system-architecture@^1'],
    deny: [],
    changedBy: 'key:admin',
  }),
  example(SkillsInstallGitV1.request, 'gateway', 'one tag of a repository on an allowed host', {
    url: 'https://github.com/acme/agent-skills.git',
    ref: 'v1.2.0',
    installedBy: 'key:admin',
  }),
  example(PermissionsExportV1.request, 'gateway', 'every allowlist and mapping', {}),
  example(PermissionsImportV1.request, 'gateway', 'the architect alone gets skills', {
    yaml: 'agents:\n  architect:\n    allow: [system-architecture]\n    deny: []\ncapabilities: []\n',
    changedBy: 'key:admin',
  }),
  example(MessageDeadLetteredV1, 'master-orchestrator', 'a result its handler refused', {
    subject: CpuTaskSucceededV1.subject,
    stream: 'AGENTBUS_TASK',
    consumer: 'orch-cpu-succeeded',
    streamSequence: 1_842,
    deliveryCount: 1,
    reason: 'invalid agentbus.task.v1.cpu.succeeded: data.usage: Invalid input',
    errorName: 'InvalidMessageError',
    originalId: '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82',
    headers: { 'Nats-Msg-Id': ['0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82'] },
    payloadBase64: Buffer.from('{"id":"0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82"}').toString('base64'),
  }),
];

export const REPLY_EXAMPLES: readonly ReplyExample[] = [
  reply(MemorySearchV1, 'one similar architecture', {
    ok: true,
    data: {
      hits: [
        {
          id: 'architecture:seed-booking',
          type: 'architecture',
          score: 0.83,
          text: 'Booking service, payment adapter, reminder scheduler.',
          metadata: { source: 'seed', projectCount: 3 },
        },
      ],
    },
  }),
  reply(MemoryPatternGetV1, 'not stored', {
    ok: false,
    error: { code: 'not-found', message: 'no pattern has id manual-x', retryable: false },
  }),
  reply(MemoryPatternStoreV1, 'a new manual pattern', {
    ok: true,
    data: {
      status: 'created',
      pattern: {
        id: 'manual-0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82',
        type: 'qa',
        source: 'manual',
        text: 'Every public endpoint has a contract test for its 4xx answers.',
        metadata: { topic: 'api-testing' },
        retrievedCount: 0,
        successes: 0,
        failures: 0,
        successScore: 0.5,
        createdAt: '2026-12-02T09:00:00.000Z',
        lastUsedAt: null,
      },
    },
  }),
  reply(MemoryPatternDeleteV1, 'a shipped template is refused', {
    ok: false,
    error: {
      code: 'shipped-template',
      message: 'template-web-saas is a shipped template; it is loaded again at every start',
      retryable: false,
    },
  }),
  reply(MemoryTemplatesListV1, 'memory is down', {
    ok: false,
    error: { code: 'memory_unavailable', message: 'Postgres unavailable', retryable: true },
  }),
  reply(MemoryStatsV1, 'a small memory after one retention pass', {
    ok: true,
    data: {
      patterns: 7,
      bySource: { template: 5, project: 2 },
      byType: [
        {
          type: 'template',
          patterns: 5,
          used: 2,
          retrieved: 9,
          successes: 2,
          failures: 1,
          meanSuccessScore: 0.53,
        },
      ],
      unindexed: 0,
      retention: {
        runs: 1,
        removed: { qa: 1 },
        archived: 1,
        lastRun: { ranAt: '2026-12-02T03:00:00.000Z', removed: { qa: 1 }, kept: { template: 5 } },
      },
    },
  }),
  reply(SkillsListV1, 'one skill installed', {
    ok: true,
    data: {
      skills: [
        {
          name: 'security-owasp',
          latest: '1.0.0',
          versions: [
            {
              version: '1.0.0',
              sha256: '9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d',
              description: 'Security review against the OWASP Top 10',
              author: 'Agent Bus',
              license: 'Apache-2.0',
              capabilities: ['threat-modeling'],
              compatibleAgents: ['security'],
              tags: ['security'],
              files: 3,
              sizeBytes: 2048,
              source: 'shipped:security-owasp',
              installedBy: 'skills-registry (shipped)',
              installedAt: '2026-12-01T09:00:00.000Z',
            },
          ],
        },
      ],
    },
  }),
  reply(SkillsGetV1, 'not installed', {
    ok: false,
    error: { code: 'not-found', message: 'skill wizardry is not installed', retryable: false },
  }),
  reply(SkillsInstallV1, 'refused: an entry climbs out of the skill folder', {
    ok: false,
    error: {
      code: 'unsafe-path',
      message: 'entry "../evil.md" is not a plain relative path inside the skill folder',
      retryable: false,
    },
  }),
  reply(SkillsUninstallV1, 'one version removed', {
    ok: true,
    data: { name: 'security-owasp', versions: ['1.0.0'] },
  }),
  reply(AllowlistGetV1, 'the architect may use one skill', {
    ok: true,
    data: {
      agent: 'architect',
      allow: ['system-architecture'],
      deny: [],
      skills: [{ name: 'system-architecture', version: '1.0.0' }],
    },
  }),
  reply(AllowlistPutV1, 'a rule that is not one', {
    ok: false,
    error: {
      code: 'invalid-permissions',
      message: 'allow.0: must be a skill name',
      retryable: false,
    },
  }),
  reply(SkillsInstallGitV1, 'a host the registry does not allow', {
    ok: false,
    error: {
      code: 'git-host-refused',
      message: 'evil.example is not an allowed git host (SKILLS_GIT_HOSTS: github.com)',
      retryable: false,
    },
  }),
  reply(PermissionsExportV1, 'the architect and security agents have rules', {
    ok: true,
    data: {
      yaml:
        'agents:\n  architect:\n    allow: [system-architecture]\n    deny: []\n' +
        '  security:\n    allow: [security-owasp]\n    deny: []\ncapabilities: []\n',
    },
  }),
  reply(PermissionsImportV1, 'a misspelt field, named by line', {
    ok: false,
    error: {
      code: 'invalid-permissions',
      message: 'line 4: agents.architect.alow: is not a field of this document',
      retryable: false,
    },
  }),
  reply(SkillsResolveV1, 'the responder failed; the asker may retry', {
    ok: false,
    error: { code: 'retryable', message: 'registry database unavailable', retryable: true },
  }),
];
