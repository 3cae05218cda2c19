import { PatternId } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { RequestValidationError } from '../http/problem/problem.errors';
import { patternOf } from '../http/validation/contract-schema.validators';

/** `:id` of a memory pattern route. */
export class PatternIdParams {
  @ApiProperty({ example: 'template-rest-api', pattern: patternOf(PatternId) })
  id!: string;

  static parse(raw: unknown): PatternIdParams {
    const { id } = raw as Record<string, unknown>;
    const parsed = PatternId.safeParse(id);
    if (!parsed.success) {
      throw new RequestValidationError([
        {
          path: 'id',
          message: "must be a pattern id: letters, digits, '.', '_', ':' or '-' (at most 200)",
        },
      ]);
    }
    return { id: parsed.data };
  }
}
