import { HttpProblemError } from './problem/problem.errors';

type ParserError = Error & { status?: unknown; type?: unknown; limit?: unknown; charset?: unknown };

/**
 * The problem for an error of express's JSON body parser, with a type a client can act on;
 * other errors are returned as they are.
 */
export function bodyParseProblem(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof HttpProblemError) return error;
  const { status, type, limit } = error as ParserError;
  if (error instanceof SyntaxError && status === 400) {
    return new HttpProblemError(
      400,
      'malformed-json',
      `The request body is not valid JSON: ${error.message}.`,
    );
  }
  if (type === 'entity.too.large') {
    const size = typeof limit === 'number' ? ` of ${limit} bytes` : '';
    return new HttpProblemError(
      413,
      'body-too-large',
      `The request body is larger than the limit${size}.`,
    );
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpProblemError(415, 'unsupported-charset', 'JSON bodies must be UTF-8.');
  }
  return error;
}
