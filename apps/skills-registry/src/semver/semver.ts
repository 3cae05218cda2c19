// A small semver 2.0 subset (compare, and the range forms allowlists use), kept here instead of a
// new runtime dependency: allowlist ranges need only exact, ^, ~, x, * and comparator sets.

/** A parsed `MAJOR.MINOR.PATCH[-prerelease]` (build metadata is ignored, as semver says). */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly string[];
}

const VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/** The version, or undefined when `text` is not semver. */
export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

const comparePart = (a: string, b: string): number => {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b` (semver §11). */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length; // a release is above its prereleases
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = comparePart(a.prerelease[i] ?? '', b.prerelease[i] ?? '');
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

type Comparator = (v: Version) => boolean;

const at = (major: number, minor = 0, patch = 0): Version => ({
  major,
  minor,
  patch,
  prerelease: [],
});

/** `1`, `1.2`, `1.x`, `1.2.*`: the parts given, with wildcards for the rest. */
const PARTIAL = /^(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:-([0-9A-Za-z.-]+))?$/;

function comparatorOf(token: string): Comparator | undefined {
  if (token === '*' || token === 'x') return () => true;
  const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(token);
  const operator = op?.[1] ?? '';
  const match = PARTIAL.exec(op?.[2] ?? '');
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = match[2] === undefined || /[x*]/.test(match[2]) ? undefined : Number(match[2]);
  const patch = match[3] === undefined || /[x*]/.test(match[3]) ? undefined : Number(match[3]);
  const base: Version = {
    ...at(major, minor ?? 0, patch ?? 0),
    prerelease: match[4]?.split('.') ?? [],
  };
  const cmp = (v: Version) => compareVersions(v, base);
  const below = (upper: Version) => (v: Version) => cmp(v) >= 0 && compareVersions(v, upper) < 0;
  switch (operator) {
    case '>=':
      return (v) => cmp(v) >= 0;
    case '>':
      return (v) => cmp(v) > 0;
    case '<=':
      return (v) => cmp(v) <= 0;
    case '<':
      return (v) => cmp(v) < 0;
    case '^':
      if (major > 0 || minor === undefined) return below(at(major + 1));
      if (minor > 0 || patch === undefined) return below(at(0, minor + 1));
      return below(at(0, 0, patch + 1));
    case '~':
      return minor === undefined ? below(at(major + 1)) : below(at(major, minor + 1));
    default:
      if (minor === undefined) return below(at(major + 1));
      if (patch === undefined) return below(at(major, minor + 1));
      return (v) => cmp(v) === 0;
  }
}

/**
 * Parses a range: comparator sets joined by `||`, each a space-separated AND of `1.2.3`, `=1.2.3`,
 * `^1.2`, `~1.2.3`, `1.x`, `*`, `>=1.0.0`, `<2.0.0`. Prereleases match only when asked for by a
 * comparator with a prerelease (as npm does). Undefined when the range is not understood.
 */
export function parseRange(range: string): ((version: Version) => boolean) | undefined {
  const sets: Comparator[][] = [];
  for (const set of range.split('||')) {
    const tokens = set.trim().split(/\s+/).filter(Boolean);
    const comparators = (tokens.length === 0 ? ['*'] : tokens).map(comparatorOf);
    if (comparators.some((c) => c === undefined)) return undefined;
    sets.push(comparators as Comparator[]);
  }
  const wantsPrerelease = /-[0-9A-Za-z]/.test(range);
  return (version) =>
    (version.prerelease.length === 0 || wantsPrerelease) &&
    sets.some((set) => set.every((matches) => matches(version)));
}
