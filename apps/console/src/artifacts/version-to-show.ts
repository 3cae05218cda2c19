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
