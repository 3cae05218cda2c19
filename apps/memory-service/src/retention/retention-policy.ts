import { type PatternSource } from '../patterns/pattern';

/** Days each source of pattern is kept after its last use (or creation); null keeps it for ever. */
export type RetentionPolicy = Readonly<Record<PatternSource, number | null>>;

/** The defaults of the issue: templates for ever, accepted artifacts 90 days, the rest 30. */
export const DEFAULT_RETENTION: RetentionPolicy = { template: null, project: 90, manual: 30 };

/** The cut-off per source at `now`: patterns last used before it expire. Pure; `now` is given. */
export function retentionCutoffs(
  policy: RetentionPolicy,
  now: Date,
): { source: PatternSource; before: Date }[] {
  return (Object.entries(policy) as [PatternSource, number | null][]).flatMap(([source, days]) =>
    days === null ? [] : [{ source, before: new Date(now.getTime() - days * 86_400_000) }],
  );
}
