/** A vector for each text; every vector of one embedder has {@link Embedder.dimension} entries. */
export interface Embedder {
  /** Stable identity, recorded on every collection it fills (a new name means a new collection). */
  readonly name: string;
  readonly dimension: number;
  /** Unit-length vectors, one per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** The embedder cannot produce vectors now (server down, timeout): retry later. */
export class EmbedderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderUnavailableError';
  }
}
