import { ApiProperty } from '@nestjs/swagger';
import { RequestValidationError } from '../http/problem/problem.errors';

// class-validator's isUUID('all'): any version, hex digits in either case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` of the key routes; parses itself (see SelfParsing). */
export class ApiKeyIdParams {
  @ApiProperty({ format: 'uuid', description: 'From GET /v1/api-keys' })
  id!: string;

  static parse(raw: unknown): ApiKeyIdParams {
    const { id } = raw as Record<string, unknown>;
    if (typeof id !== 'string' || !UUID.test(id)) {
      throw new RequestValidationError([
        { path: 'id', message: 'must be a key id (a UUID, as GET /v1/api-keys lists them)' },
      ]);
    }
    return { id: id.toLowerCase() };
  }
}
