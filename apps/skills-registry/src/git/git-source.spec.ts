import { SkillRejectedError } from '../bundle/skill-rejected.error';
import { checkGitUrl, type GitSettings } from './git-source';

const ALLOWED: GitSettings = {
  hosts: ['github.com', 'git.example.org:8443'],
  allowFileUrls: false,
  timeoutMs: 1_000,
};

const refusal = (url: string, settings: GitSettings = ALLOWED) => {
  try {
    checkGitUrl(url, settings);
  } catch (error) {
    if (error instanceof SkillRejectedError) {
      return { reason: error.reason, message: error.message };
    }
    throw error;
  }
  throw new Error(`${url} was accepted`);
};

describe(checkGitUrl.name, () => {
  it('accepts https on an allowed host (case-insensitive, port included)', () => {
    expect(checkGitUrl('https://GitHub.com/acme/skills.git', ALLOWED).host).toBe('github.com');
    expect(checkGitUrl('https://git.example.org:8443/s.git', ALLOWED).pathname).toBe('/s.git');
  });

  it('is off, saying how to turn it on, when no host is allowed', () => {
    const off = { hosts: [], allowFileUrls: false, timeoutMs: 1_000 };
    expect(refusal('https://github.com/a/b.git', off)).toEqual({
      reason: 'git-disabled',
      message: expect.stringContaining('SKILLS_GIT_HOSTS'),
    });
  });

  it.each([
    ['https://evil.example.com/a.git', 'git-host-refused'],
    ['https://git.example.org/s.git', 'git-host-refused'], // the port is part of the allowed host
    ['https://github.com.evil.example/a.git', 'git-host-refused'],
    ['http://github.com/a/b.git', 'git-url-refused'],
    ['ssh://git@github.com/a/b.git', 'git-url-refused'],
    ['git://github.com/a/b.git', 'git-url-refused'],
    ['ext::sh -c touch% /tmp/pwned', 'git-url-refused'],
    ['file:///srv/repos/skill.git', 'git-url-refused'],
    ['https://user:token@github.com/a/b.git', 'git-url-refused'],
    ['https://token@github.com/a/b.git', 'git-url-refused'],
    ['https://github.com/a/b.git?x=1', 'git-url-refused'],
    ['https://github.com/a/b.git#main', 'git-url-refused'],
    ['github.com/a/b.git', 'git-url-refused'],
    ['-uhttps://github.com/a/b.git', 'git-url-refused'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(refusal(url).reason).toBe(reason);
  });

  it('names the allowed hosts when refusing one', () => {
    expect(refusal('https://evil.example.com/a.git').message).toBe(
      'evil.example.com is not an allowed git host (SKILLS_GIT_HOSTS: github.com, git.example.org:8443)',
    );
  });

  it('accepts a local file:// repository only when explicitly allowed', () => {
    const local = { ...ALLOWED, allowFileUrls: true };
    expect(checkGitUrl('file:///srv/repos/skill.git', local).pathname).toBe('/srv/repos/skill.git');
    expect(refusal('file://server/share/skill.git', local).reason).toBe('git-url-refused');
  });
});
