interface Limits {
  readonly maxString: number;
  readonly maxItems: number;
  /** Containers at this depth keep their keys (objects) or their length (arrays), nothing below. */
  readonly maxDepth: number;
}

// Gentle to harsh: shorten strings and lists first, then drop the deepest level, one at a time.
const BREADTH_STEPS: readonly (readonly [number, number])[] = [
  [400, 10],
  [200, 6],
  [100, 4],
  [60, 3],
  [40, 2],
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const depthOf = (value: unknown): number => {
  const children = Array.isArray(value)
    ? value
    : isRecord(value)
      ? Object.values(value)
      : undefined;
  if (children === undefined) return 0;
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
};

const shrink = (value: unknown, limits: Limits, depth: number): unknown => {
  if (typeof value === 'string') {
    return value.length > limits.maxString ? `${value.slice(0, limits.maxString)}…` : value;
  }
  if (Array.isArray(value)) {
    if (depth >= limits.maxDepth) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
    const kept = value.slice(0, limits.maxItems).map((item) => shrink(item, limits, depth + 1));
    const more = value.length - kept.length;
    return more > 0 ? [...kept, `(+${more} more)`] : kept;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, child]): [string, unknown] =>
      depth >= limits.maxDepth ? [key, '…'] : [key, shrink(child, limits, depth + 1)],
    );
    return Object.fromEntries(entries);
  }
  return value;
};

/**
 * Compact JSON of `value` in at most `maxChars` characters if some summary fits: every key of the
 * levels kept survives, long strings are cut, long arrays keep their first items plus a "(+N more)"
 * marker, and the deepest levels go first. Undefined when even the top-level keys do not fit.
 */
export const summarizeJson = (value: unknown, maxChars: number): string | undefined => {
  const depth = depthOf(value);
  const steps: Limits[] = BREADTH_STEPS.map(([maxString, maxItems]) => ({
    maxString,
    maxItems,
    maxDepth: depth,
  }));
  for (let maxDepth = depth - 1; maxDepth >= 0; maxDepth--) {
    steps.push({ maxString: 40, maxItems: 2, maxDepth });
  }
  for (const limits of steps) {
    const text = JSON.stringify(shrink(value, limits, 0));
    if (text.length <= maxChars) return text;
  }
  return undefined;
};
