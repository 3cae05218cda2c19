import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type HttpRequest, type HttpResponse } from './express.types';
import { HttpProblemError, RequestValidationError } from './problem/problem.errors';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Only JSON object bodies are accepted: any other body on a mutating route is refused (415)
 * rather than silently ignored, which would turn it into an empty command; an array is a 400.
 */
@Injectable()
export class RequireJsonMiddleware implements NestMiddleware {
  use(request: HttpRequest, _response: HttpResponse, next: () => void): void {
    const hasBody = request.headers['transfer-encoding'] !== undefined || bodyLength(request) > 0;
    if (hasBody && request.is(JSON_TYPES) === false) {
      throw new HttpProblemError(
        415,
        'unsupported-media-type',
        'Send the request body as application/json.',
      );
    }
    // The parser only accepts objects and arrays; every body of this API is an object.
    if (Array.isArray(request.body)) {
      throw new RequestValidationError([{ path: '(body)', message: 'must be a JSON object' }]);
    }
    next();
  }
}

function bodyLength(request: HttpRequest): number {
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) ? length : 0;
}
