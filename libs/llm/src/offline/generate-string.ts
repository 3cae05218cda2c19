import { codePointLength as length } from './code-points.util';
import { type GenerationContext, offlineMarker, type Position } from './generation-context';
import { type JsonSchemaObject } from './json-schema';
import { matchesPattern, sampleRegex } from './regex-sample';
import { sampleFormat } from './string-formats';

// Property names that hold prose a reader will see: where "generated offline" belongs.
const freeTextKey =
  /(summary|description|overview|notes?|rationale|explanation|details|comments?|narrative|abstract|introduction|background|context|reasoning)$/i;
const identifierKey = /(^id$|Id$|_id$|^slug$|Slug$|_slug$|^key$|Key$|_key$)/;
const titleKey = /(name|title|label|heading|headline)$/i;

/**
 * A string for one schema position: a value in its `format`, one matching its `pattern`, or text
 * from the requirements chosen by the property's name (slugs for ids, phrases for names and
 * titles, sentences elsewhere, with the offline marker on free-text fields), cut or padded to its
 * length bounds.
 */
export function generateString(
  schema: JsonSchemaObject,
  at: Position,
  ctx: GenerationContext,
): string {
  const fits = (value: string): boolean => lengthFits(value, schema) && patternFits(value, schema);
  const formatted =
    schema.format === undefined ? undefined : sampleFormat(schema.format, ctx.random, ctx.phrases);
  if (formatted !== undefined && fits(formatted)) return formatted;
  if (schema.pattern !== undefined) return patterned(schema.pattern, schema, ctx, fits);
  const text = fitLength(proseFor(at.key, schema, ctx), schema, ctx);
  const marked = `${text} ${offlineMarker}`;
  return at.key !== undefined && freeTextKey.test(at.key) && fits(marked) ? marked : text;
}

function proseFor(
  key: string | undefined,
  schema: JsonSchemaObject,
  ctx: GenerationContext,
): string {
  const short = schema.maxLength !== undefined && schema.maxLength < 40;
  if (key === undefined) return short ? ctx.phrases.phrase() : ctx.phrases.sentence();
  if (identifierKey.test(key)) return ctx.phrases.slug();
  if (titleKey.test(key)) return ctx.phrases.title();
  if (/e-?mail$/i.test(key)) return sampleFormat('email', ctx.random, ctx.phrases) ?? '';
  if (/(url|uri|link|href)$/i.test(key)) return sampleFormat('uri', ctx.random, ctx.phrases) ?? '';
  if (freeTextKey.test(key)) {
    return short ? ctx.phrases.phrase() : `${ctx.phrases.sentence()} ${ctx.phrases.sentence()}`;
  }
  return short ? ctx.phrases.phrase() : ctx.phrases.sentence();
}

/** Requirement-derived candidates first (they read better), then a sample built from the regex. */
function patterned(
  pattern: string,
  schema: JsonSchemaObject,
  ctx: GenerationContext,
  fits: (value: string) => boolean,
): string {
  const { phrases } = ctx;
  const candidates = [phrases.slug(), phrases.phrase(), phrases.title(), phrases.sentence()];
  const readable = candidates.find(fits);
  if (readable !== undefined) return readable;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const sample = sampleRegex(pattern, ctx.random);
    if (sample !== undefined && lengthFits(sample, schema)) return sample;
  }
  return candidates[0] ?? '';
}

function fitLength(text: string, schema: JsonSchemaObject, ctx: GenerationContext): string {
  let out = text;
  const min = schema.minLength ?? 0;
  for (let i = 0; length(out) < min && i < 50; i += 1) out = `${out} ${ctx.phrases.sentence()}`;
  if (length(out) < min) out = out.padEnd(min, '.');
  const max = schema.maxLength;
  if (max === undefined || length(out) <= max) return out;
  const cut = [...out].slice(0, max).join('');
  const atWord = cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:]+$/, '');
  return length(atWord) >= Math.max(min, Math.ceil(max / 2)) ? atWord : cut;
}

const lengthFits = (value: string, schema: JsonSchemaObject): boolean =>
  length(value) >= (schema.minLength ?? 0) && length(value) <= (schema.maxLength ?? Infinity);

const patternFits = (value: string, schema: JsonSchemaObject): boolean =>
  schema.pattern === undefined || matchesPattern(schema.pattern, value);
