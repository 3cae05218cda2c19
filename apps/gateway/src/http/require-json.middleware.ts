import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type HttpRequest, type HttpResponse } from './express.types';
import { HttpProblemError, RequestValidationError } from './problem/problem.errors';

/**
 * The media types the JSON body parser reads (type-is patterns: any case, any parameters, any
 * `+json` suffix); {@link RequireJsonMiddleware} refuses a body of any other type.
 */
export const JSON_BODY_TYPES = ['application/json', 'application/*+json'];

/**
 * Only JSON object bodies are accepted: a body the JSON parser did not read (another media type)
 * on a mutating route is refused (415) rather than ignored, which would turn it into an empty
 * command (a cancel without its reason, a delete with `{"force":true}` unseen); an array is a 400.
 */
@Injectable()
export class RequireJsonMiddleware implements NestMiddleware {
  use(request: HttpRequest, _response: HttpResponse, next: () => void): void {
    const hasBody = request.headers['transfer-encoding'] !== undefined || bodyLength(request) > 0;
    // Judged by what the parser did, not by a second list of types that could drift from its own.
    if (hasBody && request.body === undefined) {
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
