import { randomUUID } from 'node:crypto';
import { MemorySearchV1 } from '@agentbus/contracts';
import { collectionNameOf, HashedNgramEmbedder, chromaClientFor } from '@agentbus/memory';
import { ask, QueryFailedError } from '@agentbus/messaging';
import { HealthRegistry } from '@agentbus/observability';
import { eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { PatternsService } from '../../src/patterns/patterns.service';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';
import { startPrivateChroma } from '../support/private-chroma';

describe('memory-service when Chroma or the service restarts, or the embedder changes', () => {
  let env: MemoryHarness;
  let chroma: Awaited<ReturnType<typeof startPrivateChroma>>;

  beforeAll(async () => {
    chroma = await startPrivateChroma();
    env = await startMemoryHarness();
  });

  afterAll(async () => {
    await env?.stop();
    await chroma?.dispose();
  });

  const search = (text: string) =>
    ask(
      env.bus,
      MemorySearchV1,
      { text, k: 3, minScore: 0 },
      { source: 'test', correlationId: randomUUID() },
    );
  const found = async (text: string, id: string) =>
    eventually(async () => expect((await search(text)).hits.map((hit) => hit.id)).toContain(id), {
      timeoutMs: 30_000,
    });
  const note = (id: string, text: string) =>
    ({ id, type: 'architecture', source: 'manual', text, metadata: {} }) as const;

  it('keeps every pattern across a service restart, a Chroma restart and a wiped Chroma', async () => {
    let app: INestApplication = await env.start({ CHROMA_URL: chroma.url });
    await app.get(PatternsService).store([note('n-1', 'event sourcing for the ledger')]);
    await found('ledger event sourcing', 'n-1');

    await env.stopApp(app);
    app = await env.start({ CHROMA_URL: chroma.url });
    await found('ledger event sourcing', 'n-1');

    await chroma.stop();
    const down = await search('ledger event sourcing').catch((error: unknown) => error);
    expect(down).toBeInstanceOf(QueryFailedError);
    expect(down).toMatchObject({ code: 'memory_unavailable', retryable: true });
    const report = await app.get(HealthRegistry).readiness();
    expect(report.ready).toBe(false);
    expect(report.checks['chroma']?.error).toMatch(/Chroma .* is unreachable/);
    // Stored while Chroma is down: in Postgres now, indexed when Chroma is back.
    await app.get(PatternsService).store([note('n-2', 'saga for cross-service refunds')]);
    await chroma.start();
    await found('ledger event sourcing', 'n-1');
    await found('refund saga across services', 'n-2');

    await chroma.wipe(); // the volume is lost
    await chroma.start();
    await found('ledger event sourcing', 'n-1');
    await found('refund saga across services', 'n-2');
    expect((await app.get(HealthRegistry).readiness()).checks['chroma']?.status).toBe('ok');
    await env.stopApp(app);
  });

  it('builds a new collection for a new embedder and leaves the old one as it was', async () => {
    const client = chromaClientFor(chroma.url);
    const hashed = new HashedNgramEmbedder(512);
    const oldName = collectionNameOf(env.prefix, hashed.name, hashed.dimension);
    const before = await (await client.getCollection({ name: oldName })).count();

    const app = await env.start({ CHROMA_URL: chroma.url, MEMORY_EMBEDDER: 'word-vectors' });
    await found('ledger event sourcing', 'n-1');

    // The all-types collections (each type's collection carries its type in its metadata).
    const collections = (await client.listCollections()).filter(
      (c) => c.name.startsWith(env.prefix) && c.metadata?.['type'] === undefined,
    );
    const fresh = collections.find((c) => c.name !== oldName);
    expect(fresh?.metadata).toMatchObject({ embedder: 'wink-sg100d-idf', dimension: 100 });
    expect(await fresh?.count()).toBe(before);
    expect(await (await client.getCollection({ name: oldName })).count()).toBe(before);
    await env.stopApp(app);
  });
});
