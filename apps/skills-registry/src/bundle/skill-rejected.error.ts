import { PermanentError } from '@agentbus/contracts';

/** Why a skill was refused; the gateway maps each to an HTTP status. */
export type RejectReason =
  | 'invalid-archive'
  | 'unsafe-path'
  | 'link'
  | 'special-file'
  | 'too-large'
  | 'too-many-files'
  | 'invalid-manifest'
  | 'version-exists'
  | 'version-downgrade'
  | 'git-disabled'
  | 'git-url-refused'
  | 'git-host-refused'
  | 'git-failed';

/** A skill (archive, folder, manifest or version) the registry refuses; nothing was changed. */
export class SkillRejectedError extends PermanentError {
  constructor(
    readonly reason: RejectReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SkillRejectedError';
  }
}
