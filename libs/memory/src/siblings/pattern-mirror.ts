import { z } from 'zod';
import { type HeldRow, MirrorHoldings, type MirroredMember } from './mirror-holdings';
import { type SqlRows } from './sql-group-members';

export { type MirroredMember } from './mirror-holdings';

/** Why the mirror does not answer: not loaded yet, behind the record, or the record too large. */
export type MirrorState = 'loading' | 'ready' | 'stale' | 'over-capacity';

/** What a {@link PatternMirror} reports to its owner. */
export interface MirrorEvents {
  readonly loaded?: (patterns: number, ms: number) => void;
  readonly failed?: (error: unknown) => void;
  readonly overCapacity?: (patterns: number, capacity: number) => void;
}

const MirrorRow = z.object({
  id: z.string(),
  grp: z.string().nullable(),
  type: z.string(),
  vector: z.instanceof(Buffer).nullable(),
});
type MirrorRow = z.infer<typeof MirrorRow>;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/**
 * A copy in memory of every pattern one embedder indexed (memory-service's `patterns` rows with
 * their group, type and vector, int8): a search scores its leading projects' siblings here without a
 * Postgres round trip, the step whose stalls made the slowest searches slow (tools/bench/memory).
 * Loaded whole by {@link reload}, then kept current by {@link refresh} of the ids a commit
 * changed (memory-service: its own writes, and every replica's through LISTEN/NOTIFY). Reads and
 * applies run one at a time, so an older read never overwrites a newer one. It answers only while
 * {@link isReady}: after {@link suspend} (the notifications may be missed) until the next reload,
 * and never for more than `capacity` patterns (the caller then reads Postgres, as before).
 */
