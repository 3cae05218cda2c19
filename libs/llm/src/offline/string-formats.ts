import { type SeedPhrases, slugOf } from './seed-phrases';
import { type SeededRandom } from './seeded-random';

const hex = '0123456789abcdef';
const alnumLower = '0123456789abcdefghijklmnopqrstuvwxyz';
const nanoidChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const charsFrom = (alphabet: string, length: number, random: SeededRandom): string =>
  Array.from({ length }, () => alphabet.charAt(random.int(0, alphabet.length - 1))).join('');

/** A label safe in a host name or an e-mail's local part. */
const labelOf = (phrases: SeedPhrases): string =>
  slugOf(phrases.phrase()).slice(0, 40).replace(/-+$/, '') || 'project';

function dateTime(random: SeededRandom): Date {
  const day = 86_400_000;
  return new Date(Date.UTC(2025, 0, 1) + random.int(0, 364) * day + random.int(8, 17) * 3_600_000);
}

/** A version-4 UUID (version nibble 4, RFC variant), as zod's `z.uuid()` demands. */
function uuidOf(random: SeededRandom): string {
  const digits = charsFrom(hex, 32, random);
  const variant = '89ab'.charAt(random.int(0, 3));
  return [
    digits.slice(0, 8),
    digits.slice(8, 12),
    `4${digits.slice(13, 16)}`,
    `${variant}${digits.slice(17, 20)}`,
    digits.slice(20, 32),
  ].join('-');
}

type FormatSampler = (random: SeededRandom, phrases: SeedPhrases) => string;

const samplers: Readonly<Record<string, FormatSampler>> = {
  'date-time': (random) => dateTime(random).toISOString(),
  date: (random) => dateTime(random).toISOString().slice(0, 10),
  time: (random) => `${dateTime(random).toISOString().slice(11, 19)}Z`,
  duration: (random) => `P${random.int(1, 30)}D`,
  email: (_, phrases) => `${labelOf(phrases)}@example.com`,
  'idn-email': (_, phrases) => `${labelOf(phrases)}@example.com`,
  uri: (_, phrases) => `https://example.com/${labelOf(phrases)}`,
  url: (_, phrases) => `https://example.com/${labelOf(phrases)}`,
  iri: (_, phrases) => `https://example.com/${labelOf(phrases)}`,
  'uri-reference': (_, phrases) => `/${labelOf(phrases)}`,
  'iri-reference': (_, phrases) => `/${labelOf(phrases)}`,
  'uri-template': (_, phrases) => `/${labelOf(phrases)}/{id}`,
  hostname: (_, phrases) => `${labelOf(phrases)}.example.com`,
  'idn-hostname': (_, phrases) => `${labelOf(phrases)}.example.com`,
  'json-pointer': (_, phrases) => `/${labelOf(phrases)}`,
  'relative-json-pointer': () => '0',
  regex: () => '^[a-z]+$',
  uuid: uuidOf,
  guid: uuidOf,
  ipv4: (random) => `192.0.2.${random.int(1, 254)}`,
  ipv6: (random) => `2001:db8::${charsFrom(hex, 4, random)}`,
  cidrv4: () => '192.0.2.0/24',
  cidrv6: () => '2001:db8::/32',
  mac: (random) => Array.from({ length: 6 }, () => charsFrom(hex, 2, random)).join(':'),
  cuid: (random) => `c${charsFrom(alnumLower, 24, random)}`,
  cuid2: (random) => charsFrom(alnumLower, 24, random),
  ulid: (random) => `0${charsFrom(crockford, 25, random)}`,
  nanoid: (random) => charsFrom(nanoidChars, 21, random),
  xid: (random) => charsFrom('0123456789abcdefghijklmnopqrstuv', 20, random),
  ksuid: (random) => charsFrom(nanoidChars.slice(0, 62), 27, random),
  base64: (_, phrases) => Buffer.from(phrases.phrase()).toString('base64'),
  base64url: (_, phrases) => Buffer.from(phrases.phrase()).toString('base64url'),
  emoji: () => '✅',
  e164: (random) => `+1555010${charsFrom('0123456789', 4, random)}`,
};

/** A value in a JSON Schema string `format` (and zod's extras: cuid, nanoid, ulid…), if known. */
export function sampleFormat(
  format: string,
  random: SeededRandom,
  phrases: SeedPhrases,
): string | undefined {
  return samplers[format]?.(random, phrases);
}
