import { collectionNameOf, typeCollectionNameOf } from './collection-name.util';

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

describe(typeCollectionNameOf.name, () => {
  it('names a type’s collection after the embedder’s, and refuses a type it cannot spell', () => {
    const base = collectionNameOf('t1-', 'hashed-ngram-512', 512);

    expect(typeCollectionNameOf(base, 'feature_tree')).toBe(`${base}-type-feature_tree`);
    expect(typeCollectionNameOf(base, 'qa')).not.toBe(typeCollectionNameOf(base, 'prd'));
    expect(() => typeCollectionNameOf(base, 'Bad Type')).toThrow(/cannot name/);
  });
});
