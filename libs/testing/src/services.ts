import { sharedMemo } from './shared-memo';

/** Thrown when an integration test needs a service that is neither configured nor startable. */
export class ServiceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** Where a service came from: the environment variable or a container started for this process. */
export interface ServiceSpec {
  /** Human name used in errors, e.g. `Postgres`. */
  readonly name: string;
  /** Environment variable that points at an already running service. */
  readonly envVar: string;
  /** Starts a container and resolves to its URL; rejects when no container runtime exists. */
  readonly startContainer: () => Promise<string>;
}

const HOW_TO =
  'Start the local services and export their URLs with `eval "$(tools/scripts/dev-services.sh start)"`, ' +
  'or make a container runtime (Docker) available to Testcontainers.';

/**
 * Resolves a service URL: the environment variable if set, else a container started once per process.
 * Never skips: when neither works it rejects with a {@link ServiceUnavailableError} naming the variable.
 */
export const resolveService = async (
  spec: ServiceSpec,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> => {
  const fromEnv = env[spec.envVar]?.trim();
  if (fromEnv) return fromEnv;
  try {
    return await sharedMemo(`container:${spec.name}:${spec.envVar}`, spec.startContainer);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ServiceUnavailableError(
      `${spec.name} is not available for integration tests: ${spec.envVar} is not set and ` +
        `Testcontainers could not start one (${reason}). Set ${spec.envVar}. ${HOW_TO}`,
      { cause },
    );
  }
};

const postgresSpec: ServiceSpec = {
  name: 'Postgres',
  envVar: 'DATABASE_URL',
  startContainer: async () => {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    return container.getConnectionUri();
  },
};

const natsSpec: ServiceSpec = {
  name: 'NATS',
  envVar: 'NATS_URL',
  startContainer: async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('nats:2.9')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  },
};

const chromaSpec: ServiceSpec = {
  name: 'Chroma',
  envVar: 'CHROMA_URL',
  startContainer: async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    // 1.0.0 is the server version the local npm binding (chromadb-js-bindings 1.0.5) reports.
    const container = await new GenericContainer('chromadb/chroma:1.0.0')
      .withExposedPorts(8000)
      .withWaitStrategy(Wait.forHttp('/api/v2/heartbeat', 8000).forStatusCode(200))
      .start();
    return `http://${container.getHost()}:${container.getMappedPort(8000)}`;
  },
};

/** Postgres connection URL: `DATABASE_URL`, else a Testcontainers Postgres 15 started once per process. */
export const postgresUrl = (env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  resolveService(postgresSpec, env);

/** NATS URL with JetStream: `NATS_URL`, else a `nats:2.9 -js` container started once per process. */
export const natsUrl = (env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  resolveService(natsSpec, env);

/** Chroma base URL: `CHROMA_URL`, else a `chromadb/chroma` container started once per process. */
export const chromaUrl = (env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  resolveService(chromaSpec, env);
