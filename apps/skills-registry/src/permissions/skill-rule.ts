import { parseRange, parseVersion } from '../semver/semver';

/** One allowlist entry: `name`, `name@range`, `*` or `prefix-*`, allowing or denying. */
export interface SkillRule {
  readonly text: string;
  readonly matches: (name: string, version: string) => boolean;
}

const NAME_GLOB = /^(\*|[a-z0-9][a-z0-9_-]{0,63}\*?)$/;

/** Parses a rule; undefined when it is not one (the caller names it in a 400). */
export function parseSkillRule(text: string): SkillRule | undefined {
  const at = text.indexOf('@');
  const pattern = at === -1 ? text : text.slice(0, at);
  const range = at === -1 ? undefined : text.slice(at + 1);
  if (!NAME_GLOB.test(pattern)) return undefined;
  const inRange = range === undefined ? () => true : parseRange(range);
  if (inRange === undefined || range === '') return undefined;
  const nameMatches = pattern.endsWith('*')
    ? (name: string) => name.startsWith(pattern.slice(0, -1))
    : (name: string) => name === pattern;
  return {
    text,
    matches: (name, version) => {
      const parsed = parseVersion(version);
      return nameMatches(name) && parsed !== undefined && inRange(parsed);
    },
  };
}

/** What a rule must look like, for error messages. */
export const SKILL_RULE_HELP =
  "a skill name, name@range (e.g. security-owasp@^1), '*' or a prefix ending in '*' (e.g. api-*)";
