import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_STATES, type ApiKeyState } from './api-key-state.util';
import { effectiveLimitsOf, type KeyLimits } from '../rate-limits/key-limits';
import { KeyLimitOverridesView, KeyLimitsView } from '../rate-limits/key-limits.views';
import { type ApiKeyRow, limitOverridesOfRow, stateOfRow } from './api-key.rows';
import { type Role, ROLES } from './role';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** A key as listed: never its secret nor its hash, only a fingerprint to recognise it by. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Recorded as submittedBy / decidedBy' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], description: 'Where it sees and acts; "*": every workspace' })
  workspaces!: string[];
  @ApiProperty({
    description: 'First 12 hex digits of the SHA-256 of the key: printf %s "$KEY" | sha256sum',
    example: '3f1a9c0b77e2',
  })
  fingerprint!: string;
  @ApiProperty({
    enum: API_KEY_STATES,
    description: 'active and grace keys authenticate; grace: rotated, the old key still works',
  })
  state!: ApiKeyState;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Recorded at most once a minute',
  })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Successor' })
  replacedBy!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A rotated key works until then',
  })
  graceUntil!: string | null;
  @ApiProperty({ type: () => KeyLimitsView, description: 'The limits that apply now' })
  limits!: KeyLimitsView;
  @ApiProperty({ type: () => KeyLimitOverridesView, description: "The key's own; null: default" })
  limitOverrides!: KeyLimitOverridesView;
}

/** `GET /v1/api-keys`. */
export class ApiKeyListView {
  @ApiProperty({ type: () => [ApiKeyView], description: 'Newest first, every state' })
  items!: ApiKeyView[];
}

/** The view of a row, its state judged by the database's clock, its limits over `defaults`. */
export const apiKeyViewOf = (row: ApiKeyRow, defaults: KeyLimits): ApiKeyView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  workspaces: row.workspaces,
  fingerprint: row.fingerprint,
  state: stateOfRow(row),
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
  expiresAt: iso(row.expires_at),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
  revokedBy: row.revoked_by,
  replacedBy: row.replaced_by,
  graceUntil: iso(row.grace_until),
  limits: effectiveLimitsOf(limitOverridesOfRow(row), defaults),
  limitOverrides: limitOverridesOfRow(row),
});
