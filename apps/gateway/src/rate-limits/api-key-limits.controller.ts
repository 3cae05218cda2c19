import { Body, Inject, Param, Patch } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { ApiKeyIdParams } from '../auth/api-key-id.params';
import { ApiKeyView, apiKeyViewOf } from '../auth/api-key.views';
import { Roles } from '../auth/roles.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { NotFoundError } from '../http/problem/problem.errors';
import { ApiKeyLimitsRepository } from './api-key-limits.repository';
import { limitDefaultsOf } from './key-limits';
import { KeyLimitsDto } from './key-limits.dto';

@ApiController('api-keys', 'api-keys')
export class ApiKeyLimitsController {
  constructor(
    private readonly limits: ApiKeyLimitsRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Patch(':id/limits')
  @Roles('admin')
  @ApiOperation({
    summary: "Set a key's request rate and projects in flight (null: back to the default)",
    description: 'Applies within a second on every replica; a rotation keeps the limits.',
  })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiNotFoundResponse({ description: 'Unknown key' })
  async update(@Param() { id }: ApiKeyIdParams, @Body() body: KeyLimitsDto): Promise<ApiKeyView> {
    const row = await this.limits.update(id, body);
    if (row === undefined) {
      throw new NotFoundError(
        'api-key-not-found',
        `No API key has id ${id}: GET /v1/api-keys lists them.`,
      );
    }
    return apiKeyViewOf(row, limitDefaultsOf(this.config));
  }
}
