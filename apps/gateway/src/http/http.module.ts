import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ProblemFilter } from './problem/problem.filter';
import { RefusePrototypeKeysMiddleware } from './refuse-prototype-keys.middleware';
import { RefuseUnreadBodyInterceptor } from './refuse-unread-body.interceptor';
import { RequireJsonMiddleware } from './require-json.middleware';
import { createValidationPipe } from './validation/validation.pipe';

const MUTATING = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE];

/**
 * The API's HTTP rules: problem+json errors, strict DTO validation, JSON-only bodies, no prototype
 * keys in bodies or queries, no body on a route that reads none.
 */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: RefuseUnreadBodyInterceptor },
  ],
})
export class HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RequireJsonMiddleware)
      .forRoutes(...MUTATING.map((method) => ({ path: '{*path}', method })));
    consumer
      .apply(RefusePrototypeKeysMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
