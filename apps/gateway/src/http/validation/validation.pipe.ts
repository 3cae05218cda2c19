import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../problem/problem.errors';
import { fieldErrorsOf } from './field-errors-of.util';

/**
 * A params or query class that parses its raw input itself (static `parse`), instead of
 * class-transformer plus class-validator: on the hot reads those cost more than the rule they
 * check. It keeps its `@Api*` decorators for the OpenAPI document and throws
 * {@link RequestValidationError} like the pipe does.
 */
export interface SelfParsing<T> {
  parse(raw: unknown): T;
}

const isSelfParsing = (metatype: unknown): metatype is SelfParsing<unknown> =>
  typeof metatype === 'function' &&
  typeof (metatype as Partial<SelfParsing<unknown>>).parse === 'function';

class GatewayValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type !== 'body' && isSelfParsing(metatype)) {
      try {
        return Promise.resolve(metatype.parse(value));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The API's input rules: unknown fields are refused (400 naming them), types are never coerced
 * (`"5"` is not a number in a body; query numbers convert explicitly with `@Type`), and every
 * bad field is listed in the problem's `errors` with the first rule it breaks. Params and queries
 * of a {@link SelfParsing} class skip class-validator and parse themselves.
 */
export const createValidationPipe = (): ValidationPipe =>
  new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldErrorsOf(errors)),
  });
