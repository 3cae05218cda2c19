import { randomUUID } from 'node:crypto';
import { MemorySearchV1, type PatternType } from '@agentbus/contracts';
import {
  chromaClientFor,
  collectionNameOf,
  HashedNgramEmbedder,
  typeCollectionNameOf,
} from '@agentbus/memory';
import { ask } from '@agentbus/messaging';
import { chromaUrl, eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { type ChromaClient } from 'chromadb';
import { MemoryIndex } from '../../src/patterns/memory-index';
import { PatternsService } from '../../src/patterns/patterns.service';
import { PatternRetention } from '../../src/retention/pattern-retention';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';

const DAY_MS = 86_400_000;

// Every pattern's vector is in the all-types collection and in its type's collection; a search
// naming only types is answered from the type collections (no Chroma `where`), and the reindexer
// keeps them in step with Postgres: backfill from the rows' vectors, sweep of ids not of the type.
describe('memory-service keeps a Chroma collection per pattern type', () => {
  let env: MemoryHarness;
  let app: INestApplication;
  let client: ChromaClient;
  let base: string;
  const suite = `typed-${randomUUID()}`;

  beforeAll(async () => {
    env = await startMemoryHarness();
    app = await env.start();
    client = chromaClientFor(await chromaUrl());
    const hashed = new HashedNgramEmbedder(512); // MEMORY_EMBEDDER=hashed in the harness
    base = collectionNameOf(env.prefix, hashed.name, hashed.dimension);
  });

  afterAll(() => env?.stop());

  const note = (id: string, type: PatternType, text: string) =>
    ({ id, type, source: 'manual', text, metadata: { suite } }) as const;
  const holding = async (name: string, ids: string[]) =>
    (await (await client.getCollection({ name })).get({ ids, include: [] })).ids.sort();
  const typed = async (text: string, types: PatternType[]) =>
    (
      await ask(
        env.bus,
        MemorySearchV1,
        { text, types, k: 5, minScore: 0 },
        { source: 'test', correlationId: randomUUID() },
      )
    ).hits.map((hit) => hit.id);
  const rowVector = async (id: string) => {
    const { rows } = await env.pg.query<{ vector: Buffer }>(
      `SELECT vector FROM "${env.memorySchema}".patterns WHERE id = $1`,
      [id],
    );
    const bytes = rows[0]?.vector ?? Buffer.alloc(0);
    return Array.from(new Float32Array(new Uint8Array(bytes).buffer));
  };

  it('writes each vector to both collections and answers a typed search with that type only', async () => {
    await app
      .get(PatternsService)
      .store([
        note('t-qa-1', 'qa', 'load test plan for the checkout service'),
        note('t-prd-1', 'prd', 'checkout with saved cards and one-click payments'),
        note('t-arch-1', 'architecture', 'checkout service behind an api gateway'),
      ]);

    expect(await holding(base, ['t-qa-1', 't-prd-1', 't-arch-1'])).toEqual([
      't-arch-1',
      't-prd-1',
      't-qa-1',
    ]);
    // Answered at once, whether the type collections' batched write has gone out yet or not.
    expect(await typed('checkout service', ['qa'])).toEqual(['t-qa-1']);
    expect((await typed('checkout service', ['prd', 'architecture'])).sort()).toEqual([
      't-arch-1',
      't-prd-1',
    ]);
    await app.get(MemoryIndex).flushTypeWrites();
    expect(await holding(typeCollectionNameOf(base, 'qa'), ['t-qa-1', 't-prd-1'])).toEqual([
      't-qa-1',
    ]);
    expect(await typed('checkout service', ['qa'])).toEqual(['t-qa-1']);
  });

  it('backfills a type collection from the rows’ vectors: one emptied, and one deleted', async () => {
    const qa = typeCollectionNameOf(base, 'qa');
    await (await client.getCollection({ name: qa })).delete({ ids: ['t-qa-1'] });
    await eventually(async () => expect(await holding(qa, ['t-qa-1'])).toEqual(['t-qa-1']), {
      timeoutMs: 20_000,
    });
    const stored = await (
      await client.getCollection({ name: qa })
    ).get({ ids: ['t-qa-1'], include: ['embeddings', 'metadatas'] });
    const expected = await rowVector('t-qa-1');
    expect(expected).toHaveLength(512);
    (stored.embeddings[0] ?? []).forEach((value, i) =>
      expect(value).toBeCloseTo(expected[i] ?? NaN, 6),
    );
    expect(stored.metadatas[0]).toMatchObject({ type: 'qa', source: 'manual', suite });

    // A type collection missing altogether (as on the first start after upgrading): the service
    // reopens the index, creates it empty, and the reindexer refills it.
    const prd = typeCollectionNameOf(base, 'prd');
    await client.deleteCollection({ name: prd });
    await eventually(
      async () => {
        expect(await typed('checkout payments', ['prd'])).toEqual(['t-prd-1']);
        expect(await holding(prd, ['t-prd-1'])).toEqual(['t-prd-1']);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('sweeps a pattern moved to another type out of its old type’s collection', async () => {
    await app
      .get(PatternsService)
      .store([note('t-arch-1', 'qa', 'checkout service behind an api gateway')]);

    expect(await typed('checkout service', ['qa'])).toContain('t-arch-1');
    // Until the sweep the old type's collection holds it; the search never answers it there.
    expect(await typed('checkout service', ['architecture'])).not.toContain('t-arch-1');
    await eventually(
      async () =>
        expect(await holding(typeCollectionNameOf(base, 'architecture'), ['t-arch-1'])).toEqual([]),
      { timeoutMs: 20_000 },
    );
  });

  it('removes a deleted or expired pattern’s vector from both collections', async () => {
    const patterns = app.get(PatternsService);
    await patterns.store([
      note('t-qa-2', 'qa', 'chaos test of the payment retries'),
      note('t-qa-3', 'qa', 'soak test of the booking api'),
    ]);
    await app.get(MemoryIndex).flushTypeWrites();
    const qa = typeCollectionNameOf(base, 'qa');
    expect(await holding(qa, ['t-qa-2', 't-qa-3'])).toEqual(['t-qa-2', 't-qa-3']);

    await patterns.delete(['t-qa-2']);
    expect(await holding(base, ['t-qa-2'])).toEqual([]);
    expect(await holding(qa, ['t-qa-2'])).toEqual([]);

    // Manual patterns are kept 30 days by default: 31 days on, retention archives every one.
    const run = await app.get(PatternRetention).runOnce(new Date(Date.now() + 31 * DAY_MS));
    expect(run.archived['qa']).toBeGreaterThanOrEqual(1);
    expect(await holding(base, ['t-qa-3', 't-qa-1'])).toEqual([]);
    expect(await holding(qa, ['t-qa-3', 't-qa-1'])).toEqual([]);
  });
});
