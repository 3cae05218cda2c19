import { HttpProblemError } from './problem/problem.errors';
import { bodyParseProblem } from './body-parse-problem.util';

const parserError = (message: string, fields: object, base: Error = new Error(message)) =>
  Object.assign(base, fields);

describe(bodyParseProblem.name, () => {
  it.each([
    [
      'malformed JSON',
      parserError(
        'Unexpected end of JSON input',
        { status: 400 },
        new SyntaxError('Unexpected end of JSON input'),
      ),
      400,
      'malformed-json',
    ],
    [
      'a body over the limit',
      parserError('request entity too large', {
        status: 413,
        type: 'entity.too.large',
        limit: 1024,
      }),
      413,
      'body-too-large',
    ],
    [
      'another charset',
      parserError('unsupported charset "LATIN1"', { status: 415, type: 'charset.unsupported' }),
      415,
      'unsupported-charset',
    ],
  ])('names %s', (_case, error, status, slug) => {
    const sut = bodyParseProblem(error);
    expect(sut).toBeInstanceOf(HttpProblemError);
    expect(sut).toMatchObject({ status, slug });
  });

  it('says the limit of a body that is too large', () => {
    const sut = bodyParseProblem(parserError('x', { type: 'entity.too.large', limit: 1024 }));
    expect((sut as Error).message).toBe('The request body is larger than the limit of 1024 bytes.');
  });

  it('leaves other errors alone', () => {
    const aborted = parserError('request aborted', { status: 400, type: 'request.aborted' });
    expect(bodyParseProblem(aborted)).toBe(aborted);
  });
});
