// Writes apps/console/src/api/gateway-openapi.json: the OpenAPI document the built gateway serves at
// /docs-json, taken from a gateway started for the purpose (in a throwaway namespace, against the
// local Postgres and NATS) so the console's client is generated from exactly what the gateway
// answers. `npx nx run console:openapi` runs this, then openapi-typescript on the result.
import '../bench/messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  deleteNamespaceStreams,
  natsUrl,
  postgresUrl,
  schemaOf,
  stackWiring,
  startApp,
  testNamespace,
} from '@agentbus/testing';

const OUTPUT = join(__dirname, '../../apps/console/src/api/gateway-openapi.json');

async function main(): Promise<void> {
  const namespace = testNamespace();
  const gateway = await startApp(
    'gateway',
    namespace,
    stackWiring(namespace, randomBytes(24).toString('hex')),
  );
  try {
    await gateway.process.waitForHttp(`${gateway.url}/docs-json`, { timeoutMs: 60_000 });
    const document = (await (await fetch(`${gateway.url}/docs-json`)).json()) as object;
    writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${OUTPUT}`);
  } finally {
    gateway.process.kill();
    await gateway.process.waitForExit(15_000).catch(() => undefined);
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS ${schemaOf(namespace, 'gateway')} CASCADE`);
    await pg.end();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
