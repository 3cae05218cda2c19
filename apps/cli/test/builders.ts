import { STAGE_IDS } from '@agentbus/contracts';
import { type EventSpec } from './sse-frames';

export const PROJECT_ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
export const APPROVAL_ID = '0190c7e4-0000-7000-8000-00000000a001';

const usage = (totalTokens: number, costUsd: number) => ({
  inputTokens: totalTokens / 2,
  outputTokens: totalTokens / 2,
  totalTokens,
  costUsd,
  llmCalls: 1,
});

/** `GET /v1/projects/:id` as the gateway answers it. */
export function aProjectDetail(overrides: Record<string, unknown> = {}) {
  return {
    id: PROJECT_ID,
    name: 'Weather dashboard',
    state: 'running',
    submittedBy: 'test-key',
    createdAt: '2025-11-27T10:00:00.000Z',
    updatedAt: '2025-11-27T10:05:00.000Z',
    completedAt: null,
    failure: null,
    options: null,
    stages: STAGE_IDS.map((stage) => ({
      stage,
      state: stage === 'ml_feasibility' ? 'skipped' : 'pending',
      attempt: 1,
      failures: 0,
      target: 'cpu',
      artifactVersion: null,
      durationMs: null,
      usage: usage(0, 0),
    })),
    gates: [],
    usage: usage(1_200, 0.0125),
    budget: { maxTokens: null, maxCostUsd: null, tokensUsed: 0, costUsd: 0 },
    links: { self: `/v1/projects/${PROJECT_ID}` },
    ...overrides,
  };
}

const stageRun = (stage: string): EventSpec[] => [
  ['stage.dispatched', { projectId: PROJECT_ID, stage, attempt: 1, taskId: 't', target: 'cpu' }],
  [
    'stage.completed',
    { projectId: PROJECT_ID, stage, attempt: 1, durationMs: 1500, artifact: { version: 1 } },
  ],
];

/** prd, then its gate opening. */
export const UNTIL_GATE: readonly EventSpec[] = [
  ['project.started', { projectId: PROJECT_ID, name: 'Weather dashboard' }],
  ...stageRun('prd'),
  [
    'approval.requested',
    {
      projectId: PROJECT_ID,
      approvalId: APPROVAL_ID,
      gate: 'prd_approval',
      attempt: 1,
      stage: 'prd',
    },
  ],
];

/** Every stage after the gate, then project.completed. */
export const AFTER_GATE: readonly EventSpec[] = [
  ...STAGE_IDS.filter((s) => s !== 'prd' && s !== 'ml_feasibility').flatMap(stageRun),
  [
    'project.completed',
    { projectId: PROJECT_ID, artifactIds: [], totalTokens: 24_000, totalCostUsd: 0.42 },
  ],
];

/** `GET /v1/projects/:id/artifacts`. */
export const anArtifactList = (stages: readonly string[] = ['prd', 'plan']) => ({
  items: stages.map((stage, index) => ({
    id: `a-${index}`,
    stage,
    version: index + 1,
    attempt: 1,
    format: stage === 'plan' ? 'json' : 'markdown',
    sha256: 'a'.repeat(64),
    sizeBytes: 1234,
    agent: stage,
    provider: 'offline',
    model: 'offline',
    createdAt: '2025-11-27T10:00:00.000Z',
    versions: index + 1,
    links: { self: '', latest: '' },
  })),
});
