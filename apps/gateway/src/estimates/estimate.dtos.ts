import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { Required } from '../http/validation/optional.decorator';
import { IsNotBlank, IsText, MaxChars } from '../http/validation/text.validators';

/** `POST /v1/projects/estimate`: the requirements a project would be submitted with. */
export class EstimateProjectDto {
  @ApiProperty({
    description:
      'The software requirements, as they would be submitted (at most 200 000 characters)',
    maxLength: 200_000,
  })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(200_000)
  @IsText()
  requirements!: string;
}

export class SpendView {
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty({ description: 'US dollars at the prices the past calls were charged' })
  costUsd!: number;
}

export class StageSpendView extends SpendView {
  @ApiProperty() stage!: string;
}

export class CostEstimateView {
  @ApiProperty() requirementsChars!: number;
  @ApiProperty({
    description: `Completed projects the forecast rests on (the latest, at most 50); 0: no forecast yet`,
  })
  basedOnProjects!: number;
  @ApiProperty({ type: () => [StageSpendView], description: 'In pipeline order' })
  stages!: StageSpendView[];
  @ApiProperty({ type: () => SpendView }) total!: SpendView;
}
