import { chromaUrl, testNamespace } from '@agentbus/testing';
import { type ChromaClient } from 'chromadb';
import { HashedNgramEmbedder } from '../../src/embedders/hashed-ngram.embedder';
import { collectionNameOf } from '../../src/index/collection-name.util';
import {
  ChromaPatternIndex,
  chromaClientFor,
  EmbedderMismatchError,
} from '../../src/index/chroma-pattern-index';

describe(ChromaPatternIndex.name, () => {
  let client: ChromaClient;
  const prefix = `${testNamespace()}-`;
  const embedder = new HashedNgramEmbedder(128);

  beforeAll(async () => {
    client = chromaClientFor(await chromaUrl());
  });

  afterAll(async () => {
    for (const collection of await client.listCollections()) {
      if (collection.name.startsWith(prefix)) await client.deleteCollection(collection);
    }
  });

  const pattern = async (id: string, type: string, text: string, project = 'p1') => ({
    id,
    type,
    vector: (await embedder.embed([text]))[0] ?? [],
    metadata: { project },
  });

  it('finds the nearest patterns, filtered by type and metadata, with cosine similarity', async () => {
    const sut = await ChromaPatternIndex.open(client, prefix, embedder);
    await sut.upsert([
      await pattern('a', 'prd', 'bike rental booking and payments'),
      await pattern('b', 'architecture', 'bike rental booking service with postgres'),
      await pattern('c', 'prd', 'grafana dashboards for latency', 'p2'),
    ]);
    const [query] = await embedder.embed(['bike rental booking']);

    const all = await sut.query(query ?? [], { k: 3 });
    expect(
      all
        .map((hit) => hit.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(all[0]?.similarity).toBeGreaterThan(all[2]?.similarity ?? 1);
    expect(all[0]?.similarity).toBeLessThanOrEqual(1);

    const prds = await sut.query(query ?? [], { k: 3, types: ['prd'] });
    expect(prds.map((hit) => hit.id)).toEqual(['a', 'c']);
    const ofP2 = await sut.query(query ?? [], { k: 3, types: ['prd'], where: { project: 'p2' } });
    expect(ofP2.map((hit) => hit.id)).toEqual(['c']);

    await sut.delete(['a']);
    expect(await sut.count()).toBe(2);
    const ids: string[] = [];
    for await (const page of sut.ids(1)) ids.push(...page);
    expect(ids.sort()).toEqual(['b', 'c']);
  });

  it('finds a rare filtered type far behind other types, with its group', async () => {
    const sut = await ChromaPatternIndex.open(client, `${prefix}wide-`, embedder);
    const near = Array.from({ length: 40 }, (_, i) => `checkout payments flow variant ${i}`);
    await sut.upsert([
      ...(await Promise.all(near.map((text, i) => pattern(`near-${i}`, 'prd', text)))),
      await pattern('far-qa', 'qa', 'kubernetes pod restarts under memory pressure', 'p9'),
    ]);
    const [query = []] = await embedder.embed(['checkout payments flow']);

    const qa = await sut.query(query, { k: 1, types: ['qa'], groupBy: 'project' });
    const prd = await sut.query(query, { k: 2, types: ['prd'], where: { project: 'p1' } });

    expect(qa).toEqual([{ id: 'far-qa', similarity: expect.any(Number) as number, group: 'p9' }]);
    expect(prd).toHaveLength(2);
    expect(prd.every((hit) => hit.id.startsWith('near-'))).toBe(true);
  });

  it('reads stored vectors by id, leaving out ids it does not hold', async () => {
    const sut = await ChromaPatternIndex.open(client, `${prefix}byid-`, embedder);
    const stored = await pattern('v1', 'qa', 'load test plan for checkout');
    await sut.upsert([stored]);

    const vectors = await sut.vectorsOf(['v1', 'never-stored']);

    expect([...vectors.keys()]).toEqual(['v1']);
    const read = [...(vectors.get('v1') ?? [])];
    read.forEach((value, i) => expect(value).toBeCloseTo(stored.vector[i] ?? 0, 6));
    expect(read).toHaveLength(embedder.dimension);
  });

  it('gives another embedder its own collection, and refuses a collection built by another', async () => {
    const first = await ChromaPatternIndex.open(client, prefix, embedder);
    const other = await ChromaPatternIndex.open(client, prefix, new HashedNgramEmbedder(64));
    expect(other.name).not.toBe(first.name);
    expect(await other.count()).toBe(0);

    const impostor = new HashedNgramEmbedder(32);
    await client.createCollection({
      name: collectionNameOf(prefix, impostor.name, impostor.dimension),
      embeddingFunction: null,
      metadata: { embedder: 'someone-else', dimension: 32 },
    });
    await expect(ChromaPatternIndex.open(client, prefix, impostor)).rejects.toBeInstanceOf(
      EmbedderMismatchError,
    );
  });
});
