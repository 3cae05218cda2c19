import { PROJECT_STATES } from '@agentbus/contracts';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';

// fast-check generators of hostile HTTP input for the gateway. Every body is *poisoned*: it has at
// least one flaw that must get it refused (an unknown or prototype key, a wrong type, nesting or
// keys over the limits, bytes that are not UTF-8, broken JSON), so "nothing was created" is a
// property of every run, whatever else the body carries.

/** Field names of the API's request bodies: keys the validation actually looks at. */
export const KNOWN_FIELDS = [
  'name',
  'requirements',
  'options',
  'gates',
  'budget',
  'maxTokens',
  'maxCostUsd',
  'prd_approval',
  'delivery_approval',
  'decision',
  'comment',
  'attempt',
  'raiseBudget',
  'reason',
  'fromStage',
  'role',
] as const;

/** Valid bodies of the API's routes, the base a poison is added to. */
const VALID_BODIES: readonly Record<string, unknown>[] = [
  { name: 'Fuzz', requirements: 'Build a thing.' },
  {
    name: 'Fuzz',
    requirements: 'x',
    options: { gates: { prd_approval: false }, budget: { maxTokens: 10 } },
  },
  { decision: 'approve' },
  { decision: 'request_changes', comment: 'More.' },
  { decision: 'approve', raiseBudget: { maxTokens: 5 } },
  {},
  { reason: 'Stop.' },
  { fromStage: 'prd' },
  { name: 'fuzz-key', role: 'viewer' },
];

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '\ufeff',
  '\u200b\u200d',
  'a\u0301',
  '\uffff',
  '\ud800',
  'a\udc00b',
  '😀',
  '\u2028',
  '\u0085',
  'İ',
  '𝕏',
  '\u001b[31m',
  '%00',
  '${x}',
  "'; DROP TABLE x;--",
  '../..',
  '\r\n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** Short strings of any code point, lone surrogates and other Unicode oddities included. */
export const oddText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
);

// Text over the longest limit (requirements: 200 000), at most once per body.
const longText = fc.integer({ min: 1_000, max: 210_000 }).map((n) => 'x'.repeat(n));

const str = (text: string): string => JSON.stringify(text);

const primitive = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '-1',
    '1.5',
    '1e400',
    '-1e400',
    '9007199254740993',
    '1E2',
    '2147483648',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  oddText.map(str),
);

const keyText = fc.oneof(fc.constantFrom(...KNOWN_FIELDS).map(str), oddText.map(str));

/** Any JSON value as text, up to 3 levels deep, with odd keys and strings. */
const jsonValue = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ maxDepth: 3 }, primitive, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(keyText, tie('value')), { maxLength: 4 })
    .map((entries) => `{${entries.map(([key, value]) => `${key}:${value}`).join(',')}}`),
})).value;

const PROTO_KEYS = ['"__proto__"', '"constructor"', '"prototype"', '"\\u005f_proto__"'];

// A value that no field of that name accepts in any body.
const WRONG_VALUES: Readonly<Record<string, readonly string[]>> = {
  text: ['42', 'true', 'null', '[]', '{}', '["a"]'],
  choice: ['42', 'null', '"APPROVE"', '"approve "', '"maybe"', '["approve"]', '"\\u0000"'],
  count: ['"5"', '0', '-1', '1.5', '1e400', 'true', 'null', '[]'],
  money: ['"1"', '0', '-1', 'true', 'null', '{}'],
  flag: ['"yes"', '1', 'null', '"true"', '[]'],
  object: ['"x"', '1', '[]', 'null', 'true'],
};
const FIELD_KIND: Readonly<Record<(typeof KNOWN_FIELDS)[number], string>> = {
  name: 'text',
  requirements: 'text',
  comment: 'text',
  reason: 'text',
  decision: 'choice',
  role: 'choice',
  fromStage: 'choice',
  maxTokens: 'count',
  attempt: 'count',
  maxCostUsd: 'money',
  prd_approval: 'flag',
  delivery_approval: 'flag',
  options: 'object',
  gates: 'object',
  budget: 'object',
  raiseBudget: 'object',
};

const nest = (path: readonly string[], key: string, value: string): string =>
  path.reduceRight((inner, outer) => `${outer}:{${inner}}`, `${key}:${value}`);

// Just over the limit, the issue's 3 000 (a stack overflow in validation before the limit), and
// up to what fits the 1 MiB body limit.
const depth = fc.oneof(
  fc.integer({ min: 33, max: 100 }),
  fc.integer({ min: 2_000, max: 20_000 }),
  fc.constantFrom(3_000, 150_000),
);
const deepValue = fc
  .tuple(depth, fc.constantFrom(['{"a":', '}'], ['[', ']']))
  .map(([depth, [open, close]]) => `${open.repeat(depth)}1${close.repeat(depth)}`);

