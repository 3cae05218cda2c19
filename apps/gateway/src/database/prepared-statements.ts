import { createHash } from 'node:crypto';
import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Runs the gateway's fixed read SQL as named (server-side prepared) statements on TypeORM's pg pool:
 * Postgres parses and rewrites each text once per connection instead of once per request, which on
 * the view-backed detail read is most of its cost (planning took longer than executing). Only for
 * constant texts (schema names interpolated once, values as parameters): each distinct text is a
 * statement on every pooled connection.
 */
@Injectable()
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async query<T extends QueryResultRow>(text: string, values: readonly unknown[]): Promise<T[]> {
    const result = await poolOf(this.db).query<T>({
      name: this.nameOf(text),
      text,
      values: [...values],
    });
    return result.rows;
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `gw_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
