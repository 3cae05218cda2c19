import { type SiblingReader } from './sibling-reader';
import { MirroredSiblings } from './mirrored-siblings';
import { PatternMirror } from './pattern-mirror';

interface Row {
  id: string;
  grp: string | null;
  version: string;
  type: string;
  embedder: string;
  vector: number[] | null;
}

/**
 * The `patterns` table as the mirror's two queries see it (a page after an id, or the rows of some
 * ids): rows held here, each query answered once `gate` lets it (to interleave reads and writes).
 */
class FakeTable {
  rows = new Map<string, Row>();
  queries = 0;
  gate: Promise<void> = Promise.resolve();
  failNext = false;

  put(row: Partial<Row> & { id: string }): void {
    this.rows.set(row.id, {
      grp: 'fleet',
      version: 'v1',
      type: 'qa',
      embedder: 'hybrid',
      vector: [1, 0],
      ...row,
    });
  }

  async query(text: string, params: unknown[] = []): Promise<unknown> {
    this.queries++;
    // Read now, answered after the gate: a commit meanwhile is not in this answer.
    const [embedder, second] = params as [string, string | string[]];
    const snapshot = [...this.rows.values()]
      .filter((row) => row.embedder === embedder)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((row) => ({
        id: row.id,
        grp: row.grp,
        version: row.version,
        type: row.type,
        vector: row.vector ? Buffer.from(Float32Array.from(row.vector).buffer) : null,
      }));
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection terminated');
    }
    if (Array.isArray(second)) return snapshot.filter((row) => second.includes(row.id));
    const limit = Number(/LIMIT (\d+)/.exec(text)?.[1]);
    return snapshot.filter((row) => row.id > second).slice(0, limit);
  }
}

const ids = (mirror: PatternMirror, groups: string[], types?: string[]) =>
  mirror.membersOf(groups, types, 200).map((member) => member.id);