const manyEntries = (count: number) =>
  Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',');

const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xf4, 0x90, 0x80, 0x80],
];
const SENTINEL = Buffer.from('\ue000');

/** How a poison spoils the body: extra entries at the end (they win over earlier duplicates). */
type Poison =
  | { readonly kind: 'entries'; readonly entries: readonly string[] }
  | { readonly kind: 'invalid-utf8'; readonly bytes: readonly number[] }
  | { readonly kind: 'broken-json'; readonly cut: number; readonly tail: string }
  | { readonly kind: 'not-an-object'; readonly text: string };

const poison: fc.Arbitrary<Poison> = fc.oneof(
  // An unknown field, with an odd name.
  fc.tuple(oddText, jsonValue).map(([name, value]) => ({
    kind: 'entries' as const,
    entries: [`${str(`zz-${name}`)}:${value}`],
  })),
  // A prototype key at any depth up to 4.
  fc
    .tuple(fc.array(keyText, { maxLength: 4 }), fc.constantFrom(...PROTO_KEYS), jsonValue)
    .map(([path, key, value]) => ({ kind: 'entries' as const, entries: [nest(path, key, value)] })),
  // A known field of the wrong type, at the top or inside an object field.
  fc
    .tuple(
      fc.constantFrom(...KNOWN_FIELDS),
      fc.nat(),
      fc.constantFrom([], ['"options"'], ['"options"', '"budget"'], ['"raiseBudget"']),
    )
    .map(([field, pick, path]) => {
      const wrong = WRONG_VALUES[FIELD_KIND[field]] ?? ['null'];
      return {
        kind: 'entries' as const,
        entries: [nest(path, str(field), wrong[pick % wrong.length] ?? 'null')],
      };
    }),
  // Nesting over the limit, under a known or odd key.
  fc
    .tuple(keyText, deepValue)
    .map(([key, value]) => ({ kind: 'entries' as const, entries: [`${key}:${value}`] })),
  // More keys than the limit, at the top or in one object.
  fc
    .tuple(fc.integer({ min: 1_001, max: 3_000 }), fc.boolean(), keyText)
    .map(([count, flat, key]) => ({
      kind: 'entries' as const,
      entries: [flat ? manyEntries(count) : `${key}:{${manyEntries(count)}}`],
    })),
  fc.constantFrom(...INVALID_UTF8).map((bytes) => ({ kind: 'invalid-utf8' as const, bytes })),
  fc
    .tuple(fc.nat(), fc.constantFrom('', ',', ',}', '}}', ' x', "'a'", '/*c*/', 'NaN'))
    .map(([cut, tail]) => ({ kind: 'broken-json' as const, cut, tail })),
  fc
    .constantFrom('[]', '[{"name":"a"}]', '"text"', '1', 'null', 'true')
    .map((text) => ({ kind: 'not-an-object' as const, text })),
);

/** A poisoned JSON body as bytes, with the poison's kind (for reports). */
export interface HostileBody {
  readonly bytes: Buffer;
  readonly poison: Poison['kind'];
}

/** Poisoned bodies: a valid body of some route, odd known fields, then at least one poison. */
export const hostileBody: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.constantFrom(...VALID_BODIES),
    fc.array(fc.tuple(fc.constantFrom(...KNOWN_FIELDS), fc.oneof(jsonValue, longText.map(str))), {
      maxLength: 3,
    }),
    fc.array(poison, { minLength: 1, maxLength: 2 }),
    fc.boolean(),
  )
  .map(([base, extras, poisons, bom]) => {
    const entries = [
      ...Object.entries(base).map(([key, value]) => `${str(key)}:${JSON.stringify(value)}`),
      ...extras.map(([key, value]) => `${str(key)}:${value}`),
    ];
    for (const spoil of poisons) {
      if (spoil.kind === 'entries') entries.push(...spoil.entries);
      if (spoil.kind === 'invalid-utf8') entries.push(`"comment":"a${SENTINEL.toString()}b"`);
    }
    let bytes: Buffer = Buffer.from(`{${entries.join(',')}}`);
    for (const spoil of poisons) bytes = spoiled(bytes, spoil);
    if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    const kind = poisons[0]?.kind ?? 'entries';
    // A counterexample is reported by its start, not as a megabyte of byte values.
    const preview = () =>
      `${kind} body, ${bytes.length} bytes: ${bytes.toString('latin1', 0, 160)}`;
    return { bytes, poison: kind, [fc.toStringMethod]: preview };
  });

