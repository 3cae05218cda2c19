import { type Role } from './role';

/** Who is calling: the API key that authenticated the request. */
export interface Principal {
  readonly keyId: string;
  /** The key's name; recorded as `submittedBy` / `decidedBy` / `requestedBy`. */
  readonly name: string;
  readonly role: Role;
}

/** The request, once the guard has authenticated it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
