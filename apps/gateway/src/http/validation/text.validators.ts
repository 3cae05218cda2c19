import { type ValidationArguments, ValidateBy, type ValidationOptions } from 'class-validator';
import { textProblem } from './text-problem.util';

/** Well-formed Unicode text without NUL or other C0 control characters (see {@link textProblem}). */
export const IsText = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && textProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string'
            ? (textProblem(args.value) ?? 'must be text')
            : 'must be a string',
      },
    },
    options,
  );

/** At least one character that is not whitespace. */
export const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim() !== '',
        defaultMessage: () => 'must not be empty or only whitespace',
      },
    },
    options,
  );

/**
 * At most `max` UTF-16 code units, the measure the zod contracts use (class-validator's
 * `MaxLength` counts a surrogate pair as one and would let through what the contract refuses).
 */
export const MaxChars = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxChars',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= max,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string'
            ? `must be at most ${max} characters (got ${args.value.length})`
            : 'must be a string',
      },
    },
    options,
  );
