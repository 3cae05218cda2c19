import { groupMembersSql, SqlGroupMembers } from './sql-group-members';

describe(groupMembersSql.name, () => {
  it('selects the groups’ patterns indexed by the embedder, by the indexed expression', () => {
    const { text, params } = groupMembersSql('projectId', 'hybrid', ['p1', 'p2'], {}, 200);

    expect(text).toContain(`(metadata ->> 'projectId') = ANY($1::text[])`);
    expect(text).toContain('indexed_embedder = $2');
    expect(text).toMatch(/LIMIT \$3$/);
    expect(params).toEqual([['p1', 'p2'], 'hybrid', 200]);
  });

  it('applies types, and where on metadata as containment, on type and source as columns', () => {
    const { text, params } = groupMembersSql(
      'projectId',
      'hybrid',
      ['p1'],
      { types: ['qa', 'prd'], where: { suite: 's', level: 2, source: 'project' } },
      10,
    );

    expect(text).toContain('type = ANY($3::text[])');
    expect(text).toContain('source = $4');
    expect(text).toContain('metadata @> $5::jsonb');
    expect(params.slice(2)).toEqual([['qa', 'prd'], 'project', '{"suite":"s","level":2}', 10]);
  });

  it('matches nothing when a column is asked for a number, as Chroma does', () => {
    const { text } = groupMembersSql('projectId', 'hybrid', ['p1'], { where: { type: 3 } }, 10);

    expect(text).toContain('AND false');
  });
});

describe(SqlGroupMembers.name, () => {
  it('refuses a group key that is not a metadata key (it is written into the SQL)', () => {
    const sql = { query: () => Promise.resolve([]) };

    expect(() => new SqlGroupMembers(sql, 'hybrid', "x') OR true --")).toThrow(
      /not a metadata key/,
    );
  });

  it('maps rows to members and asks nothing without groups', async () => {
    const asked: string[] = [];
    const sql = {
      query: (text: string) => {
        asked.push(text);
        return Promise.resolve([{ id: 'qa', grp: 'p1', version: 'sha' }]);
      },
    };
    const sut = new SqlGroupMembers(sql, 'hybrid', 'projectId');

    expect(await sut.membersOf([], {}, 10)).toEqual([]);
    expect(await sut.membersOf(['p1'], {}, 10)).toEqual([
      { id: 'qa', group: 'p1', version: 'sha' },
    ]);
    expect(asked).toHaveLength(1);
  });
});
