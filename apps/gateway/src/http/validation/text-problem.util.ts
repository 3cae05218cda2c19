// Lone surrogates cannot be encoded as UTF-8 (they would silently become U+FFFD downstream), NUL
// cannot be stored in a Postgres text column, and other C0 controls are never meant in prose.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Why `text` is not acceptable as stored prose, or `undefined` when it is. */
export function textProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it has a lone surrogate)';
  if (FORBIDDEN_CONTROL.test(text)) {
    return 'must not contain control characters other than tab, line feed and carriage return';
  }
  return undefined;
}
