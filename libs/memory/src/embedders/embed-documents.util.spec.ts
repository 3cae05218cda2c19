import { type Embedder } from './embedder';
import { embedDocuments } from './embed-documents.util';

// Each piece becomes a one-hot vector on the index of its first word's number.
const oneHot: Embedder = {
  name: 'one-hot',
  dimension: 4,
  embed: (texts) =>
    Promise.resolve(
      texts.map((text) => {
        const vector = [0, 0, 0, 0];
        vector[Number(/\d/.exec(text)?.[0] ?? 0)] = 1;
        return vector;
      }),
    ),
};

describe(embedDocuments.name, () => {
  it('pools a long document’s pieces into one unit vector, and leaves short ones alone', async () => {
    const long = ['w1', 'x', 'x', 'x', 'w2', 'x', 'x', 'x'].join(' ');
    const [short, pooled] = await embedDocuments(oneHot, ['w3 only', long], 4);
    expect(short).toEqual([0, 0, 0, 1]);
    expect(pooled?.[1]).toBeGreaterThan(0.6);
    expect(pooled?.[2]).toBeGreaterThan(0.6);
    expect(pooled?.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1);
  });
});
