import { type IndexHit } from '../index/chroma-pattern-index';

/** The filters a search's siblings must pass, as the nearest-neighbour query applied them. */
export interface SiblingFilters {
  readonly types?: readonly string[] | undefined;
  readonly where?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/**
 * Reads the other members of a search's leading groups (source projects) and scores them against
 * the query vector: the siblings a nearest-neighbour cut-off leaves out when they share few words
 * with the request.
 */
export interface SiblingReader {
  read(
    vector: readonly number[],
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<IndexHit[]>;
  /**
   * When the reader holds every pattern's group in memory now, a lookup of it (undefined for a
   * pattern with none, or not held): the nearest-neighbour query then need not return each hit's
   * metadata. Undefined otherwise.
   */
  groupLookup?(): GroupLookup | undefined;
}

/** A pattern's group by id, from memory; undefined when it has none or is not held. */
export type GroupLookup = (id: string) => string | undefined;

/** A stored pattern of a group: its id, group, and the version of its vector (content hash). */
export interface GroupMember {
  readonly id: string;
  readonly group: string;
  readonly version: string;
}

/**
 * Which patterns belong to which groups, from the record (memory-service's Postgres): only stored
 * patterns whose vector is in the collection, so a deleted pattern is never a sibling.
 */
export interface GroupMembers {
  membersOf(
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<GroupMember[]>;
}
