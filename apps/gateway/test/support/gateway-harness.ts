import { randomBytes } from 'node:crypto';
import {
  deleteNamespaceStreams,
  eventually,
  natsUrl,
  postgresUrl,
  testNamespace,
} from '@agentbus/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { type Role, ROLES } from '../../src/auth/role';
import { createGatewayApp } from '../../src/bootstrap/create-gateway-app';
import { GatewayConfig } from '../../src/config';
import { createReadModelSchema } from './read-model-schemas';

/** What a request is sent with: an API key (a role's, a literal, or none) and a JSON body. */
export interface CallOptions {
  readonly method?: string;
  readonly as?: Role | { key: string } | null;
  readonly json?: unknown;
  readonly body?: Uint8Array | string;
  readonly headers?: Record<string, string>;
}

/** A gateway running in this process against real Postgres and NATS, in schemas of its own. */
export interface Gateway {
  readonly url: string;
  readonly namespace: string;
  readonly schemas: {
    readonly gateway: string;
    readonly orchestrator: string;
    readonly worker: string;
  };
  readonly sql: Client;
  readonly nc: NatsConnection;
  readonly app: INestApplication;
  readonly keys: Readonly<Record<Role, string>>;
  call(path: string, options?: CallOptions): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts the gateway (own bus namespace and schemas, read model migrated) with one key per role,
 * or, `withKeys: false`, with only what `env` configures.
 */
export async function startGateway(
  env: Record<string, string> = {},
  { withKeys = true }: { withKeys?: boolean } = {},
): Promise<Gateway> {
  const namespace = testNamespace();
  const schemas = {
    gateway: `${namespace}_gw`,
    orchestrator: `${namespace}_orch`,
    worker: `${namespace}_cpu`,
  };
  const databaseUrl = await postgresUrl();
  await createReadModelSchema(databaseUrl, 'orchestrator', schemas.orchestrator);
  await createReadModelSchema(databaseUrl, 'worker', schemas.worker);
  const adminKey = randomBytes(24).toString('base64url');
  const config = GatewayConfig.load({
    NATS_URL: await natsUrl(),
    DATABASE_URL: databaseUrl,
    BUS_NAMESPACE: namespace,
    DATABASE_SCHEMA: schemas.gateway,
    ORCHESTRATOR_SCHEMA: schemas.orchestrator,
    WORKER_SCHEMA: schemas.worker,
    GATEWAY_ADMIN_API_KEY: adminKey,
    LOG_LEVEL: 'error',
    SSE_POLL_INTERVAL_MS: '50',
    // Off unless a suite turns them on: suites send thousands of requests with one key.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY: '0',
    ...env,
  });
  const app = await createGatewayApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  const nc = await connect({ servers: config.NATS_URL });
  const keys: Record<Role, string> = { viewer: '', requester: '', approver: '', admin: adminKey };
  const call = callerFor(url, keys);
  for (const role of withKeys ? ROLES.filter((r) => r !== 'admin') : []) {
    const response = await call('/v1/api-keys', {
      method: 'POST',
      as: 'admin',
      json: { name: `test-${role}`, role },
    });
    keys[role] = ((await response.json()) as { key: string }).key;
  }
  const stop = async () => {
    await app.close();
    for (const schema of Object.values(schemas)) {
      await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await sql.end();
    await nc.close();
    await deleteNamespaceStreams(config.NATS_URL, namespace);
  };
  return { url, namespace, schemas, sql, nc, app, keys, call, stop };
}

function callerFor(url: string, keys: Readonly<Record<Role, string>>) {
  return (
    path: string,
    { method = 'GET', as = 'admin', json, body, headers = {} }: CallOptions = {},
  ) => {
    const auth: Record<string, string> =
      as === null ? {} : { authorization: `Bearer ${typeof as === 'string' ? keys[as] : as.key}` };
    const content = json === undefined ? body : JSON.stringify(json);
    const type: Record<string, string> =
      json === undefined ? {} : { 'content-type': 'application/json' };
    return fetch(`${url}${path}`, {
      method,
      headers: { ...auth, ...type, ...headers },
      body: content ?? null,
    });
  };
}

/**
 * Resolves once the gateway's outbox has published everything it committed, so what the stream
 * holds afterwards is final (a barrier for "published nothing" and "published once").
 */
export async function outboxDrained(gw: Gateway): Promise<void> {
  await eventually(async () => {
    const { rows } = await gw.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".outbox WHERE sent_at IS NULL`,
    );
    expect(rows[0]?.n).toBe(0);
  });
}
