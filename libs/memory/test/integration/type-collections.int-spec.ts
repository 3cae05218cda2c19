import { chromaUrl, testNamespace } from '@agentbus/testing';
import { type ChromaClient } from 'chromadb';
import { HashedNgramEmbedder } from '../../src/embedders/hashed-ngram.embedder';
import { collectionNameOf, typeCollectionNameOf } from '../../src/index/collection-name.util';
import {
  ChromaPatternIndex,
  chromaClientFor,
  EmbedderMismatchError,
} from '../../src/index/chroma-pattern-index';
import { PendingTypeWrites } from '../../src/index/pending-type-writes';

const TYPES = ['prd', 'architecture', 'qa'];
const TEXTS = [
  'bike rental booking and payments',
  'bike rental booking service with postgres',
  'grafana dashboards for checkout latency',
  'kubernetes pod restarts under memory pressure',
  'load test plan for the checkout service',
  'mobile push notifications for booking reminders',
  'payments ledger with idempotent refunds',
  'threat model of the public booking api',
  'feature flags for staged rollouts',
  'search index for rental listings',
  'csv export of invoices for accounting',
  'oauth login with refresh tokens',
];

describe(`${ChromaPatternIndex.name} with type collections`, () => {
  let client: ChromaClient;
  const prefix = `${testNamespace()}-typed-`;
  const embedder = new HashedNgramEmbedder(128);
  const vectorOf = async (text: string) => (await embedder.embed([text]))[0] ?? [];

  beforeAll(async () => {
    client = chromaClientFor(await chromaUrl());
  });

  afterAll(async () => {
    for (const collection of await client.listCollections()) {
      if (collection.name.startsWith(prefix)) await client.deleteCollection(collection);
    }
  });

  const sortKey = (hit: { id: string; similarity: number; group?: string | undefined }) =>
    `${hit.similarity.toFixed(5)} ${hit.id} ${hit.group ?? ''}`;

  /** 36 patterns: each text once per type, three projects. */
  const fill = async (sut: ChromaPatternIndex) => {
    const patterns = await Promise.all(
      TYPES.flatMap((type) =>
        TEXTS.map(async (text, i) => ({
          id: `${type}-${i}`,
          type,
          vector: await vectorOf(`${text} ${type}`),
          metadata: { projectId: `p${i % 3}` },
        })),
      ),
    );
    await sut.upsert(patterns);
  };

  it('answers a typed query from the type collection with what a filtered query returns', async () => {
    const sut = await ChromaPatternIndex.open(client, `${prefix}same-`, embedder, TYPES);
    await fill(sut);
    // The same all-types collection, opened without type collections: types are a where filter.
    const filtered = await ChromaPatternIndex.open(client, `${prefix}same-`, embedder);

    for (const text of ['bike booking', 'checkout load', 'login tokens refunds']) {
      const vector = await vectorOf(text);
      for (const types of [['qa'], ['prd', 'architecture']]) {
        const query = { k: 6, types, groupBy: 'projectId' };
        const typed = await sut.query(vector, query);
        const reference = await filtered.query(vector, query);

        // The same similarities, and the same hits above the last one (a tie at the cut-off may
        // keep either pattern; equal similarities may come in either order).
        expect(typed.map((hit) => hit.similarity.toFixed(5))).toEqual(
          reference.map((hit) => hit.similarity.toFixed(5)),
        );
        const cut = reference[reference.length - 1]?.similarity ?? 0;
        const above = (hits: typeof typed) =>
          hits
            .filter((hit) => hit.similarity > cut + 1e-5)
            .map(sortKey)
            .sort();
        expect(above(typed)).toEqual(above(reference));
        expect(above(typed).length).toBeGreaterThan(0);
        expect(typed.map((hit) => hit.similarity)).toEqual(
          [...typed.map((hit) => hit.similarity)].sort((a, b) => b - a),
        );
      }
    }
    expect(await sut.ofType('qa').count()).toBe(TEXTS.length);
    expect(await sut.count()).toBe(TEXTS.length * TYPES.length);

    // Answered from the type collection: a vector taken out of it alone is no longer found.
    const vector = await vectorOf('bike rental booking and payments qa');
    expect((await sut.query(vector, { k: 1, types: ['qa'] }))[0]?.id).toBe('qa-0');
    await sut.ofType('qa').delete(['qa-0']);
    expect((await sut.query(vector, { k: 1, types: ['qa'] }))[0]?.id).not.toBe('qa-0');
    expect((await filtered.query(vector, { k: 1, types: ['qa'] }))[0]?.id).toBe('qa-0');
    // A where beside the types is answered by the all-types collection.
    const withWhere = await sut.query(vector, { k: 1, types: ['qa'], where: { projectId: 'p0' } });
    expect(withWhere[0]?.id).toBe('qa-0');
  });

  it('deletes a vector from the all-types collection and its type collection', async () => {
    const sut = await ChromaPatternIndex.open(client, `${prefix}del-`, embedder, TYPES);
    await fill(sut);

    await sut.delete(['architecture-1', 'qa-2', 'never-stored']);

    expect(await sut.count()).toBe(TEXTS.length * TYPES.length - 2);
    expect(await sut.ofType('architecture').holding(['architecture-1', 'architecture-2'])).toEqual(
      new Set(['architecture-2']),
    );
    expect(await sut.ofType('qa').count()).toBe(TEXTS.length - 1);
    expect(await sut.ofType('prd').count()).toBe(TEXTS.length);
  });

  it('holds type writes until a flush, answering typed queries from them meanwhile', async () => {
    const pending = new PendingTypeWrites();
    const sut = await ChromaPatternIndex.open(client, `${prefix}held-`, embedder, TYPES, pending);
    // The same collections written at once: what every typed query must answer.
    const reference = await ChromaPatternIndex.open(client, `${prefix}ref-`, embedder, TYPES);
    await fill(sut);
    await fill(reference);

    // Only the all-types collection was written; the type collections wait.
    expect(await sut.count()).toBe(TEXTS.length * TYPES.length);
    expect(await sut.ofType('qa').count()).toBe(0);
    expect(sut.pendingTypeWrites).toBe(TEXTS.length * TYPES.length);
    const ask = async (index: ChromaPatternIndex, text: string, types: string[]) =>
      (await index.query(await vectorOf(text), { k: 4, types, groupBy: 'projectId' })).map(sortKey);
    const same = async () => {
      for (const text of ['bike booking', 'checkout load']) {
        for (const types of [['qa'], ['prd', 'architecture']]) {
          expect(await ask(sut, text, types)).toEqual(await ask(reference, text, types));
        }
      }
    };
    await same();

    // A deletion before the flush is not written back by it; a rewrite is sent as rewritten.
    await sut.delete(['qa-0']);
    await reference.delete(['qa-0']);
    const moved = {
      id: 'qa-1',
      type: 'qa',
      vector: await vectorOf('grafana dashboards'),
      metadata: { projectId: 'p1' },
    };
    await sut.upsert([moved]);
    await reference.upsert([moved]);
    await same();

    expect(await sut.flushTypeWrites()).toBe(TEXTS.length * TYPES.length - 1);
    expect(sut.pendingTypeWrites).toBe(0);
    expect(await sut.ofType('qa').count()).toBe(TEXTS.length - 1);
    expect(await sut.ofType('qa').holding(['qa-0'])).toEqual(new Set());
    await same();
    // A rewrite after the flush shadows the collection's older vector of that id until the next.
    const back = { ...moved, vector: await vectorOf('bike rental booking and payments qa') };
    await sut.upsert([back]);
    await reference.upsert([back]);
    await same();
    expect(await ask(sut, 'bike rental booking and payments qa', ['qa'])).toContain(
      sortKey({ id: 'qa-1', similarity: 1, group: 'p1' }),
    );
  });

  it('refuses a type collection built by another embedder, as the all-types one', async () => {
    const base = collectionNameOf(`${prefix}pin-`, embedder.name, embedder.dimension);
    await client.createCollection({
      name: typeCollectionNameOf(base, 'qa'),
      embeddingFunction: null,
      metadata: { embedder: 'someone-else', dimension: embedder.dimension, type: 'qa' },
    });

    await expect(
      ChromaPatternIndex.open(client, `${prefix}pin-`, embedder, TYPES),
    ).rejects.toBeInstanceOf(EmbedderMismatchError);
    // Without type collections the all-types collection opens: it is the embedder's.
    await expect(ChromaPatternIndex.open(client, `${prefix}pin-`, embedder)).resolves.toBeDefined();
  });
});
