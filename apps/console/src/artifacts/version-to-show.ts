/** A stored version of a stage, as the gateway's artifact list names it. */
interface StageVersion {
  readonly stage: string;
  readonly version: number;
}

/**
 * The version of `stage` the artifact page shows: the one asked for, else the accepted one, else
 * (a restart cleared the stage's acceptance until it runs again) its newest, so its stale flag can
 * be seen instead of a 404; `undefined` when the stage has none (the gateway says why).
 */
export function versionToShow(
  list: { readonly items: readonly StageVersion[]; readonly allVersions: readonly StageVersion[] },
  stage: string,
  asked: number | undefined,
): number | undefined {
  if (asked !== undefined) return asked;
  const accepted = list.items.find((item) => item.stage === stage);
  if (accepted !== undefined) return accepted.version;
  const versions = list.allVersions.filter((meta) => meta.stage === stage);
  return versions.length === 0 ? undefined : Math.max(...versions.map((meta) => meta.version));
}
