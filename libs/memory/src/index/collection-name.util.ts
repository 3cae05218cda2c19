import { createHash } from 'node:crypto';

/**
 * The Chroma collection of one embedder: `<prefix>patterns-<readable>-<dimension>-<hash>`. The hash
 * of the full embedder name makes two embedders (or two settings of one) never share a collection;
 * Chroma allows 3-512 characters of `[a-zA-Z0-9._-]`, starting and ending alphanumeric.
 */
export function collectionNameOf(prefix: string, embedderName: string, dimension: number): string {
  const readable = embedderName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const hash = createHash('sha256').update(embedderName).digest('hex').slice(0, 8);
  return `${prefix}patterns-${readable}-${dimension}-${hash}`;
}

/**
 * The collection of one pattern type beside the embedder's all-types collection `base` (from
 * {@link collectionNameOf}): `<base>-type-<type>`, so it carries the same embedder pin.
 */
export function typeCollectionNameOf(base: string, type: string): string {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(type)) {
    throw new Error(`pattern type ${type} cannot name a Chroma collection`);
  }
  return `${base}-type-${type}`;
}