function spoiled(bytes: Buffer, spoil: Poison): Buffer {
  switch (spoil.kind) {
    case 'entries':
      return bytes;
    case 'invalid-utf8': {
      const at = bytes.indexOf(SENTINEL);
      if (at === -1) return bytes;
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from(spoil.bytes),
        bytes.subarray(at + SENTINEL.length),
      ]);
    }
    case 'broken-json': {
      // Never empty (an empty body reads as {}), never the whole object (that would be valid).
      const broken = Buffer.concat([
        bytes.subarray(0, 1 + (spoil.cut % (bytes.length - 1))),
        Buffer.from(spoil.tail),
      ]);
      // A cut can still parse (`{"a":{"b":1` + `}}`), a valid body without the poisons after the
      // cut, which a route rightly accepts: a trailing comma breaks it for sure.
      return parses(broken) ? Buffer.concat([broken, Buffer.from(',')]) : broken;
    }
    case 'not-an-object':
      return Buffer.from(spoil.text);
    default:
      return spoil satisfies never;
  }
}

function parses(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Content-Type and Content-Encoding of a body, and the body as encoded. */
export const bodyFraming = fc.record({
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'Application/JSON',
        'application/vnd.api+json',
        'application/json; charset=latin1',
        'application/json; charset=utf-16le',
        'application/json; charset="utf-8"; x=1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'json',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  encoding: fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constant('gzip') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'gzip-unzipped',
        'deflate',
        'br',
        'identity',
        'x-zip',
        'gzip, gzip',
      ),
    },
  ),
});

/** The bytes sent and the headers that describe them. */
export function framed(
  body: Buffer,
  { contentType, encoding }: { contentType: string | undefined; encoding: string | undefined },
): { body: Buffer; headers: [string, string][] } {
  const headers: [string, string][] = [];
  if (contentType !== undefined) headers.push(['Content-Type', contentType]);
  if (encoding === 'gzip') {
    return { body: gzipSync(body), headers: [...headers, ['Content-Encoding', 'gzip']] };
  }
  // Declared gzip, sent as it is.
  if (encoding === 'gzip-unzipped') {
    return { body, headers: [...headers, ['Content-Encoding', 'gzip']] };
  }
  if (encoding !== undefined) headers.push(['Content-Encoding', encoding]);
  return { body, headers };
}

/** Percent-encodes every byte of the UTF-8 text (lone surrogates become U+FFFD) but unreserved ones. */
export const percentEncoded = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const BROKEN_ESCAPES = ['%', '%zz', '%FF', '%E2%82', '%ED%A0%80', '%C0%AF', '%00', '%2e%2e', '%2F'];

/** A path segment: the given good one, a random UUID, or something odd. */
export const segment = (good: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(good) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: oddText.map(percentEncoded) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...BROKEN_ESCAPES,
        '..',
        '__proto__',
        'constructor',
        'x'.repeat(300),
      ),
    },
  );

/** Strings a lenient integer parser would read as a number, and other near misses. */
export const HOSTILE_INTEGERS = [
  '0x10',
  '1e1',
  ' 5',
  '+5',
  '-5',
  '05',
  '5.0',
  '1_000',
  'Infinity',
  'NaN',
  '',
  '٣',
  '５',
  '0',
  '2147483648',
  '9007199254740993',
  '1,2',
  '0b11',
  '.5',
  '5.',
  '\t5',
];

/** A query string (without `?`): known and odd keys, hostile values, repeats, broken escapes. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('limit', 'state', 'cursor', 'version', 'lastEventId'),
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'limit[]', 'limit[0]', 'a.b'),
            oddText,
          ),
          fc.oneof(
            fc.constantFrom(...HOSTILE_INTEGERS),
            fc.constantFrom(...PROJECT_STATES, 'RUNNING', 'running '),
            fc.integer().map(String),
            oddText,
            fc.integer({ min: 100, max: 6_000 }).map((n) => '9'.repeat(n)),
          ),
          fc.constantFrom('encoded', 'escape-appended'),
          fc.constantFrom(...BROKEN_ESCAPES),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((params) =>
        params
          .map(([key, value, how, escape]) => {
            const pair = `${percentEncoded(key)}=${percentEncoded(value)}`;
            return how === 'encoded' ? pair : `${pair}${escape}`;
          })
          .join('&'),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_001, max: 1_500 })
      .map((n) => Array.from({ length: n }, (_, i) => `limit=${i}`).join('&')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '&&&', '=', 'a', 'a=1=2', '%', 'limit', 'limit=') },
);

/** A header value without CR or LF (framing is not what these properties test). */
export const headerValue = (text: string): string => text.replace(/[\r\n]/g, ' ');
