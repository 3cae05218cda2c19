import { ConfigError } from '@agentbus/config';
import { CpuWorkerConfig } from '../config';
import { skillsSettingsOf } from './skills-settings';

describe(skillsSettingsOf.name, () => {
  it('defaults to a 2,000-token budget, a 2 s resolve timeout and a one-minute cache', () => {
    expect(skillsSettingsOf(CpuWorkerConfig.load({}))).toEqual({
      budgetTokens: 2_000,
      resolveTimeoutMs: 2_000,
      cacheTtlMs: 60_000,
    });
  });

  it('reads each setting from the environment', () => {
    const config = CpuWorkerConfig.load({
      WORKER_SKILLS_BUDGET_TOKENS: '500',
      WORKER_SKILLS_RESOLVE_TIMEOUT_MS: '750',
      WORKER_SKILLS_CACHE_TTL_MS: '0',
    });
    expect(skillsSettingsOf(config)).toEqual({
      budgetTokens: 500,
      resolveTimeoutMs: 750,
      cacheTtlMs: 0,
    });
  });

  it.each([
    ['WORKER_SKILLS_BUDGET_TOKENS', '-1'],
    ['WORKER_SKILLS_RESOLVE_TIMEOUT_MS', '10'],
    ['WORKER_SKILLS_CACHE_TTL_MS', '1m'],
  ])('refuses %s=%s naming it', (key, value) => {
    const attempt = () => CpuWorkerConfig.load({ [key]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(key));
  });
});
