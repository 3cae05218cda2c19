import {
  MemoryPatternGetV1,
  ProjectRestartRequestedV1,
  ProjectSubmittedV1,
} from '@agentbus/contracts';
import {
  answer,
  type Bus,
  connectBus,
  QueryFailedError,
  type QueryResponder,
} from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { givenProject, givenProjectState } from '../support/read-model-rows';

// What memory holds here: one template and one project pattern. The memory-service's own
// `pattern.get` has its suite in apps/memory-service; a responder on the real bus answers the
// real contract, so the gateway's side is tested alone (including memory being down).
const STORED: Record<string, 'template' | 'prd'> = {
  'template-rest-api': 'template',
  'artifact-0193a000-0000-7000-8000-000000000042': 'prd',
};

describe('memory choices: a template on submit, exclusions on restart', () => {
  let gw: Gateway;
  let bus: Bus;
  let memory: QueryResponder | undefined;

  beforeAll(async () => {
    gw = await startGateway();
    bus = await connectBus({
      servers: await natsUrl(),
      name: 'memory-double',
      namespace: gw.namespace,
    });
  });
  afterAll(async () => {
    await memory?.stop();
    await bus?.close();
    await gw?.stop();
  });

  const submit = (templateId: string) =>
    gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'Partner API', requirements: 'A public REST API for partners.', templateId },
    });

  const startMemory = async () => {
    memory ??= await answer(bus, MemoryPatternGetV1, async ({ data }) => {
      const type = STORED[data.id];
      if (type === undefined) {
        throw new QueryFailedError('not-found', `no pattern has id ${data.id}`);
      }
      const now = new Date().toISOString();
      return {
        id: data.id,
        type,
        source: type === 'template' ? 'template' : 'project',
        text: 'pattern text',
        metadata: {},
        retrievedCount: 0,
        successes: 0,
        failures: 0,
        successScore: 0.5,
        createdAt: now,
        lastUsedAt: null,
      } as const;
    });
  };

  it('answers 503 (retry, or submit without it) when memory cannot check the template', async () => {
    const response = await submit('template-rest-api');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe('urn:agentbus:problem:memory-unavailable');
    expect(problem.detail).toContain('without templateId');
  });

  it('sends a known template with the submission', async () => {
    await startMemory();
    const response = await submit('template-rest-api');
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await outboxDrained(gw);
    const [message] = (await messagesOn(gw.nc, gw.namespace, ProjectSubmittedV1.subject)).filter(
      (m) => m.envelope.data['projectId'] === id,
    );
    expect(message?.envelope.data['templateId']).toBe('template-rest-api');
  });

  it.each([
    ['an id memory does not hold', 'template-nope', 'is not a pattern in memory'],
    [
      'a pattern that is not a template',
      'artifact-0193a000-0000-7000-8000-000000000042',
      'not a template',
    ],
  ])('refuses %s with 422 naming templateId', async (_what, templateId, why) => {
    await startMemory();
    const response = await submit(templateId);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:unknown-template',
      errors: [{ path: 'templateId', message: expect.stringContaining(why) }],
    });
  });

  it('refuses a malformed template id with 400 before asking memory', async () => {
    const response = await submit('../etc/passwd');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [expect.objectContaining({ path: 'templateId' })],
    });
  });

  it('restarts excluding patterns; other exclusions make another command', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    await givenProjectState(gw, projectId, 'completed');
    const restart = (excludePatterns?: string[]) =>
      gw.call(`/v1/projects/${projectId}/restart`, {
        method: 'POST',
        as: 'requester',
        json: { fromStage: 'prd', ...(excludePatterns ? { excludePatterns } : {}) },
      });
    const first = await restart(['artifact-b', 'artifact-a', 'artifact-b']);
    expect(first.status).toBe(202);
    const retry = await restart(['artifact-a', 'artifact-b']);
    const other = await restart(['artifact-c']);
    const ids = await Promise.all(
      [first, retry, other].map(async (r) => ((await r.json()) as { messageId: string }).messageId),
    );
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    await outboxDrained(gw);
    const sent = (await messagesOn(gw.nc, gw.namespace, ProjectRestartRequestedV1.subject))
      .filter((m) => m.envelope.data['projectId'] === projectId)
      .map((m) => m.envelope.data['excludePatterns']);
    expect(sent).toEqual([['artifact-a', 'artifact-b'], ['artifact-c']]);

    const bad = await restart(['not a pattern id']);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      errors: [expect.objectContaining({ path: expect.stringContaining('excludePatterns') })],
    });
  });
});
