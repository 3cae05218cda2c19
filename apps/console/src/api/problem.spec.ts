import { nextStepFor, shownProblem } from './problem';

describe(shownProblem.name, () => {
  it("shows a problem's title, its detail with each invalid field, and a next step", () => {
    const shown = shownProblem(400, {
      type: 'urn:agentbus:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The body is invalid.',
      instance: '/v1/projects',
      errors: [{ path: 'name', message: 'must be a string' }],
    });
    expect(shown).toEqual({
      title: 'Bad Request',
      detail: 'The body is invalid. · name must be a string',
      next: 'Correct the fields named above and submit again.',
      status: 400,
    });
  });

  it('names a gateway that did not answer (network error) and says to check it', () => {
    expect(shownProblem(0, undefined)).toMatchObject({
      title: 'The gateway did not answer',
      next: expect.stringContaining('gateway is running') as unknown,
    });
  });

  it('keeps a non-problem body short', () => {
    expect(shownProblem(502, 'x'.repeat(1000)).detail).toHaveLength(300);
  });
});

describe(nextStepFor.name, () => {
  it.each([
    [401, 'Sign in again'],
    [403, 'stronger role'],
    [409, 'reload'],
    [429, 'rate limit'],
    [503, 'retry'],
  ])('answers %i with a step', (status, words) => {
    expect(nextStepFor(status)).toContain(words);
  });
});
