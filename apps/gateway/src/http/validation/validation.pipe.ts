import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../problem/problem.errors';
import { fieldErrorsOf } from './field-errors-of.util';

/**
 * The API's input rules: unknown fields are refused (400 naming them), types are never coerced
 * (`"5"` is not a number in a body; query numbers convert explicitly with `@Type`), and every
 * bad field is listed in the problem's `errors` with the first rule it breaks.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldErrorsOf(errors)),
  });
