/** A vector to keep, with what searches filter on. */
export interface IndexedPattern {
  readonly id: string;
  readonly type: string;
  readonly vector: readonly number[];
  /** Scalar metadata to filter on (`where`); the full record lives in Postgres. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

/** One nearest neighbour: cosine similarity in [-1, 1] (1 = same direction). */
export interface IndexHit {
  readonly id: string;
  readonly similarity: number;
  /** The hit's value of the query's `groupBy` metadata key (e.g. its source project), if any. */
  readonly group?: string | undefined;
}

/** Filters of a search. */
export interface IndexQuery {
  readonly k: number;
  readonly types?: readonly string[] | undefined;
  readonly where?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** A metadata key whose value each hit reports as its `group` (read from Chroma's metadata). */
  readonly groupBy?: string | undefined;
}
