import { Patterns1766060000000 } from './1766060000000-patterns.migration';
import { PatternGroups1766700000000 } from './1766700000000-pattern-groups.migration';
import { PatternVectors1766700000001 } from './1766700000001-pattern-vectors.migration';
import { PatternOutcomeCounts1766800000100 } from './1766800000100-pattern-outcome-counts.migration';
import { PatternChangesNotify1766900000000 } from './1766900000000-pattern-changes-notify.migration';

/** Every migration of memory-service's schema, oldest first. */
export const MEMORY_MIGRATIONS = [
  Patterns1766060000000,
  PatternGroups1766700000000,
  PatternVectors1766700000001,
  PatternOutcomeCounts1766800000100,
  PatternChangesNotify1766900000000,
];
