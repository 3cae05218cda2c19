import { type Principal } from '../auth/principal';
import { NotFoundError, RequestValidationError } from '../http/problem/problem.errors';
import { DEFAULT_WORKSPACE, isOperator, seesWorkspace } from './workspace';

/**
 * The workspace a new project goes to: the one asked for (404 when the caller is not in it), else
 * the caller's only workspace (an operator's: `default`); a caller in several must choose (400).
 */
export function submissionWorkspace(asked: string | undefined, caller: Principal): string {
  if (asked !== undefined) {
    if (!seesWorkspace(caller, asked)) {
      throw new NotFoundError(
        'workspace-not-found',
        `"${caller.name}" is in no workspace "${asked}"; it may submit to: ${caller.workspaces.join(', ')}.`,
      );
    }
    return asked;
  }
  if (isOperator(caller)) return DEFAULT_WORKSPACE;
  const [only, ...more] = caller.workspaces;
  if (only === undefined || more.length > 0) {
    throw new RequestValidationError([
      {
        path: 'workspace',
        message: `required: this key acts in several workspaces (${caller.workspaces.join(', ')})`,
      },
    ]);
  }
  return only;
}
