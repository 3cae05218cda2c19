import { PROJECT_STATES, type ProjectState } from '@agentbus/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { type FieldError } from '../http/problem/problem';
import { RequestValidationError } from '../http/problem/problem.errors';
import { parseDecimalInteger } from '../http/validation/parse-decimal-integer.util';

/** Largest page `GET /v1/projects` returns. */
export const MAX_PAGE_SIZE = 100;
const MAX_CURSOR_LENGTH = 200;
/** Longest name search: a project name is at most 200 characters. */
const MAX_QUERY_LENGTH = 200;
const KNOWN = new Set(['state', 'q', 'cursor', 'limit']);

/** Query of `GET /v1/projects`; parses itself (see SelfParsing): the list is a hot read. */
export class ListProjectsQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATES })
  state?: ProjectState;

  @ApiPropertyOptional({
    description: 'Only names containing this text, ignoring case (across every page)',
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
  })
  q?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 200 })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  limit?: number;

  static parse(raw: unknown): ListProjectsQuery {
    const query = (raw ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = Object.keys(query)
      .filter((key) => !KNOWN.has(key))
      .map((path) => ({ path, message: 'is not a known field' }));
    const { state, q, cursor, limit } = query;
    const parsed: ListProjectsQuery = {};
    if (state !== undefined) {
      if (isProjectState(state)) parsed.state = state;
      else errors.push({ path: 'state', message: `must be one of: ${PROJECT_STATES.join(', ')}` });
    }
    if (q !== undefined) {
      const ok = typeof q === 'string' && q.trim() !== '' && q.length <= MAX_QUERY_LENGTH;
      if (ok) parsed.q = q.trim();
      else errors.push({ path: 'q', message: 'must be 1 to 200 characters, not only spaces' });
    }
    if (cursor !== undefined) {
      if (typeof cursor === 'string' && cursor.length <= MAX_CURSOR_LENGTH) parsed.cursor = cursor;
      else errors.push({ path: 'cursor', message: `must be a string of at most 200 characters` });
    }
    if (limit !== undefined) {
      // Decimal digits only: `0x10`, `1e1`, ` 5`, `+5` and `5.0` are refused, not read as numbers.
      const value = parseDecimalInteger(limit) ?? Number.NaN;
      if (value >= 1 && value <= MAX_PAGE_SIZE) parsed.limit = value;
      else errors.push({ path: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
    return parsed;
  }
}

const isProjectState = (value: unknown): value is ProjectState =>
  (PROJECT_STATES as readonly unknown[]).includes(value);
