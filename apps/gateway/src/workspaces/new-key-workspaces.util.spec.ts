import { type Principal } from '../auth/principal';
import { ForbiddenError } from '../http/problem/problem.errors';
import { newKeyWorkspaces } from './new-key-workspaces.util';

const caller = (workspaces: string[]): Principal => ({
  keyId: '00000000-0000-4000-8000-000000000001',
  name: 'admin-a',
  role: 'admin',
  workspaces,
});

describe('newKeyWorkspaces', () => {
  it("defaults to the creator's workspaces, and to default for an operator", () => {
    expect(newKeyWorkspaces(undefined, caller(['a', 'b']))).toEqual(['a', 'b']);
    expect(newKeyWorkspaces(undefined, caller(['*']))).toEqual(['default']);
  });

  it('lets a workspace admin choose among its own workspaces', () => {
    expect(newKeyWorkspaces(['b'], caller(['a', 'b']))).toEqual(['b']);
  });

  it('refuses another workspace, a new one or * to a workspace admin', () => {
    for (const asked of [['c'], ['a', 'c'], ['*']]) {
      expect(() => newKeyWorkspaces(asked, caller(['a', 'b']))).toThrow(ForbiddenError);
    }
  });

  it('lets an operator make keys anywhere, including operator keys', () => {
    expect(newKeyWorkspaces(['new-team'], caller(['*']))).toEqual(['new-team']);
    expect(newKeyWorkspaces(['*'], caller(['*']))).toEqual(['*']);
  });
});
