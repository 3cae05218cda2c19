import { PatternType } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type FieldError } from '../http/problem/problem';
import { RequestValidationError } from '../http/problem/problem.errors';
import { parseDecimalInteger } from '../http/validation/parse-decimal-integer.util';
import { textProblem } from '../http/validation/text-problem.util';

const KNOWN = new Set(['q', 'type', 'k', 'minScore']);
const MAX_TEXT = 20_000;
const MAX_K = 50;
// 0, 1, or a decimal fraction between: no exponents, signs or hex.
const SCORE = /^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?|\.\d{1,6})$/;
const TYPES = PatternType.options;

/** Query of `GET /v1/memory/search`; parses itself, like the other query classes of the API. */
export class MemorySearchQuery {
  @ApiProperty({ description: 'The text to find similar patterns for', maxLength: MAX_TEXT })
  q!: string;

  @ApiPropertyOptional({
    description: `Pattern types, comma-separated or repeated (${TYPES.join(', ')}); all when left out`,
    example: 'prd,architecture',
  })
  type?: PatternType[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_K, default: 5, description: 'Hits wanted' })
  k?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'Least cosine similarity of a hit to q',
  })
  minScore?: number;

  static parse(raw: unknown): MemorySearchQuery {
    const query = (raw ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = Object.keys(query)
      .filter((key) => !KNOWN.has(key))
      .map((path) => ({ path, message: 'is not a known field' }));
    const { q, type, k, minScore } = query;
    const parsed: MemorySearchQuery = { q: '' };
    if (typeof q !== 'string' || q.trim() === '') {
      errors.push({ path: 'q', message: 'is required: the text to search for' });
    } else if (q.length > MAX_TEXT) {
      errors.push({ path: 'q', message: `must be at most ${MAX_TEXT} characters` });
    } else {
      const problem = textProblem(q);
      if (problem === undefined) parsed.q = q;
      else errors.push({ path: 'q', message: problem });
    }
    if (type !== undefined) {
      const types = parseTypes(type);
      if (types) parsed.type = types;
      else errors.push({ path: 'type', message: `must be among: ${TYPES.join(', ')}` });
    }
    if (k !== undefined) {
      const value = parseDecimalInteger(k) ?? Number.NaN;
      if (value >= 1 && value <= MAX_K) parsed.k = value;
      else errors.push({ path: 'k', message: `must be an integer from 1 to ${MAX_K}` });
    }
    if (minScore !== undefined) {
      if (typeof minScore === 'string' && SCORE.test(minScore)) parsed.minScore = Number(minScore);
      else errors.push({ path: 'minScore', message: 'must be a number from 0 to 1' });
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
    return parsed;
  }
}

/** `prd,qa` or `type=prd&type=qa`, de-duplicated; undefined when any part is not a type. */
function parseTypes(raw: unknown): PatternType[] | undefined {
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((part: unknown) =>
    typeof part === 'string' ? part.split(',').map((p) => p.trim()) : [undefined],
  );
  if (parts.length === 0 || parts.length > 20) return undefined;
  const types = new Set<PatternType>();
  for (const part of parts) {
    const parsed = PatternType.safeParse(part);
    if (!parsed.success) return undefined;
    types.add(parsed.data);
  }
  return [...types];
}
