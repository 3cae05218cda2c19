import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { Optional, Required } from '../http/validation/optional.decorator';
import { IsNotBlank, IsText, MaxChars } from '../http/validation/text.validators';
import { ProjectOptionsDto } from './project-options.dto';

/** `POST /v1/projects`: mapped to the `ProjectSubmittedV1` command. */
export class CreateProjectDto {
  @ApiProperty({ example: 'Weather dashboard', maxLength: 200 })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(200)
  @IsText()
  @Matches(/^[^\r\n\t]*$/, { message: 'must be a single line' })
  name!: string;

  @ApiProperty({
    description: 'The software requirements, as text or markdown (at most 200 000 characters)',
    maxLength: 200_000,
  })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(200_000)
  @IsText()
  requirements!: string;

  @ApiPropertyOptional({ type: () => ProjectOptionsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectOptionsDto)
  options?: ProjectOptionsDto;
}
