import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must pass its rules: unlike `@IsOptional()`,
 * an explicit `null` is refused rather than taken as "left out".
 */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
