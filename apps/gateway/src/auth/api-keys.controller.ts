import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiController } from './api-controller.decorator';
import { ApiKeyIdParams } from './api-key-id.params';
import { ApiKeyLifecycleService } from './api-key-lifecycle.service';
import { ApiKeyListView, ApiKeyView } from './api-key.views';
import {
  ApiKeyCreatedView,
  ApiKeyRotatedView,
  CreateApiKeyDto,
  RotateApiKeyDto,
} from './create-api-key.dto';
import { CurrentPrincipal } from './current-principal.decorator';
import { type Principal } from './principal';
import { Roles } from './roles.decorator';

@ApiController('api-keys', 'api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyLifecycleService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      "List the API keys of the caller's workspaces (never a secret): state, expiry, last use",
  })
  @ApiOkResponse({ type: ApiKeyListView })
  async list(@CurrentPrincipal() caller: Principal): Promise<ApiKeyListView> {
    return { items: await this.keys.list(caller) };
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  @ApiCreatedResponse({ type: ApiKeyCreatedView })
  @ApiConflictResponse({ description: 'A current key already has this name' })
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ApiKeyCreatedView> {
    return this.keys.create(body, by);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a key: refused within a second on every replica' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiNotFoundResponse({ description: 'Unknown key' })
  revoke(@Param() { id }: ApiKeyIdParams, @CurrentPrincipal() by: Principal): Promise<ApiKeyView> {
    return this.keys.revoke(id, by);
  }

  @Post(':id/rotate')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace a key by a new secret (shown once); the old one works for a grace period',
  })
  @ApiCreatedResponse({ type: ApiKeyRotatedView })
  @ApiNotFoundResponse({ description: 'Unknown key' })
  @ApiConflictResponse({
    description: 'Revoked, expired or already rotated, or the configured bootstrap admin key',
  })
  rotate(
    @Param() { id }: ApiKeyIdParams,
    @Body() body: RotateApiKeyDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<ApiKeyRotatedView> {
    return this.keys.rotate(id, body, by);
  }
}
