/**
 * The LISTEN/NOTIFY channel on which a commit that changes what a search of `schema`'s patterns
 * sees (a row added, deleted, re-typed, moved to another project, or given a new vector) names
 * each such pattern's id: the trigger of `PatternChangesNotify1766900000000` sends, every
 * memory-service replica's `PatternMirrorFeed` listens.
 */
export const patternChangesChannel = (schema: string): string => `${schema}_patterns`;
