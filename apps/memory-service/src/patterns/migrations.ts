import { Patterns1766060000000 } from './1766060000000-patterns.migration';
import { PatternGroups1766700000000 } from './1766700000000-pattern-groups.migration';

/** Every migration of memory-service's schema, oldest first. */
export const MEMORY_MIGRATIONS = [Patterns1766060000000, PatternGroups1766700000000];
