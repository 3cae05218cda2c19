/** The error and what it wraps (TypeORM's `driverError`, then `cause`), outermost first. */
export function errorChain(error: unknown): readonly unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 5;) {
    chain.push(current);
    if (typeof current !== 'object') break;
    const { driverError, cause } = current as { driverError?: unknown; cause?: unknown };
    current = driverError ?? cause;
  }
  return chain;
}