describe(PatternMirror.name, () => {
  it('loads every indexed row of its embedder, page by page, grouped by project', async () => {
    const table = new FakeTable();
    for (let i = 0; i < 5; i++) table.put({ id: `p${i}`, grp: i < 3 ? 'fleet' : 'shop' });
    table.put({ id: 'other-embedder', embedder: 'hashed' });
    const sut = new PatternMirror(table, 'projectId', 100, {}, { pageSize: 2 });

    await sut.reload('hybrid');

    expect(sut.isReady('hybrid')).toBe(true);
    expect(sut.isReady('hashed')).toBe(false);
    expect(ids(sut, ['fleet'])).toEqual(['p0', 'p1', 'p2']);
    expect(ids(sut, ['shop', 'fleet'])).toEqual(['p3', 'p4', 'p0', 'p1', 'p2']);
    expect(table.queries).toBe(3); // pages of 2, 2 and 1
    expect(sut.size).toBe(5);
  });

  it('applies a refresh: a new row, a changed type or project, a deleted one', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa' });
    table.put({ id: 'arch', type: 'architecture' });
    table.put({ id: 'gone' });
    const sut = new PatternMirror(table, 'projectId', 100);
    await sut.reload('hybrid');

    table.put({ id: 'new', grp: 'shop' });
    table.put({ id: 'arch', type: 'architecture', grp: 'shop' });
    table.rows.delete('gone');
    await sut.refresh(['new', 'arch', 'gone']);

    expect(ids(sut, ['fleet'])).toEqual(['qa']);
    expect(ids(sut, ['shop']).sort()).toEqual(['arch', 'new']);
    expect(ids(sut, ['shop'], ['architecture'])).toEqual(['arch']);
  });

  it('never lets an older read overwrite a newer one: reads run one at a time', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa', type: 'qa' });
    const sut = new PatternMirror(table, 'projectId', 100);
    await sut.reload('hybrid');
    let open = () => undefined as void;
    table.gate = new Promise((resolve) => (open = resolve));

    table.put({ id: 'qa', type: 'security' });
    const first = sut.refresh(['qa']);
    table.put({ id: 'qa', type: 'documentation' });
    const second = sut.refresh(['qa']);
    open();
    await Promise.all([first, second]);

    expect(sut.membersOf(['fleet'], undefined, 10)[0]?.type).toBe('documentation');
  });

  it('is not ready while loading, once suspended, or when a load began before a suspend', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa' });
    const sut = new PatternMirror(table, 'projectId', 100);
    let open = () => undefined as void;
    table.gate = new Promise((resolve) => (open = resolve));

    const loading = sut.reload('hybrid');
    expect(sut.state).toBe('loading');
    sut.suspend(); // the listener lost its connection while the load read the record
    open();
    await loading;

    expect(sut.isReady('hybrid')).toBe(false);
    await sut.reload('hybrid');
    expect(sut.isReady('hybrid')).toBe(true);
    sut.suspend();
    expect(sut.state).toBe('stale');
  });

  it('holds nothing past its capacity, and says so', async () => {
    const table = new FakeTable();
    for (let i = 0; i < 3; i++) table.put({ id: `p${i}` });
    const over: number[] = [];
    const sut = new PatternMirror(table, 'projectId', 2, {
      overCapacity: (patterns) => over.push(patterns),
    });

    await sut.reload('hybrid');
    await sut.refresh(['p0']);

    expect(sut.state).toBe('over-capacity');
    expect(sut.size).toBe(0);
    expect(over).toEqual([3]);
  });

  it('goes stale on a failed read and loads again after the retry delay', async () => {
    jest.useFakeTimers();
    try {
      const table = new FakeTable();
      table.put({ id: 'qa' });
      const failed: unknown[] = [];
      const sut = new PatternMirror(table, 'projectId', 100, { failed: (e) => failed.push(e) });
      await sut.reload('hybrid');

      table.failNext = true;
      await sut.refresh(['qa']);
      expect(sut.state).toBe('stale');
      expect(failed).toHaveLength(1);

      await jest.advanceTimersByTimeAsync(2_000);
      expect(sut.isReady('hybrid')).toBe(true);
      sut.close();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe(MirroredSiblings.name, () => {
  const fallbackReader = () => {
    const asked: string[][] = [];
    const reader: SiblingReader = {
      read: (_vector, groups) => {
        asked.push([...groups]);
        return Promise.resolve([{ id: 'from-postgres', similarity: 0.5, group: 'fleet' }]);
      },
    };
    return { asked, reader };
  };

  it('scores the mirrored siblings of the groups, of the search types, without the fallback', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa', vector: [0, 1] });
    table.put({ id: 'arch', type: 'architecture', vector: [0.6, 0.8] });
    const mirror = new PatternMirror(table, 'projectId', 100);
    await mirror.reload('hybrid');
    const { asked, reader } = fallbackReader();
    const sut = new MirroredSiblings(mirror, 'hybrid', reader);

    const all = await sut.read([1, 0], ['fleet'], {}, 200);
    const typed = await sut.read([1, 0], ['fleet'], { types: ['architecture'] }, 200);

    expect(all).toEqual([
      { id: 'arch', similarity: expect.closeTo(0.6, 2) as number, group: 'fleet' },
      { id: 'qa', similarity: 0, group: 'fleet' },
    ]);
    expect(typed.map((hit) => hit.id)).toEqual(['arch']);
    expect(asked).toEqual([]);
  });

  it('asks the fallback with a metadata filter, or while the mirror is not ready', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa' });
    const mirror = new PatternMirror(table, 'projectId', 100);
    const { asked, reader } = fallbackReader();
    const sut = new MirroredSiblings(mirror, 'hybrid', reader);

    await sut.read([1, 0], ['fleet'], {}, 200); // not loaded yet
    await mirror.reload('hybrid');
    await sut.read([1, 0], ['fleet'], { where: { source: 'template' } }, 200);
    await sut.read([1, 0], ['fleet'], {}, 200);

    expect(asked).toEqual([['fleet'], ['fleet']]);
  });

  it('looks up hit groups only while the mirror is ready', async () => {
    const table = new FakeTable();
    table.put({ id: 'qa' });
    table.put({ id: 'template-saas', grp: null });
    const mirror = new PatternMirror(table, 'projectId', 100);
    const sut = new MirroredSiblings(mirror, 'hybrid', fallbackReader().reader);

    expect(sut.groupLookup()).toBeUndefined();
    await mirror.reload('hybrid');
    const lookup = sut.groupLookup();

    expect(['qa', 'template-saas', 'unknown'].map((id) => lookup?.(id))).toEqual([
      'fleet',
      undefined,
      undefined,
    ]);
    mirror.suspend();
    expect(sut.groupLookup()).toBeUndefined();
  });

  it('reads a vector the row lacks from the sources once, then keeps it', async () => {
    const table = new FakeTable();
    table.put({ id: 'old', vector: null });
    const mirror = new PatternMirror(table, 'projectId', 100);
    await mirror.reload('hybrid');
    const read: string[][] = [];
    const chroma = {
      vectorsOf: (wanted: readonly string[]) => {
        read.push([...wanted]);
        return Promise.resolve(new Map([['old', Float32Array.from([1, 0])]]));
      },
    };
    const sut = new MirroredSiblings(mirror, 'hybrid', fallbackReader().reader, [chroma]);

    const first = await sut.read([1, 0], ['fleet'], {}, 200);
    await sut.read([1, 0], ['fleet'], {}, 200);

    expect(first).toEqual([
      { id: 'old', similarity: expect.closeTo(1, 2) as number, group: 'fleet' },
    ]);
    expect(read).toEqual([['old']]);
  });
});
