/**
 * A string as a standard-conforming SQL literal: quotes doubled, and with backslashes an E-string
 * with them doubled (as pg's escapeLiteral, without its per-character loop: outbox envelopes and
 * artifacts are kilobytes long and this runs on every statement of the hot path).
 */
function escapeLiteral(text: string): string {
  const quoted = text.includes("'") ? text.replace(/'/g, "''") : text;
  if (!quoted.includes('\\')) return `'${quoted}'`;
  return ` E'${quoted.replace(/\\/g, '\\\\')}'`;
}

/**
 * One parameter as an SQL literal, serialised the way node-postgres sends it as a bound value
 * (dates as ISO text, arrays as array literals, other objects as JSON), so a statement inlined
 * with {@link inlineParams} means exactly what the parameterised one meant.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return escapeLiteral(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot inline the number ${value}`);
      return value < 0 ? `(${value})` : String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object':
      break;
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`cannot inline a ${typeof value}`);
  }
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
  if (Array.isArray(value)) return escapeLiteral(arrayText(value));
  return escapeLiteral(JSON.stringify(value));
}

/** `$1`…`$n` in `sql` replaced by the literals of `params` (our statements only: no `$n` in quotes). */
export function inlineParams(sql: string, params: readonly unknown[] = []): string {
  if (params.length === 0) return sql;
  return sql.replace(/\$(\d+)/g, (placeholder, index: string) => {
    const at = Number(index) - 1;
    if (at < 0 || at >= params.length) throw new RangeError(`no parameter for ${placeholder}`);
    return sqlLiteral(params[at]);
  });
}

// Postgres array input syntax, every element quoted (NULL unquoted), nested arrays kept.
function arrayText(items: readonly unknown[]): string {
  const elements = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayText(item);
    const text = item instanceof Date ? item.toISOString() : String(item);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}
