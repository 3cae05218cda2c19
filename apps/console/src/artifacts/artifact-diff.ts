import { diffLines } from 'diff';

/** One run of lines in a diff: kept, added in the newer version, or removed from the older. */
export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly lines: readonly string[];
}

/** An artifact body as the text a diff compares: markdown as is, JSON pretty-printed. */
export const diffableText = (body: unknown): string =>
  typeof body === 'string' ? body : JSON.stringify(body, null, 2);

/** The line diff from `older` to `newer`, as runs of kept, removed and added lines. */
export function artifactDiff(older: unknown, newer: unknown): DiffPart[] {
  return diffLines(diffableText(older), diffableText(newer)).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    lines: change.value.replace(/\n$/, '').split('\n'),
  }));
}

/** How many lines were added and removed. */
export const diffStats = (parts: readonly DiffPart[]): { added: number; removed: number } => ({
  added: parts.filter((p) => p.kind === 'added').reduce((n, p) => n + p.lines.length, 0),
  removed: parts.filter((p) => p.kind === 'removed').reduce((n, p) => n + p.lines.length, 0),
});
