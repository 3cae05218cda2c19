import { ChromaClient } from 'chromadb';
import { chromaUrl, testNamespace } from '../../src';

describe(chromaUrl.name, () => {
  let url: string;

  beforeAll(async () => {
    url = await chromaUrl();
  });

  it('points at a live Chroma server', async () => {
    const response = await fetch(new URL('/api/v2/heartbeat', url));
    expect(response.status).toBe(200);
  });

  it('stores and queries our own embeddings in a per-test collection', async () => {
    const { hostname, port, protocol } = new URL(url);
    const client = new ChromaClient({
      host: hostname,
      port: Number(port),
      ssl: protocol === 'https:',
    });
    const name = testNamespace();
    const collection = await client.createCollection({ name, embeddingFunction: null });
    try {
      await collection.add({
        ids: ['a', 'b'],
        embeddings: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        documents: ['alpha', 'beta'],
      });
      const result = await collection.query({ queryEmbeddings: [[0.9, 0.1, 0]], nResults: 1 });
      expect(result.ids).toEqual([['a']]);
    } finally {
      await client.deleteCollection({ name });
    }
  });
});
