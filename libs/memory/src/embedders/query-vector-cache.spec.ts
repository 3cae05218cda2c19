import { type Embedder } from './embedder';
import { QueryVectorCache } from './query-vector-cache';

/** Counts what it is asked, and answers the text's length as a 1-d vector. */
function countingEmbedder(name = 'counting'): Embedder & { asked: string[] } {
  const asked: string[] = [];
  return {
    name,
    dimension: 1,
    asked,
    embed: (texts) => {
      asked.push(...texts);
      return Promise.resolve(texts.map((text) => [text.length]));
    },
  };
}

describe(QueryVectorCache.name, () => {
  it('embeds a repeated text once', async () => {
    const cache = new QueryVectorCache(10);
    const embedder = countingEmbedder();
    expect(await cache.embed(embedder, 'billing')).toEqual([7]);
    expect(await cache.embed(embedder, 'billing')).toEqual([7]);
    expect(embedder.asked).toEqual(['billing']);
  });

  it('drops the least recently used text past its capacity', async () => {
    const cache = new QueryVectorCache(2);
    const embedder = countingEmbedder();
    await cache.embed(embedder, 'a');
    await cache.embed(embedder, 'b');
    await cache.embed(embedder, 'a'); // a is now the most recent
    await cache.embed(embedder, 'c'); // drops b
    await cache.embed(embedder, 'a');
    await cache.embed(embedder, 'b');
    expect(embedder.asked).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.size).toBe(2);
  });

  it('never answers one embedder with another’s vector', async () => {
    const cache = new QueryVectorCache(10);
    const first = countingEmbedder('first');
    const second = countingEmbedder('second');
    await cache.embed(first, 'same text');
    await cache.embed(second, 'same text');
    expect(second.asked).toEqual(['same text']);
  });
});
