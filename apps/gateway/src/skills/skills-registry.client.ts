import { Injectable } from '@nestjs/common';
import { type RpcProblems } from '../bus/ask-or-problem.util';
import { BusRpcClient } from '../bus/bus-rpc.client';
import { HttpProblemError } from '../http/problem/problem.errors';

/** Status of each refusal the registry names (its error codes); others are 400. */
const STATUS_OF: Readonly<Record<string, number>> = {
  'not-found': 404,
  'version-exists': 409,
  'version-downgrade': 409,
  'too-large': 413,
  'too-many-files': 413,
  'git-disabled': 403,
  'git-host-refused': 403,
  'git-failed': 502,
};

const NEXT_STEP: Readonly<Record<string, string>> = {
  'version-exists': ' Publish the change under a new version.',
  'too-large': ' Shrink the skill or ask an operator to raise the SKILLS_MAX_* limits.',
  'too-many-files': ' Shrink the skill or ask an operator to raise SKILLS_MAX_FILES.',
  'git-disabled': ' Upload an archive instead (POST /v1/skills).',
  'git-host-refused': ' Ask an operator to add the host to SKILLS_GIT_HOSTS, or upload an archive.',
};

/** How long the gateway waits for the registry (an upload is read and stored within this). */
const TIMEOUT_MS = 10_000;

const SKILLS_PROBLEMS: RpcProblems = {
  timeoutMs: TIMEOUT_MS,
  refused: (error) =>
    new HttpProblemError(
      STATUS_OF[error.code] ?? 400,
      `skill-${error.code}`,
      error.message + (NEXT_STEP[error.code] ?? ''),
    ),
  unavailable: {
    slug: 'skills-registry-unavailable',
    detail:
      'The skills-registry did not answer: check that it runs and is ready (its /readyz), then retry.',
  },
};

/**
 * Asks the skills-registry over request/reply and turns its answers into problems: a refusal's
 * code becomes the problem type (`urn:agentbus:problem:skill-<code>`), silence a 503.
 */
@Injectable()
export class SkillsRegistryClient extends BusRpcClient {
  protected readonly problems = SKILLS_PROBLEMS;
}
