/** A readiness check that did not settle within the registry's timeout. */
export class HealthCheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'HealthCheckTimeoutError';
  }
}

/** Two readiness checks registered under one name: a wiring mistake, reported at start. */
export class DuplicateHealthCheckError extends Error {
  constructor(readonly checkName: string) {
    super(`A readiness check named "${checkName}" is already registered`);
    this.name = 'DuplicateHealthCheckError';
  }
}
