import { HttpProblemError } from './problem/problem.errors';

/** How deep and how wide a JSON body may be (`HTTP_JSON_MAX_DEPTH`, `HTTP_JSON_MAX_KEYS`). */
export interface JsonLimits {
  /** Nested objects and arrays; the body itself is level 1. */
  readonly maxDepth: number;
  /** Object keys in the whole body, at every level. */
  readonly maxKeys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * `verify` step of the JSON body parser: refuses (400) a body nested deeper than `maxDepth` or with
 * more than `maxKeys` object keys, from the raw bytes, before `JSON.parse` builds anything. The
 * scan is one loop, so no nesting can exhaust the stack here, and the recursive steps after it
 * (class-transformer, class-validator) only ever see a shallow body. Outside strings, every `:`
 * ends a key; bytes of multi-byte UTF-8 characters are all >= 0x80, so they never look like
 * syntax. A body that is not JSON at all is the parser's to refuse.
 */
export function assertJsonWithinLimits(body: Uint8Array, { maxDepth, maxKeys }: JsonLimits): void {
  let depth = 0;
  let keys = 0;
  for (let at = 0; at < body.length; at += 1) {
    // `at` is always in range; `?? 0` only tells the type checker (0 matches no case).
    switch (body[at] ?? 0) {
      case QUOTE:
        at = closingQuote(body, at);
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        depth += 1;
        if (depth > maxDepth) throw tooDeep(maxDepth);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth -= 1;
        break;
      case COLON:
        keys += 1;
        if (keys > maxKeys) throw tooManyKeys(maxKeys);
        break;
      default:
        break;
    }
  }
}

// Index of the quote that closes the string opened at `open` (or the end of an unclosed one).
function closingQuote(body: Uint8Array, open: number): number {
  let at = body.indexOf(QUOTE, open + 1);
  while (at !== -1 && isEscaped(body, at)) at = body.indexOf(QUOTE, at + 1);
  return at === -1 ? body.length : at;
}

// A quote is escaped when an odd number of backslashes precedes it (`\"` yes, `\\"` no).
function isEscaped(body: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  while (body[quote - 1 - backslashes] === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

const tooDeep = (maxDepth: number) =>
  new HttpProblemError(
    400,
    'json-too-deep',
    `The JSON body nests objects and arrays deeper than the limit of ${maxDepth} levels.`,
    { limit: 'maxDepth', maxDepth },
  );

const tooManyKeys = (maxKeys: number) =>
  new HttpProblemError(
    400,
    'json-too-many-keys',
    `The JSON body has more than the limit of ${maxKeys} object keys in total.`,
    { limit: 'maxKeys', maxKeys },
  );
