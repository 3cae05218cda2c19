import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { API_KEY_COLUMNS, ApiKeyRow } from '../auth/api-key.rows';
import { type KeyLimitsDto } from './key-limits.dto';

// A field the JSON leaves out keeps its column; one given (a number, or null) replaces it.
const column = (name: string, field: keyof KeyLimitsDto): string =>
  `${name} = CASE WHEN $2::jsonb ? '${field}' THEN ($2::jsonb ->> '${field}')::int ELSE ${name} END`;

/** Sets the limit columns of `api_keys`. */
@Injectable()
export class ApiKeyLimitsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The key after the change; `undefined` when no key has the id. */
  async update(id: string, limits: KeyLimitsDto): Promise<ApiKeyRow | undefined> {
    const { rows } = await poolOf(this.db).query(
      `UPDATE api_keys SET
         ${column('rate_per_minute', 'requestsPerMinute')},
         ${column('rate_burst', 'burst')},
         ${column('projects_in_flight', 'projectsInFlight')}
       WHERE id = $1 RETURNING ${API_KEY_COLUMNS}`,
      [id, JSON.stringify(limits)],
    );
    return rows[0] === undefined ? undefined : ApiKeyRow.parse(rows[0]);
  }
}
