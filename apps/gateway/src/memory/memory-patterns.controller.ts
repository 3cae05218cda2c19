import {
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  type PatternView,
} from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Body, Delete, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { NotFoundError } from '../http/problem/problem.errors';
import { OperatorOnly } from '../workspaces/operator-only.decorator';
import { MEMORY_UNAVAILABLE, MemoryServiceClient } from './memory-service.client';
import { MemoryVisibility } from './memory-visibility.service';
import { PatternIdParams } from './pattern-id.params';
import { StorePatternDto } from './store-pattern.dto';

const notFound = (id: string) =>
  new NotFoundError(
    'memory-not-found',
    `no pattern has id ${id}. GET /v1/memory/search finds patterns by text.`,
  );

@ApiController('memory/patterns', 'memory')
export class MemoryPatternsController {
  constructor(
    private readonly memory: MemoryServiceClient,
    private readonly visibility: MemoryVisibility,
  ) {}

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One pattern with its text, metadata, use and success score' })
  @ApiOkResponse({ description: '{ id, type, source, text, metadata, successScore, ... }' })
  @ApiNotFoundResponse({
    description: 'Not stored, or learned from a project the caller cannot see',
  })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  async get(
    @Param() { id }: PatternIdParams,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PatternView> {
    const pattern = await this.memory.ask(MemoryPatternGetV1, { id });
    const [visible] = await this.visibility.visible(caller, [pattern]);
    if (!visible) throw notFound(id); // the same answer as for none: nothing says it exists
    return visible;
  }

  @Post()
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Store a manual pattern, or update one (same id)',
    description:
      'Agents of every workspace may read it, so only an operator key may write. It is embedded at once (or by the reindexer if Chroma is down); retention removes manual patterns unused for MEMORY_RETENTION_OTHER_DAYS.',
  })
  @ApiOkResponse({ description: '{ status: created | updated | unchanged, pattern }' })
  @ApiBadRequestResponse({ description: 'A bad id, type, text or metadata (validation-failed)' })
  @ApiConflictResponse({
    description: 'The id belongs to a template or a project (memory-not-manual)',
  })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  store(
    @Body() body: StorePatternDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof MemoryPatternStoreV1>> {
    return this.memory.ask(MemoryPatternStoreV1, {
      ...(body.id === undefined ? {} : { id: body.id }),
      type: body.type,
      text: body.text,
      metadata: body.metadata ?? {},
      storedBy: by.name,
    });
  }

  @Delete(':id')
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Delete a pattern (archived first, then removed from Postgres and Chroma)',
    description: 'Shipped templates are refused: they are loaded again at every start.',
  })
  @ApiOkResponse({ description: '{ id, archived: true }' })
  @ApiNotFoundResponse({ description: 'Not stored (memory-not-found)' })
  @ApiConflictResponse({ description: 'A shipped template (memory-shipped-template)' })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  delete(
    @Param() { id }: PatternIdParams,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof MemoryPatternDeleteV1>> {
    return this.memory.ask(MemoryPatternDeleteV1, { id, deletedBy: by.name });
  }
}
