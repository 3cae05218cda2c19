import { type Principal } from '../auth/principal';

/** The workspace of every key and project made before workspaces existed. */
export const DEFAULT_WORKSPACE = 'default';
/** In a key's workspaces: every workspace (the operator's key). */
export const ALL_WORKSPACES = '*';
/** A workspace id: a lower-case slug. */
export const WORKSPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** An entry of a key's workspaces: a workspace id or {@link ALL_WORKSPACES}. */
export const KEY_WORKSPACE_PATTERN = /^(?:\*|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)$/;

/** Whether the caller acts in every workspace (may make keys for any, and write global resources). */
export const isOperator = (principal: Principal): boolean =>
  principal.workspaces.includes(ALL_WORKSPACES);

/** Whether the caller may see and act on things of `workspace`. */
export const seesWorkspace = (principal: Principal, workspace: string): boolean =>
  isOperator(principal) || principal.workspaces.includes(workspace);

/** The workspaces to filter a list by in SQL (`= ANY($n)`); `null`: no filter (operator). */
export const workspaceFilterOf = (principal: Principal): readonly string[] | null =>
  isOperator(principal) ? null : principal.workspaces;
