import { HashedNgramEmbedder } from './hashed-ngram.embedder';
import { HybridEmbedder } from './hybrid.embedder';
import { packWordVectors } from './word-vectors';
import { WordVectorsEmbedder } from './word-vectors.embedder';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

// A small table in frequency order: 150 function words, then topic words in two clusters
// (money: dims 0-1, monitoring: dims 2-3) and fillers so the mean has something to average.
const functionWords = Array.from({ length: 150 }, (_, i) => [`fw${i}`, [1, 1, 1, 1, 1]] as const);
const topics = [
  ['payment', [1, 0.1, 0, 0, 0.2]],
  ['invoice', [0.9, 0.2, 0, 0, 0.2]],
  ['billing', [0.95, 0.15, 0.05, 0, 0.2]],
  ['alerting', [0, 0, 1, 0.1, 0.2]],
  ['dashboard', [0, 0.05, 0.9, 0.2, 0.2]],
  ['multi', [0, 0, 0, 1, 0]],
  ['tenant', [0, 0, 0, 0.9, 0.1]],
] as const;
const table = packWordVectors('test-5d', 5, [...functionWords, ...topics]);

describe(WordVectorsEmbedder.name, () => {
  const sut = new WordVectorsEmbedder(table);

  it('matches texts by meaning when they share no word', async () => {
    const [query, money, monitoring] = await sut.embed([
      'payment',
      'invoice and billing',
      'alerting dashboard',
    ]);
    expect(cosine(query ?? [], money ?? [])).toBeGreaterThan(0.9);
    expect(cosine(query ?? [], monitoring ?? [])).toBeLessThan(0.5);
  });

  it('ignores function words and unknown words, splits hyphenated ones', async () => {
    const [plain, padded, hyphen, words] = await sut.embed([
      'payment',
      'fw1 fw2 payment zzzunknown',
      'multi-tenant',
      'multi tenant',
    ]);
    expect(padded).toEqual(plain);
    expect(cosine(hyphen ?? [], words ?? [])).toBeCloseTo(1);
    expect(sut.name).toBe('test-5d-idf');
    expect(sut.dimension).toBe(5);
  });
});

describe(HybridEmbedder.name, () => {
  it('has the cosine of the weighted sum of its parts', async () => {
    const semantic = new WordVectorsEmbedder(table);
    const lexical = new HashedNgramEmbedder(64);
    const sut = new HybridEmbedder(semantic, lexical, 0.6);
    const texts = ['payment dashboard', 'invoice alerting'];
    const [a, b] = await sut.embed(texts);
    const [sa, sb] = await semantic.embed(texts);
    const [la, lb] = await lexical.embed(texts);
    expect(sut.dimension).toBe(69);
    expect(cosine(a ?? [], b ?? [])).toBeCloseTo(
      0.6 * cosine(sa ?? [], sb ?? []) + 0.4 * cosine(la ?? [], lb ?? []),
    );
  });
});
