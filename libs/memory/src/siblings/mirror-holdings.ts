import { Int8VectorSlab } from '../text/int8-vector-slab';

/** A pattern as the mirror holds it: its group, type, and the slot of its vector (-1: none). */
export interface MirroredMember {
  readonly id: string;
  readonly group: string;
  readonly type: string;
  /** -1 for a row indexed before `patterns.vector`: its vector is read by id when searched. */
  slot: number;
}

/** One row to hold: its project (null: none), type and float32 vector (null: none). */
export interface HeldRow {
  readonly id: string;
  readonly group: string | null;
  readonly type: string;
  readonly vector: Float32Array | null;
}

/**
 * What a {@link PatternMirror} holds: members by id, ids by group, vectors in one int8 slab. Group
 * and type names are held once (not once per member), and a member's vector has no object of its
 * own: about 0.9 KB a pattern at 612 d, 58 MB of it the vectors.
 */
export class MirrorHoldings {
  private readonly members = new Map<string, MirroredMember>();
  private readonly groups = new Map<string, { readonly name: string; readonly ids: Set<string> }>();
  private readonly types = new Map<string, string>();
  private slab: Int8VectorSlab | undefined;

  get size(): number {
    return this.members.size;
  }

  /** Bytes allocated for vectors. */
  get vectorBytes(): number {
    return this.slab?.bytes ?? 0;
  }

  /** Holds `row`, replacing what was held for its id. */
  place(row: HeldRow): void {
    this.remove(row.id);
    const type = this.types.get(row.type) ?? row.type;
    this.types.set(type, type);
    let group = row.group === null ? undefined : this.groups.get(row.group);
    if (row.group !== null && !group) {
      group = { name: row.group, ids: new Set() };
      this.groups.set(row.group, group);
    }
    const slot = row.vector ? this.slotOf(row.vector) : -1;
    // No project: never anyone's sibling, but held so that the count matches the record.
    this.members.set(row.id, { id: row.id, group: group?.name ?? '', type, slot });
    group?.ids.add(row.id);
  }

  /** Lets go of `id` and its vector. */
  remove(id: string): void {
    const member = this.members.get(id);
    if (!member) return;
    this.members.delete(id);
    if (member.slot >= 0) this.slab?.release(member.slot);
    const group = this.groups.get(member.group);
    group?.ids.delete(id);
    if (group?.ids.size === 0) this.groups.delete(member.group);
  }

  /** The members of `groups` (of `types`, when given), at most `limit`, in the groups' order. */
  membersOf(
    groups: readonly string[],
    types: readonly string[] | undefined,
    limit: number,
  ): MirroredMember[] {
    const wanted = types && types.length > 0 ? new Set(types) : undefined;
    const found: MirroredMember[] = [];
    for (const group of groups) {
      for (const id of this.groups.get(group)?.ids ?? []) {
        const member = this.members.get(id);
        if (!member || (wanted && !wanted.has(member.type))) continue;
        found.push(member);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  /** The group of `id`; undefined when it has none or is not held. */
  groupOf(id: string): string | undefined {
    const group = this.members.get(id)?.group;
    return group === '' ? undefined : group;
  }

  /** `member`'s similarity to `vector`; undefined when it has no vector or is no longer held. */
  similarity(member: MirroredMember, vector: ArrayLike<number>): number | undefined {
    if (member.slot < 0 || this.members.get(member.id) !== member || !this.slab) return undefined;
    return this.slab.dot(member.slot, vector);
  }

  /** Keeps a vector read elsewhere for `member`, if it is still the one held and has none. */
  setVector(member: MirroredMember, vector: ArrayLike<number>): void {
    if (member.slot >= 0 || this.members.get(member.id) !== member) return;
    member.slot = this.slotOf(vector);
  }

  private slotOf(vector: ArrayLike<number>): number {
    this.slab ??= new Int8VectorSlab(vector.length);
    // A vector of another dimension cannot come from the one embedder: held without one.
    return vector.length === this.slab.dimension ? this.slab.put(vector) : -1;
  }
}
