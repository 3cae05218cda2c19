import { SkillRejectedError } from '../bundle/skill-rejected.error';

/** Where git installs may come from, from the registry's configuration. */
export interface GitSettings {
  /** Host names (lower-case, optionally `host:port`) https URLs may name; empty: git is off. */
  readonly hosts: readonly string[];
  /** Accept `file://` repositories (tests and local development only). */
  readonly allowFileUrls: boolean;
  /** A clone that takes longer is killed and refused. */
  readonly timeoutMs: number;
}

/**
 * Checks a git URL against the settings before anything runs: https on an allowed host (or a
 * `file://` path when explicitly allowed), no credentials, query or fragment, so a URL can
 * neither carry a secret into logs and rows nor reach a host or transport the operator did not name.
 * @throws SkillRejectedError (`git-disabled`, `git-url-refused`, `git-host-refused`)
 */
export function checkGitUrl(raw: string, settings: GitSettings): URL {
  if (settings.hosts.length === 0 && !settings.allowFileUrls) {
    throw new SkillRejectedError(
      'git-disabled',
      'installing from git is off: an operator enables it by listing hosts in SKILLS_GIT_HOSTS',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SkillRejectedError('git-url-refused', `${JSON.stringify(raw)} is not a URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new SkillRejectedError(
      'git-url-refused',
      'the URL carries credentials: use a public repository URL without user or password',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new SkillRejectedError('git-url-refused', 'the URL may not carry a query or fragment');
  }
  if (url.protocol === 'file:' && settings.allowFileUrls && url.host === '') return url;
  if (url.protocol !== 'https:') {
    throw new SkillRejectedError(
      'git-url-refused',
      `only https:// repositories are installed (got ${url.protocol}//)`,
    );
  }
  const host = url.host.toLowerCase();
  if (!settings.hosts.includes(host)) {
    throw new SkillRejectedError(
      'git-host-refused',
      `${host} is not an allowed git host (SKILLS_GIT_HOSTS: ${settings.hosts.join(', ') || 'none'})`,
    );
  }
  return url;
}
