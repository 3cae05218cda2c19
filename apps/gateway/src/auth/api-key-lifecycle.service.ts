import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ConflictError, NotFoundError } from '../http/problem/problem.errors';
import { BOOTSTRAP_ADMIN_NAME } from './admin-key-bootstrap.service';
import { ApiKeyLifecycleRepository } from './api-key-lifecycle.repository';
import { apiKeyHash, newApiKeySecret } from './api-key-secret.util';
import { ApiKeyRepository } from './api-key.repository';
import { limitDefaultsOf } from '../rate-limits/key-limits';
import { type ApiKeyRow, stateOfRow } from './api-key.rows';
import { type ApiKeyView, apiKeyViewOf } from './api-key.views';
import {
  type ApiKeyCreatedView,
  type ApiKeyRotatedView,
  type CreateApiKeyDto,
  type RotateApiKeyDto,
} from './create-api-key.dto';
import { keyExpiryOf } from './key-expiry.util';
import { type Principal } from './principal';
import { workspaceFilterOf } from '../workspaces/workspace';
import { newKeyWorkspaces } from '../workspaces/new-key-workspaces.util';

/** Creating, listing, revoking and rotating API keys; secrets exist only in create/rotate answers. */
@Injectable()
export class ApiKeyLifecycleService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly keys: ApiKeyRepository,
    private readonly lifecycle: ApiKeyLifecycleRepository,
  ) {}

  /** The keys of the caller's workspaces (every key for an operator). */
  async list(caller: Principal): Promise<ApiKeyView[]> {
    const defaults = limitDefaultsOf(this.config);
    const rows = await this.lifecycle.list(workspaceFilterOf(caller));
    return rows.map((row) => apiKeyViewOf(row, defaults));
  }

  async create(body: CreateApiKeyDto, by: Principal): Promise<ApiKeyCreatedView> {
    const expiry = keyExpiryOf(body, new Date());
    const key = newApiKeySecret();
    const row = await this.keys.create({
      name: body.name,
      role: body.role,
      keySha256: apiKeyHash(key),
      expiry,
      createdBy: by.name,
      workspaces: newKeyWorkspaces(body.workspaces, by),
      limits: {
        requestsPerMinute: body.limits?.requestsPerMinute ?? null,
        burst: body.limits?.burst ?? null,
        projectsInFlight: body.limits?.projectsInFlight ?? null,
      },
    });
    return this.createdViewOf(row, key);
  }

  async revoke(id: string, by: Principal): Promise<ApiKeyView> {
    const row = await this.lifecycle.revoke(id, by.name);
    if (row === undefined) throw notFound(id);
    return apiKeyViewOf(row, limitDefaultsOf(this.config));
  }

  async rotate(id: string, body: RotateApiKeyDto, by: Principal): Promise<ApiKeyRotatedView> {
    const expiry = keyExpiryOf(body, new Date());
    const key = newApiKeySecret();
    const { old, successor } = await this.lifecycle.rotate(id, (row) => {
      assertRotatable(id, row);
      return {
        id: uuidv7(),
        keySha256: apiKeyHash(key),
        graceSeconds: body.graceSeconds ?? this.config.GATEWAY_KEY_ROTATION_GRACE_S,
        expiry,
        by: by.name,
      };
    });
    const graceUntil = old.grace_until ?? old.now;
    return {
      ...this.createdViewOf(successor, key),
      replaces: { id: old.id, graceUntil: graceUntil.toISOString() },
    };
  }

  private createdViewOf(row: ApiKeyRow, key: string): ApiKeyCreatedView {
    const { limits, limitOverrides } = apiKeyViewOf(row, limitDefaultsOf(this.config));
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      workspaces: row.workspaces,
      key,
      fingerprint: row.fingerprint,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      limits,
      limitOverrides,
    };
  }
}

const notFound = (id: string): NotFoundError =>
  new NotFoundError('api-key-not-found', `No API key has id ${id}: GET /v1/api-keys lists them.`);

/** Only a current key (active, not rotated) that the gateway's config does not own is rotated. */
function assertRotatable(id: string, row: ApiKeyRow | undefined): asserts row is ApiKeyRow {
  if (row === undefined) throw notFound(id);
  if (row.name === BOOTSTRAP_ADMIN_NAME) {
    throw new ConflictError(
      'api-key-from-config',
      `The key "${BOOTSTRAP_ADMIN_NAME}" is GATEWAY_ADMIN_API_KEY: to rotate it, set a new value and restart the gateways (the old value stops working then).`,
    );
  }
  const state = stateOfRow(row);
  switch (state) {
    case 'active':
      return;
    case 'grace':
    case 'rotated':
      throw new ConflictError(
        'api-key-rotated',
        `The key ${id} was already rotated; its successor is ${row.replaced_by ?? '?'}: rotate that one.`,
        { replacedBy: row.replaced_by },
      );
    case 'revoked':
    case 'expired':
      throw new ConflictError(
        `api-key-${state}`,
        `The key ${id} is ${state} and cannot be rotated: create a new key (POST /v1/api-keys)${state === 'expired' ? ', after revoking this one to free its name' : ''}.`,
      );
    default:
      return assertNever(state);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected key state ${String(value)}`);
}
