import { type Role } from './role';

/** Who is calling: the API key, or the SSO token's subject, that authenticated the request. */
export interface Principal {
  /** The API key's id; for an SSO token, a UUID derived from issuer and subject (stable per person). */
  readonly keyId: string;
  /** The key's name (an SSO token's email or sub); recorded as `submittedBy` / `decidedBy` / `requestedBy`. */
  readonly name: string;
  readonly role: Role;
  /** The workspaces it sees and acts in; `*` stands for all of them (an operator). */
  readonly workspaces: readonly string[];
  /** An API key's own request rate (null: the configured default); SSO users have none. */
  readonly rate?: { readonly perMinute: number | null; readonly burst: number | null };
}

/** The request, once the guard has authenticated it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
