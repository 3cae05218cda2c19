/** A stored version of a stage, as the gateway's artifact list names it. */
interface StageVersion {
  readonly stage: string;
  readonly version: number;
}

/**
 * The version of `stage` the artifact page asks for: the one asked for; none while the stage has
 * an accepted version (the gateway's default); else, a restart having cleared the stage's
 * acceptance until it runs again, its newest, so its stale flag can be seen instead of a 404.
 */
export function versionToShow(
  list: { readonly items: readonly StageVersion[]; readonly allVersions: readonly StageVersion[] },
  stage: string,
  asked: number | undefined,
): number | undefined {
  if (asked !== undefined) return asked;
  if (list.items.some((item) => item.stage === stage)) return undefined;
  const versions = list.allVersions.filter((meta) => meta.stage === stage);
  return versions.length === 0 ? undefined : Math.max(...versions.map((meta) => meta.version));
}

/**
 * Each stage's current version: the accepted one, else (a restart is redoing the stage) its
 * newest; in the list's order.
 */
export function currentVersionsOf<T extends StageVersion & { readonly acceptance: string }>(
  allVersions: readonly T[],
): T[] {
  const current = new Map<string, T>();
  for (const meta of allVersions) {
    const held = current.get(meta.stage);
    if (held?.acceptance === 'accepted') continue;
    if (meta.acceptance === 'accepted' || held === undefined || meta.version > held.version) {
      current.set(meta.stage, meta);
    }
  }
  return allVersions.filter((meta) => current.get(meta.stage) === meta);
}
