import { type Principal } from '../auth/principal';
import { type WorkspaceScopeRepository } from '../workspaces/workspace-scope.repository';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { MemoryVisibility } from './memory-visibility.service';

const TEAM_A_PROJECT = '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e81';
const TEAM_B_PROJECT = '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82';
const OLD_PROJECT = '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e83';

const caller = (workspaces: string[]): Principal => ({
  keyId: 'k',
  name: 'k',
  role: 'viewer',
  workspaces,
});

describe(MemoryVisibility.name, () => {
  const asked: string[][] = [];
  const recorded = new Map([
    [TEAM_A_PROJECT, 'team-a'],
    [TEAM_B_PROJECT, 'team-b'],
  ]);
  const records = {
    projectWorkspaces: (ids: readonly string[]) => {
      asked.push([...ids]);
      return Promise.resolve(new Map([...recorded].filter(([id]) => ids.includes(id))));
    },
  } as Pick<WorkspaceScopeRepository, 'projectWorkspaces'> as WorkspaceScopeRepository;
  let sut: MemoryVisibility;
  const hits = [
    { id: 'template-web-saas', metadata: { source: 'template' } },
    { id: 'a', metadata: { source: 'project', projectId: TEAM_A_PROJECT } },
    { id: 'b', metadata: { source: 'project', projectId: TEAM_B_PROJECT } },
    { id: 'b2', projectId: TEAM_B_PROJECT, metadata: {} },
    { id: 'old', metadata: { source: 'project', projectId: OLD_PROJECT } },
    { id: 'manual-x', metadata: { source: 'manual', projectId: 'not-a-project' } },
  ];
  beforeEach(() => {
    asked.splice(0);
    sut = new MemoryVisibility(new WorkspaceScope(records));
  });

  it('hides patterns of projects in workspaces the caller does not see, asking once for all', async () => {
    const seen = await sut.visible(caller(['team-a']), hits);
    expect(seen.map((hit) => hit.id)).toEqual(['template-web-saas', 'a', 'manual-x']);
    expect(asked).toEqual([[TEAM_A_PROJECT, TEAM_B_PROJECT, OLD_PROJECT]]);
  });

  it('asks again only for projects it has no workspace of yet', async () => {
    await sut.visible(caller(['team-a']), hits);
    await sut.visible(caller(['team-b']), hits);
    expect(asked).toEqual([[TEAM_A_PROJECT, TEAM_B_PROJECT, OLD_PROJECT], [OLD_PROJECT]]);
  });

  it('counts unrecorded projects as the default workspace', async () => {
    const seen = await sut.visible(caller(['default']), hits);
    expect(seen.map((hit) => hit.id)).toEqual(['template-web-saas', 'old', 'manual-x']);
  });

  it('shows an operator everything without asking', async () => {
    expect(await sut.visible(caller(['*']), hits)).toEqual(hits);
    expect(asked).toEqual([]);
  });
});
