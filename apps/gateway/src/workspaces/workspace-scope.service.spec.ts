import { type Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError } from '../http/problem/problem.errors';
import { type WorkspaceScopeRepository } from './workspace-scope.repository';
import { WorkspaceScope } from './workspace-scope.service';

const PROJECT_A = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e01';
const OLD_PROJECT = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e02';
const KEY_A = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e03';
const KEY_AB = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e04';

const caller = (workspaces: string[]): Principal => ({
  keyId: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7eff',
  name: 'caller',
  role: 'admin',
  workspaces,
});

describe(WorkspaceScope.name, () => {
  let lookups: string[];
  let batches: string[][];
  let sut: WorkspaceScope;
  beforeEach(() => {
    lookups = [];
    batches = [];
    const records = {
      projectWorkspaces: (ids: readonly string[]) => {
        batches.push([...ids]);
        return Promise.resolve(new Map(ids.includes(PROJECT_A) ? [[PROJECT_A, 'team-a']] : []));
      },
      projectWorkspace: (id: string) => {
        lookups.push(id);
        return Promise.resolve(id === PROJECT_A ? 'team-a' : undefined);
      },
      keyWorkspaces: (id: string) =>
        Promise.resolve(({ [KEY_A]: ['team-a'], [KEY_AB]: ['team-a', 'team-b'] } as const)[id]),
    } as unknown as WorkspaceScopeRepository;
    sut = new WorkspaceScope(records);
  });
  const reach = (path: string, id: string, who: Principal) =>
    sut.assertReachable({ path, params: { id } }, who);

  it('answers 404 on every project route for a project of another workspace', async () => {
    for (const path of ['/v1/projects/:id', '/v1/projects/:id/events', '/v1/projects/:id/cancel']) {
      await expect(reach(path, PROJECT_A, caller(['team-b']))).rejects.toThrow(NotFoundError);
      await expect(reach(path, PROJECT_A, caller(['team-a']))).resolves.toBeUndefined();
    }
  });

  it('remembers a project workspace (it never changes) but not an unrecorded id', async () => {
    await reach('/v1/projects/:id', PROJECT_A, caller(['team-a']));
    await reach('/v1/projects/:id/audit', PROJECT_A, caller(['team-a']));
    await reach('/v1/projects/:id', OLD_PROJECT, caller(['default']));
    await reach('/v1/projects/:id', OLD_PROJECT, caller(['default']));
    expect(lookups).toEqual([PROJECT_A, OLD_PROJECT, OLD_PROJECT]);
  });

  it('puts projects without a recorded workspace in default', async () => {
    await expect(reach('/v1/projects/:id', OLD_PROJECT, caller(['team-a']))).rejects.toThrow(
      NotFoundError,
    );
    await expect(reach('/v1/projects/:id', OLD_PROJECT, caller(['default']))).resolves.toBe(
      undefined,
    );
  });

  it('lets a key route through only when every workspace of the key is the caller', async () => {
    await expect(reach('/v1/api-keys/:id/revoke', KEY_A, caller(['team-a']))).resolves.toBe(
      undefined,
    );
    await expect(reach('/v1/api-keys/:id/revoke', KEY_AB, caller(['team-a']))).rejects.toThrow(
      NotFoundError,
    );
    await expect(reach('/v1/api-keys/:id/limits', KEY_A, caller(['team-b']))).rejects.toThrow(
      NotFoundError,
    );
  });

  it('lets an operator through everywhere and leaves malformed ids to the route (400)', async () => {
    await expect(reach('/v1/projects/:id', PROJECT_A, caller(['*']))).resolves.toBeUndefined();
    await expect(reach('/v1/projects/:id', 'not-a-uuid', caller(['team-b']))).resolves.toBe(
      undefined,
    );
    expect(lookups).toEqual([]);
  });

  it('refuses operator-only routes to workspace keys (403)', () => {
    expect(() => sut.assertOperator(caller(['team-a']))).toThrow(ForbiddenError);
    expect(() => sut.assertOperator(caller(['*']))).not.toThrow();
  });

  it('answers many projects with one lookup of those not cached, default for unrecorded', async () => {
    await reach('/v1/projects/:id', PROJECT_A, caller(['team-a']));
    const workspaces = await sut.projectWorkspaces([PROJECT_A, OLD_PROJECT, OLD_PROJECT]);
    expect(workspaces).toEqual(
      new Map([
        [PROJECT_A, 'team-a'],
        [OLD_PROJECT, 'default'],
      ]),
    );
    expect(batches).toEqual([[OLD_PROJECT]]);
    await sut.projectWorkspaces([PROJECT_A]);
    expect(batches).toEqual([[OLD_PROJECT]]);
  });
});
