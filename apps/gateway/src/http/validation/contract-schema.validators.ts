import { ValidateBy, type ValidationOptions } from 'class-validator';
import { z } from 'zod';

/**
 * The value passes `schema`, a contracts schema: a DTO checks a field with the rule the message it
 * becomes is checked with, instead of a copy of its regular expression.
 */
export const MatchesContract = (
  schema: z.ZodType,
  options?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'matchesContract',
      validator: {
        validate: (value: unknown) => schema.safeParse(value).success,
        defaultMessage: () => 'does not match its contract',
      },
    },
    options,
  );

/** The regular expression of a contracts string schema, as the OpenAPI document's `pattern`. */
export const patternOf = (schema: z.ZodType): string => {
  const { pattern } = z.toJSONSchema(schema);
  if (typeof pattern !== 'string') throw new Error('the schema has no single pattern');
  return pattern;
};
