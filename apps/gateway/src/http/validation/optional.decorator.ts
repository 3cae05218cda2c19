import { IsDefined, ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must pass its rules: unlike `@IsOptional()`,
 * an explicit `null` is refused rather than taken as "left out".
 */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The field must be present (and not `null`); reported as "is required" before any other rule. */
export const Required = (): PropertyDecorator => IsDefined({ message: 'is required' });
