import { type PatternView } from '@agentbus/contracts';
import { type Pattern } from '../patterns/pattern';

/** A stored pattern as the admin queries answer it (dates as ISO text, no undefined fields). */
export function toPatternView(pattern: Pattern): PatternView {
  return {
    id: pattern.id,
    type: pattern.type,
    source: pattern.source,
    text: pattern.text,
    metadata: { ...pattern.metadata },
    ...(pattern.projectId === undefined ? {} : { projectId: pattern.projectId }),
    retrievedCount: pattern.retrievedCount,
    successes: pattern.successes,
    failures: pattern.failures,
    successScore: pattern.successScore,
    createdAt: pattern.createdAt.toISOString(),
    lastUsedAt: pattern.lastUsedAt?.toISOString() ?? null,
  };
}
