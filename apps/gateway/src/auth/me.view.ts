import { ApiProperty } from '@nestjs/swagger';
import { type Principal } from './principal';
import { type Role, ROLES } from './role';

/** `GET /v1/me`: who the caller is, as the guard authenticated it (never a secret). */
export class MeView {
  @ApiProperty({
    format: 'uuid',
    description: "The API key's id; for an SSO token, a UUID stable per issuer and subject",
  })
  keyId!: string;
  @ApiProperty({ description: 'Recorded as submittedBy / decidedBy' }) name!: string;
  @ApiProperty({ enum: ROLES, description: 'A role may do everything a weaker one may' })
  role!: Role;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Every role, weakest first' })
  roles!: Role[];
  @ApiProperty({ type: [String], description: 'Where it sees and acts; "*": every workspace' })
  workspaces!: string[];
}

export const meViewOf = (principal: Principal): MeView => ({
  keyId: principal.keyId,
  name: principal.name,
  role: principal.role,
  roles: [...ROLES],
  workspaces: [...principal.workspaces],
});
