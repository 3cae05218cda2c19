import { HttpProblemError } from '../../src/http/problem/problem.errors';

/** What the problem `pending` rejects with says; fails the test if it is not a problem. */
export async function problemThrownBy(pending: Promise<unknown>): Promise<{
  status: number;
  slug: string;
  detail: string;
  headers: Readonly<Record<string, string>>;
}> {
  const thrown: unknown = await pending.then(
    () => new Error('resolved, not a problem'),
    (error: unknown) => error,
  );
  if (!(thrown instanceof HttpProblemError)) throw new Error(`not a problem: ${String(thrown)}`);
  return {
    status: thrown.status,
    slug: thrown.slug,
    detail: thrown.message,
    headers: thrown.headers,
  };
}
