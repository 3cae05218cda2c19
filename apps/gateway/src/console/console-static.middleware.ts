import { Injectable, type NestMiddleware } from '@nestjs/common';
import { join } from 'node:path';
import { type HttpRequest, type HttpResponse } from '../http/express.types';
import { consoleHandler } from './console-static.handler';

/**
 * The built console beside the built gateway (`dist/apps/console` next to
 * `dist/apps/gateway/main.js`), else under the working directory (a gateway run from source).
 */
const CONSOLE_DIRS = [
  join(__dirname, '..', 'console'),
  join(process.cwd(), 'dist', 'apps', 'console'),
];

/** Serves the web console's static files at `/console` (see {@link consoleHandler}). */
@Injectable()
export class ConsoleStaticMiddleware implements NestMiddleware {
  private readonly handle = consoleHandler(CONSOLE_DIRS);

  use(request: HttpRequest, response: HttpResponse, next: () => void): void {
    this.handle(request, response, next);
  }
}