export class PatternMirror {
  private held = new MirrorHoldings();
  private current: MirrorState = 'loading';
  private embedderName: string | undefined;
  private readonly pending = new Set<string>();
  private reloadWanted = false;
  // Bumped by every reload and suspend: a load begun before one is not ready when it ends.
  private epoch = 0;
  private suspended = false;
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: SqlRows,
    private readonly groupKey: string,
    readonly capacity: number,
    private readonly events: MirrorEvents = {},
    private readonly options: { readonly pageSize?: number; readonly retryMs?: number } = {},
  ) {
    if (!KEY.test(groupKey)) throw new Error(`group key ${groupKey} is not a metadata key`);
  }

  get state(): MirrorState {
    return this.current;
  }

  /** Whether searches by `embedder` may be answered from memory. */
  isReady(embedder: string): boolean {
    return this.current === 'ready' && this.embedderName === embedder;
  }

  /** Patterns held. */
  get size(): number {
    return this.held.size;
  }

  /** Bytes allocated for vectors (the bulk of the mirror's memory). */
  get vectorBytes(): number {
    return this.held.vectorBytes;
  }

  /**
   * Reads the record again, whole, for `embedder` (at start, and whenever notifications may have
   * been missed); resolves once loaded and every change notified meanwhile applied.
   */
  reload(embedder: string): Promise<void> {
    this.embedderName = embedder;
    this.reloadWanted = true;
    this.suspended = false;
    this.epoch++;
    this.current = 'loading';
    return this.drain();
  }

  /** Reads `ids` again (a commit changed them); resolves once applied. */
  refresh(ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || this.current === 'over-capacity') return Promise.resolve();
    for (const id of ids) this.pending.add(id);
    return this.drain();
  }

  /** Stops answering until the next {@link reload}: changes may go unseen meanwhile. */
  suspend(): void {
    this.suspended = true;
    this.epoch++;
    this.reloadWanted = false;
    this.close();
    if (this.current !== 'over-capacity') this.current = 'stale';
  }

  /** Stops the retry timer (the owner is shutting down). */
  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** The members of `groups` (of `types`, when given), at most `limit`, in the groups' order. */
  membersOf(
    groups: readonly string[],
    types: readonly string[] | undefined,
    limit: number,
  ): MirroredMember[] {
    return this.held.membersOf(groups, types, limit);
  }

  /** The group of `id`; undefined when it has none or is not held. */
  groupOf(id: string): string | undefined {
    return this.held.groupOf(id);
  }

  /** `member`'s similarity to `vector`; undefined when it has no vector or is no longer held. */
  similarity(member: MirroredMember, vector: ArrayLike<number>): number | undefined {
    return this.held.similarity(member, vector);
  }

  /** Keeps a vector read elsewhere for `member`, if it is still the one held and has none. */
  setVector(member: MirroredMember, vector: ArrayLike<number>): void {
    this.held.setVector(member, vector);
  }

  /** Runs the wanted reload and refreshes, one pass at a time, until none is left. */
  private drain(): Promise<void> {
    this.running ??= this.pass();
    return this.running;
  }

  private async pass(): Promise<void> {
    await undefined; // `running` is set before the loop can end and clear it
    try {
      while (this.reloadWanted || this.pending.size > 0) {
        if (this.reloadWanted) await this.loadAll();
        else await this.applyPending();
      }
    } catch (error) {
      // Behind the record until read whole again: searches read Postgres meanwhile.
      this.events.failed?.(error);
      if (this.current !== 'over-capacity') this.current = 'stale';
      if (!this.suspended) {
        this.reloadWanted = true;
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = undefined;
          void this.drain();
        }, this.options.retryMs ?? 2_000);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async loadAll(): Promise<void> {
    const embedder = this.embedderName ?? '';
    const started = Date.now();
    const epoch = this.epoch;
    // Whatever was notified so far is read by this load; later notifications after it.
    this.reloadWanted = false;
    this.pending.clear();
    const held = new MirrorHoldings();
    const pageSize = this.options.pageSize ?? 5_000;
    for (let after = ''; ;) {
      const page = z
        .array(MirrorRow)
        .parse(
          await this.sql.query(`${this.selectSql()} AND id > $2 ORDER BY id LIMIT ${pageSize}`, [
            embedder,
            after,
          ]),
        );
      for (const row of page) held.place(heldRowOf(row));
      if (held.size > this.capacity) return this.tooLarge(held.size);
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      after = last.id;
    }
    this.held = held;
    // Suspended or asked again meanwhile: changes may have gone unseen, so not ready yet.
    if (epoch !== this.epoch) return;
    this.current = 'ready';
    this.events.loaded?.(held.size, Date.now() - started);
  }

  private async applyPending(): Promise<void> {
    if (this.current === 'over-capacity') return this.pending.clear();
    const ids = [...this.pending].slice(0, 5_000);
    for (const id of ids) this.pending.delete(id);
    const rows = z
      .array(MirrorRow)
      .parse(
        await this.sql.query(`${this.selectSql()} AND id = ANY($2::text[])`, [
          this.embedderName ?? '',
          ids,
        ]),
      );
    for (const id of ids) this.held.remove(id);
    for (const row of rows) this.held.place(heldRowOf(row));
    if (this.held.size > this.capacity) this.tooLarge(this.held.size);
  }

  private tooLarge(patterns: number): void {
    this.held = new MirrorHoldings();
    this.pending.clear();
    this.current = 'over-capacity';
    this.events.overCapacity?.(patterns, this.capacity);
  }

  /** The record's indexed rows of the embedder ($1), with their group. */
  private selectSql(): string {
    return `SELECT id, metadata ->> '${this.groupKey}' AS grp, type, vector
      FROM patterns WHERE indexed_embedder = $1`;
  }
}

function heldRowOf(row: MirrorRow): HeldRow {
  return {
    id: row.id,
    group: row.grp,
    type: row.type,
    // Copied: a Buffer from the driver may start at an offset Float32Array cannot view.
    vector: row.vector ? new Float32Array(new Uint8Array(row.vector).buffer) : null,
  };
}
