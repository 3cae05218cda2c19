import { type Principal } from '../auth/principal';
import { NotFoundError, RequestValidationError } from '../http/problem/problem.errors';
import { submissionWorkspace } from './submission-workspace.util';

const caller = (workspaces: string[]): Principal => ({
  keyId: '00000000-0000-4000-8000-000000000002',
  name: 'ci',
  role: 'viewer',
  workspaces,
});

describe('submissionWorkspace', () => {
  it("takes the caller's only workspace, or default for an operator", () => {
    expect(submissionWorkspace(undefined, caller(['a']))).toBe('a');
    expect(submissionWorkspace(undefined, caller(['*']))).toBe('default');
  });

  it('takes the workspace asked for among several', () => {
    expect(submissionWorkspace('b', caller(['a', 'b']))).toBe('b');
    expect(submissionWorkspace('anywhere', caller(['*']))).toBe('anywhere');
  });

  it('asks a caller of several workspaces to choose (400)', () => {
    expect(() => submissionWorkspace(undefined, caller(['a', 'b']))).toThrow(
      RequestValidationError,
    );
  });

  it('answers 404 for a workspace the caller is not in', () => {
    expect(() => submissionWorkspace('c', caller(['a', 'b']))).toThrow(NotFoundError);
  });
});
