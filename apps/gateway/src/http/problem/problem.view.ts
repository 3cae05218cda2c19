import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'options.budget.maxTokens' }) path!: string;
  @ApiProperty({ example: 'must be an integer number' }) message!: string;
}

/** RFC 9457 problem details, the body of every error (`application/problem+json`). */
export class ProblemView {
  @ApiProperty({ example: 'urn:agentbus:problem:gate-not-open' }) type!: string;
  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'The prd_approval gate (attempt 1) is decided: approve by alice.' })
  detail!: string;
  @ApiProperty({
    example: '/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/approvals/prd_approval',
  })
  instance!: string;
  @ApiPropertyOptional({ type: () => [FieldErrorView], description: 'Each invalid field (400)' })
  errors?: FieldErrorView[];
}
