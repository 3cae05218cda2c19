import { MemorySearchV1, MemoryStatsV1, MemoryTemplatesListV1 } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { isOperator } from '../workspaces/workspace';
import { MemorySearchQuery } from './memory-search.query';
import { MEMORY_UNAVAILABLE, MemoryServiceClient } from './memory-service.client';
import { MemoryVisibility } from './memory-visibility.service';

@ApiController('memory', 'memory')
export class MemoryController {
  constructor(
    private readonly memory: MemoryServiceClient,
    private readonly visibility: MemoryVisibility,
  ) {}

  @Get('search')
  @Roles('viewer')
  @ApiOperation({
    summary: 'Stored patterns similar to a text, best first',
    description:
      "Ranked by similarity blended with each pattern's success score (weights in the memory-service config); hits below minScore similarity are left out. Patterns learned from projects of workspaces the caller does not see are left out too. Each hit counts as a use.",
  })
  @ApiOkResponse({
    description: '{ hits: [{ id, type, score, similarity, successScore, text, metadata }] }',
  })
  @ApiBadRequestResponse({ description: 'No q, an unknown type, k or minScore out of range' })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  async search(
    @Query() query: MemorySearchQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<QueryResponseOf<typeof MemorySearchV1>> {
    const k = query.k ?? 5;
    // Some hits may be hidden from a workspace key: ask for more, so k usually remain.
    const asked = isOperator(caller) ? k : Math.min(50, k * 2);
    const { hits } = await this.memory.ask(MemorySearchV1, {
      text: query.q,
      k: asked,
      minScore: query.minScore ?? 0,
      ...(query.type === undefined ? {} : { types: query.type }),
    });
    return { hits: (await this.visibility.visible(caller, hits)).slice(0, k) };
  }

  @Get('templates')
  @Roles('viewer')
  @ApiOperation({
    summary: 'Project templates memory holds',
    description:
      'The five shipped templates (web SaaS, ML pipeline, REST API, microservices, mobile backend), with their text, use and success score; a project names one by id.',
  })
  @ApiOkResponse({
    description: '{ templates: [{ id, name, text, metadata, successScore, ... }] }',
  })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  templates(): Promise<QueryResponseOf<typeof MemoryTemplatesListV1>> {
    return this.memory.ask(MemoryTemplatesListV1, {});
  }

  @Get('stats')
  @Roles('viewer')
  @ApiOperation({
    summary: 'What memory holds and how it is used',
    description:
      'Pattern counts by source and type; per type, patterns used, times retrieved, successes and failures of projects that reused them and the mean success score; rows not yet indexed; retention runs, what they removed (archived first) by type, archive size, and the last run with what it kept.',
  })
  @ApiOkResponse({ description: '{ patterns, bySource, byType, unindexed, retention }' })
  @ApiServiceUnavailableResponse({ description: MEMORY_UNAVAILABLE })
  stats(): Promise<QueryResponseOf<typeof MemoryStatsV1>> {
    return this.memory.ask(MemoryStatsV1, {});
  }
}
