/** One `.dockerignore` rule. */
interface Rule {
  readonly regex: RegExp;
  /** `!pattern`: takes a path back into the context. */
  readonly include: boolean;
}

const escape = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** A pattern as Docker reads it: relative to the context root, `**` any number of directories. */
function toRegex(pattern: string): RegExp {
  const segments = pattern.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const body = segments
    .map((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '**') return last ? '.*' : '(?:[^/]+/)*';
      const part = escape(segment).replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
      return last ? part : `${part}/`;
    })
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * Decides which paths a `.dockerignore` keeps out of the build context: the last matching rule
 * wins, and a rule that matches a directory matches everything inside it (Docker does not walk
 * into an excluded directory). Covers `*`, `?`, `**` and `!`; character classes are refused.
 */
export function dockerignore(text: string): (path: string) => boolean {
  const rules: Rule[] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      if (line.includes('[')) {
        throw new Error(`.dockerignore: character classes unsupported: ${line}`);
      }
      const include = line.startsWith('!');
      return { regex: toRegex(include ? line.slice(1) : line), include };
    });
  return (path) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let ignored = false;
    for (const rule of rules) {
      if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.include;
    }
    return ignored;
  };
}
