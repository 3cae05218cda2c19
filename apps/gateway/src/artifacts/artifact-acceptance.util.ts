import { type Acceptance } from './artifact.views';

/**
 * Where a stored version stands against the version the orchestrator accepted for its stage
 * (`stages_v1.artifact`): `accepted`; `superseded`, older than the accepted one; `not-accepted`,
 * newer than it (a stale or fenced attempt that finished late) or no version is accepted yet
 * (the stage never succeeded, or a restart cleared it until the re-run succeeds).
 */
export function acceptanceOf(version: number, acceptedVersion: number | null): Acceptance {
  if (acceptedVersion === null || version > acceptedVersion) return 'not-accepted';
  return version === acceptedVersion ? 'accepted' : 'superseded';
}
