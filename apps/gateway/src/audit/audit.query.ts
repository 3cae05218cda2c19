import { ApiPropertyOptional } from '@nestjs/swagger';
import { type FieldError } from '../http/problem/problem';
import { RequestValidationError } from '../http/problem/problem.errors';

/** Largest page `GET /v1/projects/:id/audit` returns. */
export const MAX_AUDIT_PAGE = 200;
const MAX_CURSOR_LENGTH = 200;
// Decimal digits only: `0x10`, `1e1`, ` 5` and `5.0` are refused, not read as numbers.
const DIGITS = /^[0-9]{1,4}$/;
const KNOWN = new Set(['cursor', 'limit']);

/** Query of `GET /v1/projects/:id/audit`; parses itself (see SelfParsing), as the project list does. */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 200 })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })
  limit?: number;

  static parse(raw: unknown): AuditQuery {
    const query = (raw ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = Object.keys(query)
      .filter((key) => !KNOWN.has(key))
      .map((path) => ({ path, message: 'is not a known field' }));
    const { cursor, limit } = query;
    const parsed: AuditQuery = {};
    if (cursor !== undefined) {
      if (typeof cursor === 'string' && cursor.length <= MAX_CURSOR_LENGTH) parsed.cursor = cursor;
      else errors.push({ path: 'cursor', message: 'must be a string of at most 200 characters' });
    }
    if (limit !== undefined) {
      const value = typeof limit === 'string' && DIGITS.test(limit) ? Number(limit) : Number.NaN;
      if (value >= 1 && value <= MAX_AUDIT_PAGE) {
        parsed.limit = value;
      } else {
        errors.push({ path: 'limit', message: `must be an integer from 1 to ${MAX_AUDIT_PAGE}` });
      }
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
    return parsed;
  }
}
