// One spelling per number: no sign, no leading zero, no spaces, no hex, exponent, fraction or
// separators, at most 15 digits (always a safe integer).
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * The integer a query parameter or header spells in plain decimal digits, else `undefined`:
 * `Number()` would read `0x10` as 16, `1e1` as 10, ` 5` and `+5` as 5 and `''` as 0.
 */
export function parseDecimalInteger(raw: unknown): number | undefined {
  return typeof raw === 'string' && CANONICAL_DECIMAL.test(raw) ? Number(raw) : undefined;
}
