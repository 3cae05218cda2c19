import { SkillsListV1 } from '@agentbus/contracts';
import { QueryFailedError, QueryTimeoutError } from '@agentbus/messaging';
import { type BusQueries } from '@agentbus/messaging-nest';
import { problemThrownBy } from '../../test/support/problem-thrown-by';
import { SkillsRegistryClient } from './skills-registry.client';

const problemOf = (error: Error) =>
  problemThrownBy(
    new SkillsRegistryClient({ ask: () => Promise.reject(error) } as unknown as BusQueries).ask(
      SkillsListV1,
      {},
    ),
  );

describe(SkillsRegistryClient.name, () => {
  it.each([
    ['not-found', 404, 'skill-not-found'],
    ['version-exists', 409, 'skill-version-exists'],
    ['version-downgrade', 409, 'skill-version-downgrade'],
    ['too-large', 413, 'skill-too-large'],
    ['too-many-files', 413, 'skill-too-many-files'],
    ['git-disabled', 403, 'skill-git-disabled'],
    ['git-host-refused', 403, 'skill-git-host-refused'],
    ['git-failed', 502, 'skill-git-failed'],
    ['invalid-manifest', 400, 'skill-invalid-manifest'],
  ])('answers the refusal %s as %i %s', async (code, status, slug) => {
    const problem = await problemOf(new QueryFailedError(code, 'refused'));
    expect(problem).toMatchObject({ status, slug, detail: expect.stringContaining('refused') });
  });

  it('names the next step of a refusal that has one', async () => {
    const problem = await problemOf(new QueryFailedError('git-disabled', 'git is off.'));
    expect(problem.detail).toBe('git is off. Upload an archive instead (POST /v1/skills).');
  });

  it.each([
    ['an outage the registry reports', new QueryFailedError('retryable', 'x', { retryable: true })],
    ['no responder', new QueryTimeoutError('agentbus.rpc.v1.skills.list', 10_000, true)],
    ['no answer in time', new QueryTimeoutError('agentbus.rpc.v1.skills.list', 10_000, false)],
  ])('answers %s as 503 skills-registry-unavailable with Retry-After', async (_case, error) => {
    expect(await problemOf(error)).toMatchObject({
      status: 503,
      slug: 'skills-registry-unavailable',
      detail: expect.stringContaining('/readyz'),
      headers: { 'Retry-After': '5' },
    });
  });
});
