import { HashedNgramEmbedder } from './hashed-ngram.embedder';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe(HashedNgramEmbedder.name, () => {
  const sut = new HashedNgramEmbedder(256);

  it('gives unit vectors of its dimension, the same for the same text in any process', async () => {
    const [a, b] = await sut.embed(['Stripe payments', 'Stripe payments']);
    expect(a).toHaveLength(256);
    expect(cosine(a ?? [], a ?? [])).toBeCloseTo(1);
    expect(b).toEqual(a);
    expect(sut.name).toBe('hashed-ngram-256');
  });

  it('scores shared words and spellings above unrelated text', async () => {
    const [query, near, far] = await sut.embed([
      'payment checkout',
      'checkout with card payments',
      'grafana dashboards for latency',
    ]);
    expect(cosine(query ?? [], near ?? [])).toBeGreaterThan(cosine(query ?? [], far ?? []) + 0.2);
  });

  it('gives a zero vector for text without words', async () => {
    const [empty] = await sut.embed(['  ...  ']);
    expect(empty?.every((x) => x === 0)).toBe(true);
  });
});
