import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';

/**
 * A controller of the public API under `/v1`: every route is behind the API key guard, which
 * refuses a route that has no `@Roles`, so a forgotten decorator closes a route instead of opening it.
 */
export const ApiController = (path: string, tag: string) =>
  applyDecorators(Controller(`v1/${path}`), UseGuards(ApiKeyGuard), ApiTags(tag));
