import type { z } from 'zod';

const MAX_PROBLEMS = 20;

const pathOf = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(root)'
    : path
        .map((key, index) =>
          typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
        )
        .join('');

/** Zod issues as "components[0].name: message" lines, capped so a repair prompt stays short. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): string[] => {
  const lines = issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => `${pathOf(issue.path)}: ${issue.message}`);
  const more = issues.length - lines.length;
  return more > 0 ? [...lines, `(+${more} more problems)`] : lines;
};
