import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiDefaultResponse, ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem/problem';
import { ProblemView } from '../http/problem/problem.view';
import { ApiKeyGuard } from './api-key.guard';

/**
 * A controller of the public API under `/v1`: every route is behind the API key guard, which
 * refuses a route that has no `@Roles`, so a forgotten decorator closes a route instead of opening
 * it; and every error is documented as problem details.
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
  );
