import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type HttpRequest, type HttpResponse } from './express.types';
import { RequestValidationError } from './problem/problem.errors';
import { prototypeKeyPaths } from './prototype-key-paths.util';

/**
 * Refuses `__proto__`, `constructor` and `prototype` keys in the JSON body or the query, at any
 * depth, with the same 400 as any unknown field, before anything copies or validates them.
 */
@Injectable()
export class RefusePrototypeKeysMiddleware implements NestMiddleware {
  use(request: HttpRequest, _response: HttpResponse, next: () => void): void {
    const paths = [...prototypeKeyPaths(request.body), ...prototypeKeyPaths(request.query)];
    if (paths.length > 0) {
      throw new RequestValidationError(
        paths.map((path) => ({ path, message: 'is not a known field' })),
      );
    }
    next();
  }
}
