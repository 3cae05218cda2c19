import { ApiPropertyOptional } from '@nestjs/swagger';
import { type FieldError } from '../../http/problem/problem';
import { RequestValidationError } from '../../http/problem/problem.errors';
import { parseDecimalInteger } from '../../http/validation/parse-decimal-integer.util';

/** Which gate openings the inbox lists. */
export const INBOX_STATES = ['open', 'decided', 'superseded'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** Largest page `GET /v1/approvals` returns. */
export const MAX_INBOX_PAGE = 100;
const MAX_CURSOR_LENGTH = 200;
const KNOWN = new Set(['state', 'cursor', 'limit']);

/** Query of `GET /v1/approvals`; parses itself (see SelfParsing), as the project list does. */
export class ApprovalInboxQuery {
  @ApiPropertyOptional({ enum: INBOX_STATES, default: 'open' })
  state?: InboxState;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 200 })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INBOX_PAGE, default: 20 })
  limit?: number;

  static parse(raw: unknown): ApprovalInboxQuery {
    const query = (raw ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = Object.keys(query)
      .filter((key) => !KNOWN.has(key))
      .map((path) => ({ path, message: 'is not a known field' }));
    const { state, cursor, limit } = query;
    const parsed: ApprovalInboxQuery = {};
    if (state !== undefined) {
      if (isInboxState(state)) parsed.state = state;
      else errors.push({ path: 'state', message: `must be one of: ${INBOX_STATES.join(', ')}` });
    }
    if (cursor !== undefined) {
      if (typeof cursor === 'string' && cursor.length <= MAX_CURSOR_LENGTH) parsed.cursor = cursor;
      else errors.push({ path: 'cursor', message: 'must be a string of at most 200 characters' });
    }
    if (limit !== undefined) {
      const value = parseDecimalInteger(limit) ?? Number.NaN;
      if (value >= 1 && value <= MAX_INBOX_PAGE) {
        parsed.limit = value;
      } else {
        errors.push({ path: 'limit', message: `must be an integer from 1 to ${MAX_INBOX_PAGE}` });
      }
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
    return parsed;
  }
}

const isInboxState = (value: unknown): value is InboxState =>
  (INBOX_STATES as readonly unknown[]).includes(value);
