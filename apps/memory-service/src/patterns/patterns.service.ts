import { type PatternType } from '@agentbus/contracts';
import {
  blendScore,
  embedDocuments,
  GroupMembershipCache,
  MirroredSiblings,
  poolByGroup,
  pooledCandidates,
  QueryVectorCache,
  SiblingVectorCache,
  SqlSiblings,
  SqlVectors,
} from '@agentbus/memory';
import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemoryIndex } from './memory-index';
import { MEMORY_SETTINGS, type MemorySettings } from './memory.settings';
import { type MetadataValue, type NewPattern, type Pattern, PROJECT_KEY } from './pattern';
import { PatternRepository } from './pattern.repository';
import { PatternMirrorFeed } from './pattern-mirror.feed';
import { PatternUsageCounter } from './pattern-usage.counter';

/** A search, as the RPC and the API ask it. */
export interface PatternSearch {
  readonly text: string;
  readonly k: number;
  readonly minScore: number;
  readonly types?: readonly PatternType[] | undefined;
  readonly where?: Readonly<Record<string, MetadataValue>> | undefined;
  readonly excludeIds?: readonly string[] | undefined;
}

/** One suggestion: the pattern, its similarity and its blended rank score. */
export interface PatternHit {
  readonly pattern: Pattern;
  readonly similarity: number;
  readonly score: number;
}

// Type-collection writes held beyond this many are flushed at once (see MemoryIndex).
const MAX_HELD_TYPE_WRITES = 1_000;

/** Store, get, delete and search patterns: Postgres is the record, Chroma the vector index. */
@Injectable()
export class PatternsService {
  private readonly queryVectors = new QueryVectorCache();
  private readonly siblingVectors: SiblingVectorCache;
  private readonly siblingMembers: GroupMembershipCache;

  constructor(
    private readonly patterns: PatternRepository,
    private readonly usage: PatternUsageCounter,
    private readonly index: MemoryIndex,
    @Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings,
    private readonly logger: AppLogger,
    @Inject(DataSource) private readonly db: DataSource,
    private readonly mirror: PatternMirrorFeed,
  ) {
    this.siblingVectors = new SiblingVectorCache(settings.siblingVectorCacheSize);
    this.siblingMembers = new GroupMembershipCache(settings.siblingMembersTtlMs);
  }

  /**
   * Forgets which patterns the searched projects have: called after every change to the record's
   * patterns or their vectors in this process (another replica's show after the listing's TTL).
   */
  membershipChanged(): void {
    this.siblingMembers.clear();
  }

  /** Stores (or replaces) patterns and indexes the new or changed ones; returns those ids. */
  async store(patterns: readonly NewPattern[]): Promise<string[]> {
    try {
      const changed = await this.patterns.upsert(patterns);
      const wanted = new Set(changed);
      // Indexed, the copy in memory has read them; not, a changed text must leave it until it is.
      if (!(await this.indexNow(patterns.filter((pattern) => wanted.has(pattern.id))))) {
        await this.mirror.refresh(changed);
      }
      return changed;
    } finally {
      this.membershipChanged(); // a changed text is out of its project's listing until indexed
    }
  }

  /**
   * Embeds and upserts vectors of patterns already committed to Postgres, into the all-types
   * collection and each pattern's type collection, then marks the rows indexed. A failure is logged
   * and left to the reindexer, which picks up every row without a vector.
   */
  async indexNow(patterns: readonly NewPattern[]): Promise<boolean> {
    if (patterns.length === 0) return true;
    try {
      const embedder = await this.index.embedder();
      const vectors = await embedDocuments(
        embedder,
        patterns.map((pattern) => pattern.text),
      );
      await this.index.use((index) =>
        index.upsert(
          patterns.map((pattern, i) => ({
            id: pattern.id,
            type: pattern.type,
            vector: vectors[i] ?? [],
            metadata: { ...pattern.metadata, source: pattern.source },
          })),
        ),
      );
      await this.patterns.markIndexed(patterns, embedder.name, vectors);
      await this.mirror.refresh(patterns.map((pattern) => pattern.id));
      // Their projects' listings lack them: a learned project indexes only its own patterns.
      this.siblingMembers.forget(
        patterns.flatMap((pattern) => {
          const group = pattern.metadata[PROJECT_KEY];
          return group === undefined || group === null ? [] : [String(group)];
        }),
      );
      // Held writes are searched by scanning them: a large store goes out now, not in a second.
      if (this.index.pendingTypeWrites >= MAX_HELD_TYPE_WRITES) await this.index.flushTypeWrites();
      return true;
    } catch (error) {
      this.logger.pino.warn(
        { err: error, patterns: patterns.length },
        'patterns stored but not indexed yet; the reindexer retries',
      );
      return false;
    }
  }

