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
