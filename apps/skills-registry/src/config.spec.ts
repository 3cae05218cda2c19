import { ConfigError } from '@agentbus/config';
import { SkillsConfig } from './config';

describe('SkillsConfig git settings', () => {
  it('leaves git install off, file URLs refused and a 30 s clone timeout by default', () => {
    const config = SkillsConfig.load({});
    expect(config.SKILLS_GIT_HOSTS).toEqual([]);
    expect(config.SKILLS_GIT_ALLOW_FILE_URLS).toBe(false);
    expect(config.SKILLS_GIT_TIMEOUT_MS).toBe(30_000);
  });

  it('reads the allowed hosts lower-cased, ports kept', () => {
    expect(
      SkillsConfig.load({ SKILLS_GIT_HOSTS: 'GitHub.com, git.example.org:8443' }).SKILLS_GIT_HOSTS,
    ).toEqual(['github.com', 'git.example.org:8443']);
  });

  it.each(['https://github.com', 'user@github.com', 'github.com/acme', '-github.com'])(
    'refuses %s as a host, naming SKILLS_GIT_HOSTS',
    (host) => {
      const attempt = () => SkillsConfig.load({ SKILLS_GIT_HOSTS: host });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/SKILLS_GIT_HOSTS/);
    },
  );
});
