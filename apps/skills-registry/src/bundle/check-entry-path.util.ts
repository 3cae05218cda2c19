import { SkillRejectedError } from './skill-rejected.error';

// Each segment: letters, digits, '.', '_' or '-', not starting with '.' (so no '..', no hidden files).
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
const MAX_DEPTH = 8;

/**
 * The entry's path inside the skill folder (a trailing `/` of a directory entry dropped), or a
 * refusal: `..`, absolute and drive paths, backslashes, empty or hidden segments, control and
 * other unusual characters, and nesting deeper than 8 are all `unsafe-path`. A whitelist rather
 * than a blacklist: nothing but plain relative names can land anywhere.
 */
export function checkEntryPath(raw: string): string {
  const path = raw.endsWith('/') ? raw.slice(0, -1) : raw;
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    segments.length > MAX_DEPTH ||
    segments.some((segment) => !SEGMENT.test(segment));
  if (bad) {
    throw new SkillRejectedError(
      'unsafe-path',
      `entry ${JSON.stringify(raw.slice(0, 200))} is not a plain relative path inside the skill ` +
        `folder (no '..', no leading '/', no '\\', no hidden or empty segments, at most ${MAX_DEPTH} deep)`,
    );
  }
  return path;
}
