import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from './api-controller.decorator';
import { ApiKeyRepository } from './api-key.repository';
import { apiKeyHash, newApiKeySecret } from './api-key-secret.util';
import { ApiKeyCreatedView, CreateApiKeyDto } from './create-api-key.dto';
import { Roles } from './roles.decorator';

@ApiController('api-keys', 'api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyRepository) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  @ApiCreatedResponse({ type: ApiKeyCreatedView })
  @ApiConflictResponse({ description: 'An active key already has this name' })
  async create(@Body() body: CreateApiKeyDto): Promise<ApiKeyCreatedView> {
    const key = newApiKeySecret();
    const { id, createdAt } = await this.keys.create(body.name, body.role, apiKeyHash(key));
    return { id, name: body.name, role: body.role, key, createdAt };
  }
}
