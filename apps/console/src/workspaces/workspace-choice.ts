/** What the new-project form offers for the project's workspace. */
export type WorkspaceChoice =
  /** One workspace (or none known): the gateway puts the project there, nothing to choose. */
  | { readonly kind: 'fixed' }
  /** Several: the gateway refuses a submission that does not name one (400). */
  | { readonly kind: 'pick'; readonly options: readonly string[]; readonly initial: string }
  /** An operator key (`*`): any workspace by name; none named is the gateway's `default`. */
  | { readonly kind: 'any'; readonly initial: string };

/**
 * The choice for a key's workspaces (`GET /v1/me`), starting from the one chosen last in this tab
 * when the key may still use it; with several and none remembered, nothing is preselected, so a
 * project does not land in the first workspace by accident.
 */
export function workspaceChoiceOf(
  workspaces: readonly string[],
  remembered: string | undefined,
): WorkspaceChoice {
  if (workspaces.includes('*')) return { kind: 'any', initial: remembered ?? '' };
  if (workspaces.length < 2) return { kind: 'fixed' };
  const initial = remembered !== undefined && workspaces.includes(remembered) ? remembered : '';
  return { kind: 'pick', options: workspaces, initial };
}

const KEY = 'agentbus.console.workspace';

/** The workspace last submitted into, in sessionStorage (it ends with the tab, like the key). */
export const chosenWorkspace = (storage: Pick<Storage, 'getItem' | 'setItem'>) => ({
  load: (): string | undefined => storage.getItem(KEY) ?? undefined,
  save: (workspace: string): void => storage.setItem(KEY, workspace),
});
