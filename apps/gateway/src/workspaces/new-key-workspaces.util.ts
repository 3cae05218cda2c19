import { type Principal } from '../auth/principal';
import { ForbiddenError } from '../http/problem/problem.errors';
import { DEFAULT_WORKSPACE, isOperator } from './workspace';

/**
 * The workspaces of a key `creator` makes: those asked for, or else the creator's own (`default`
 * for an operator, who would otherwise hand out `*` by omission). A workspace admin may only make
 * keys inside its workspaces: anything else (another workspace, a new one, `*`) is a 403.
 */
export function newKeyWorkspaces(
  asked: readonly string[] | undefined,
  creator: Principal,
): readonly string[] {
  if (isOperator(creator)) return asked ?? [DEFAULT_WORKSPACE];
  if (asked === undefined) return creator.workspaces;
  const outside = asked.filter((workspace) => !creator.workspaces.includes(workspace));
  if (outside.length > 0) {
    throw new ForbiddenError(
      `"${creator.name}" may make keys only in its workspaces (${creator.workspaces.join(', ')}), not in ${outside.join(', ')}: ask an operator (a key with workspaces "*") for that.`,
    );
  }
  return asked;
}
