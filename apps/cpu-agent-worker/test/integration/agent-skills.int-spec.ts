import { randomUUID } from 'node:crypto';
import { AllowlistChangedV1, SkillsResolveV1 } from '@agentbus/contracts';
import { answer, Publisher, type QueryResponder } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { startWorker } from '../support/worker-app';

// The registry's side (allowlists, resolution) has its own suite in apps/skills-registry; here a
// responder on the real bus answers the real resolve contract, so the worker's side is tested
// alone: asking, caching, invalidation by event, the budget, and a registry that is down.
describe('cpu-agent-worker skills', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let responder: QueryResponder | undefined;
  let allowed: string[] = [];
  const asked: string[] = [];

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await responder?.stop();
    await worker?.stop();
  });

  const skillsOfPrd = async () => {
    const projectId = await worker.newProject();
    await worker.dispatch(projectId, 'prd', 1, []);
    return eventually(async () => {
      const { rows } = await worker.pg.query<{ skills: unknown }>(
        `SELECT skills FROM ${worker.workerSchema}.artifacts WHERE project_id = $1`,
        [projectId],
      );
      expect(rows[0]).toBeDefined();
      return rows[0]?.skills;
    });
  };

  it('runs without skills and says so on the artifact when the registry does not answer', async () => {
    await expect(skillsOfPrd()).resolves.toMatchObject({
      status: 'registry-unavailable',
      skills: [],
      reason: expect.stringContaining(SkillsResolveV1.subject),
    });
  });

  it('records the versions the registry allows, and re-asks once the allowlist changed', async () => {
    responder = await answer(worker.bus, SkillsResolveV1, async (request) => {
      asked.push(request.data.agent);
      return {
        skills: allowed.map((name) => ({
          name,
          version: '1.2.0',
          prompt: `Follow the ${name} checklist.`,
          capabilities: ['testing'],
        })),
      };
    });
    await expect(skillsOfPrd()).resolves.toEqual({ status: 'resolved', skills: [] });
    await expect(skillsOfPrd()).resolves.toEqual({ status: 'resolved', skills: [] });
    expect(asked).toEqual(['prd']); // the second task used the cached answer
    allowed = ['demo-skill', 'huge-skill'];
    await new Publisher(worker.bus).publish(
      AllowlistChangedV1,
      { agent: 'prd', skills: allowed, changedBy: 'test' },
      { source: 'skills-registry', correlationId: randomUUID() },
    );
    await eventually(async () => {
      await expect(skillsOfPrd()).resolves.toEqual({
        status: 'resolved',
        skills: [
          { name: 'demo-skill', version: '1.2.0' },
          { name: 'huge-skill', version: '1.2.0' },
        ],
      });
    });
    expect(asked.length).toBeGreaterThan(1);
  });
});
