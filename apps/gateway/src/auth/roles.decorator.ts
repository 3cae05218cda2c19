import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type Role } from './role';

/** Metadata key of the role a route needs. */
export const ROLE_KEY = 'agentbus:role';

/** The weakest role that may call this route (checked by the guard of {@link ApiController}). */
export const Roles = (role: Role) =>
  applyDecorators(
    SetMetadata(ROLE_KEY, role),
    ApiSecurity('bearer'),
    ApiSecurity('apiKey'),
    ApiUnauthorizedResponse({ description: 'No API key, or an unknown or revoked one' }),
    ApiForbiddenResponse({ description: `Needs role ${role} or stronger` }),
  );
