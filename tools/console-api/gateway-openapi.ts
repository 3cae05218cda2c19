// Writes apps/console/src/api/gateway-openapi.json: the OpenAPI document the built gateway serves at
// /docs-json, taken from a gateway started for the purpose (in a throwaway namespace, against the
// local Postgres and NATS) so the console's client is generated from exactly what the gateway
// answers. `npx nx run console:openapi` runs this, then openapi-typescript on the result;
// `npx nx run console:openapi-check` (`--check`) fails while the checked-in document is stale.
import '../bench/messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
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
    const served = JSON.parse(await (await fetch(`${gateway.url}/docs-json`)).text()) as unknown;
    if (process.argv.includes('--check')) {
      const checkedIn = JSON.parse(readFileSync(OUTPUT, 'utf8')) as unknown;
      if (!isDeepStrictEqual(served, checkedIn)) {
        console.error(
          `${OUTPUT} differs from the gateway's /docs-json: run npx nx run console:openapi`,
        );
        process.exitCode = 1;
      }
      return;
    }
    writeFileSync(OUTPUT, `${JSON.stringify(served, null, 2)}\n`);
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
