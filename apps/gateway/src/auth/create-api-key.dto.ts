import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { type Role, ROLES } from './role';
import { Required } from '../http/validation/optional.decorator';

/** `POST /v1/api-keys`. */
export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci-pipeline', description: 'Recorded as submittedBy / decidedBy' })
  @Required()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, {
    message: 'must be 1-100 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
  })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @Required()
  @IsIn(ROLES)
  role!: Role;
}

/** The new key, shown once; only its hash is stored. */
export class ApiKeyCreatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'The secret; it cannot be shown again' }) key!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