  get(id: string): Promise<Pattern | undefined> {
    return this.patterns.get([id]).then((found) => found.get(id));
  }

  /**
   * Deletes from Postgres, then from every Chroma collection (a vector left behind is never
   * returned, and swept).
   */
  async delete(ids: readonly string[]): Promise<string[]> {
    const deleted = await this.patterns.delete(ids);
    this.siblingVectors.forget(deleted);
    await this.dropVectors(deleted);
    return deleted;
  }

  async dropVectors(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.membershipChanged();
    await this.mirror.refresh(ids);
    await this.index
      .use((index) => index.delete(ids))
      .catch((error: unknown) =>
        this.logger.pino.warn({ err: error }, 'vectors of deleted patterns left for the sweep'),
      );
  }

  /**
   * The top k patterns by `blendScore(pooled similarity, successScore)`, among those at least
   * `minScore` similar, of the given types and metadata, minus the excluded ones. The pooled
   * similarity borrows from the hit's source project (ranking/group-pooling): Chroma's nearest
   * neighbours name the best projects, and their other patterns are read and scored too, since a
   * project's QA plan or security review rarely shares words with the request its PRD matches.
   * Those siblings are this schema's rows of the projects: from the copy of every indexed
   * pattern this replica keeps in memory (`PatternMirrorFeed`, current within a notification's
   * delay of any replica's commit, this one's own at once), or, while that copy is loading, behind
   * or off, from Postgres, listed for `MEMORY_SIBLING_MEMBERS_TTL_MS` (this process's writes clear
   * the listings; another replica's deletion can leave a sibling that long, which moves pooling
   * only: hits are read from the record, so a deleted pattern is never one) and scored with
   * vectors cached by content hash; the ones not cached come with the rows in the same query
   * (else by id from Chroma, for rows indexed before `patterns.vector`).
   */
  async search(query: PatternSearch): Promise<PatternHit[]> {
    const embedder = this.index.loadedEmbedder();
    const vector = await this.queryVectors.embed(embedder, query.text);
    const candidates = await this.index.use((index) => {
      // From the copy in memory when it is current; else members and the vectors not cached in
      // one query (none when both are held). A row without a vector: by id, then Chroma.
      const byId = [new SqlVectors(this.db, embedder.name), index];
      const fromRecord = new SqlSiblings(
        this.db,
        embedder.name,
        PROJECT_KEY,
        this.siblingVectors,
        byId,
        this.siblingMembers,
      );
      const { mirror } = this.mirror;
      const siblings = mirror
        ? new MirroredSiblings(mirror, embedder.name, fromRecord, byId)
        : fromRecord;
      return pooledCandidates(
        index,
        vector,
        { ...query, pooling: this.settings.pooling, groupBy: PROJECT_KEY },
        siblings,
      );
    });
    const pooled = poolByGroup(candidates, this.settings.pooling).filter(
      (hit) => hit.similarity >= query.minScore,
    );
    const stored = await this.patterns.get(pooled.map((hit) => hit.id));
    const hits = pooled
      .flatMap((hit) => {
        const pattern = stored.get(hit.id);
        if (!pattern) return []; // deleted in Postgres, vector not yet swept
        // A pattern moved to another type is in its old type's collection until the sweep.
        if (query.types?.length && !query.types.includes(pattern.type)) return [];
        const score = blendScore(hit.pooled, pattern.successScore, this.settings.weights);
        return [{ pattern, similarity: hit.similarity, score }];
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, query.k);
    this.usage.count(hits.map((hit) => hit.pattern.id));
    return hits;
  }
}
