import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import {
  ApiDefaultResponse,
  ApiExtraModels,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem/problem';
import { ProblemView } from '../http/problem/problem.view';
import { ApiKeyGuard } from './api-key.guard';

/**
 * A controller of the public API under `/v1`: every route is behind the API key guard, which
 * refuses a route that has no `@Roles`, so a forgotten decorator closes a route instead of opening
 * it; every request counts against the caller's rate (429); and every error is documented as
 * problem details.
 */
export const ApiController = (path: string, tag: string) =>
  applyDecorators(
    Controller(`v1/${path}`),
    UseGuards(ApiKeyGuard),
    ApiTags(tag),
    ApiExtraModels(ProblemView),
    ApiDefaultResponse({
      description: 'An error, as problem details',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
    }),
    ApiTooManyRequestsResponse({
      description:
        "Over the caller's request rate (rate-limited), or for a submission its projects in flight (too-many-projects-in-flight); every answer carries RateLimit-Limit, -Remaining and -Reset",
      headers: {
        'Retry-After': {
          description: 'Seconds until a retry may succeed',
          schema: { type: 'integer' },
        },
        'RateLimit-Limit': { description: 'Requests allowed at once', schema: { type: 'integer' } },
        'RateLimit-Remaining': { description: 'Requests left now', schema: { type: 'integer' } },
        'RateLimit-Reset': {
          description: 'Seconds until the limit is whole again',
          schema: { type: 'integer' },
        },
      },
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
    }),
  );
