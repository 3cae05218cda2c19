import { type ValidationArguments, ValidateBy } from 'class-validator';

const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_KEYS = 20;
const MAX_VALUE = 2_000;

/** What is wrong with a pattern's metadata, or `undefined` when it is what memory can filter on. */
export function metadataProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of text, number or boolean values';
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_KEYS) return `must have at most ${MAX_KEYS} keys`;
  for (const [key, item] of entries) {
    if (!KEY.test(key)) return `key "${key}" must be a letter then letters, digits or '_'`;
    if (key === 'source') return 'key "source" is set by memory itself';
    const ok =
      typeof item === 'boolean' ||
      (typeof item === 'number' && Number.isFinite(item)) ||
      (typeof item === 'string' && item.length <= MAX_VALUE);
    if (!ok) return `"${key}" must be text (at most ${MAX_VALUE}), a finite number or a boolean`;
  }
  return undefined;
}

/** Flat metadata memory can filter searches on (see {@link metadataProblem}). */
export const IsPatternMetadata = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPatternMetadata',
    validator: {
      validate: (value: unknown) => metadataProblem(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => metadataProblem(args?.value) ?? 'is invalid',
    },
  });
