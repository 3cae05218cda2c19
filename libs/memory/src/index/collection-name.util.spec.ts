import { collectionNameOf } from './collection-name.util';

describe(collectionNameOf.name, () => {
  it('is a valid Chroma name that differs per embedder name and dimension', () => {
    const a = collectionNameOf('t1-', 'hybrid(wink-sg100d-idf*0.6+hashed-ngram-512)', 612);
    const b = collectionNameOf('t1-', 'hybrid(wink-sg100d-idf*0.7+hashed-ngram-512)', 612);
    expect(a).toMatch(/^t1-patterns-hybrid-wink-sg100d-idf-0-6-hashed-ngram-512-612-[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
    expect(collectionNameOf('', 'hashed-ngram-512', 512)).not.toBe(
      collectionNameOf('', 'hashed-ngram-512', 256),
    );
  });
});
