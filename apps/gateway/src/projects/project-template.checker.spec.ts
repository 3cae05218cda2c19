import { type PatternView } from '@agentbus/contracts';
import { QueryFailedError, QueryTimeoutError } from '@agentbus/messaging';
import { type BusQueries } from '@agentbus/messaging-nest';
import { problemThrownBy } from '../../test/support/problem-thrown-by';
import { ProjectTemplateChecker } from './project-template.checker';

const aPattern = (type: PatternView['type']): PatternView => ({
  id: 'template-rest-api',
  type,
  source: 'template',
  text: 'A REST API',
  metadata: {},
  retrievedCount: 0,
  successes: 0,
  failures: 0,
  successScore: 0.5,
  createdAt: '2026-12-01T00:00:00.000Z',
  lastUsedAt: null,
});

const checkerAnswering = (outcome: () => Promise<unknown>) =>
  new ProjectTemplateChecker({ ask: outcome } as unknown as BusQueries);

const problemOf = (outcome: () => Promise<unknown>) =>
  problemThrownBy(checkerAnswering(outcome).check('template-rest-api'));

describe(ProjectTemplateChecker.name, () => {
  it('accepts a stored template', async () => {
    await expect(
      checkerAnswering(() => Promise.resolve(aPattern('template'))).check('template-rest-api'),
    ).resolves.toBeUndefined();
  });

  it('refuses a pattern that is not a template with 422 unknown-template', async () => {
    expect(await problemOf(() => Promise.resolve(aPattern('prd')))).toMatchObject({
      status: 422,
      slug: 'unknown-template',
      detail: expect.stringContaining('is a prd pattern, not a template'),
    });
  });

  it('refuses an id memory does not hold with 422 unknown-template', async () => {
    const notFound = new QueryFailedError('not-found', 'no such pattern');
    expect(await problemOf(() => Promise.reject(notFound))).toMatchObject({
      status: 422,
      slug: 'unknown-template',
      detail: expect.stringContaining('is not a pattern in memory'),
    });
  });

  it.each([
    ['another refusal', new QueryFailedError('invalid_request', 'bad')],
    [
      'an outage memory reports',
      new QueryFailedError('memory_unavailable', 'x', { retryable: true }),
    ],
    ['no responder', new QueryTimeoutError('agentbus.rpc.v1.pattern.get', 5_000, true)],
    ['no answer in time', new QueryTimeoutError('agentbus.rpc.v1.pattern.get', 5_000, false)],
  ])('answers %s as 503 memory-unavailable with Retry-After', async (_case, error) => {
    expect(await problemOf(() => Promise.reject(error))).toMatchObject({
      status: 503,
      slug: 'memory-unavailable',
      detail: expect.stringContaining('submit without templateId'),
      headers: { 'Retry-After': '5' },
    });
  });
});
