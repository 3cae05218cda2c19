import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleStaticMiddleware } from './console-static.middleware';

/** The web console (apps/console) as static files at `/console`: no second server. */
@Module({})
export class ConsoleStaticModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ConsoleStaticMiddleware)
      .forRoutes(
        { path: 'console', method: RequestMethod.ALL },
        { path: 'console/{*path}', method: RequestMethod.ALL },
      );
  }
}
