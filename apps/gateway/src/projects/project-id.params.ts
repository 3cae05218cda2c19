import { ApiProperty } from '@nestjs/swagger';
import { RequestValidationError } from '../http/problem/problem.errors';

// class-validator's isUUID('all'): any version, hex digits in either case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` of every project route; parses itself (see SelfParsing): every read passes here. */
export class ProjectIdParams {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  static parse(raw: unknown): ProjectIdParams {
    const { id } = raw as Record<string, unknown>;
    if (typeof id !== 'string' || !UUID.test(id)) {
      throw new RequestValidationError([{ path: 'id', message: 'must be a UUID' }]);
    }
    return { id };
  }
}
