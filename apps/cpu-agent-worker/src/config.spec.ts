import { MEMORY_BUDGET_TOKENS, SKILLS_BUDGET_TOKENS } from '@agentbus/agents';
import { ConfigError } from '@agentbus/config';
import { CpuWorkerConfig } from './config';

describe('CpuWorkerConfig', () => {
  it('leaves offline answers at their natural size unless LLM_OFFLINE_ARTIFACT_BYTES is set', () => {
    expect(CpuWorkerConfig.load({}).LLM_OFFLINE_ARTIFACT_BYTES).toBeUndefined();
    expect(
      CpuWorkerConfig.load({ LLM_OFFLINE_ARTIFACT_BYTES: '2048' }).LLM_OFFLINE_ARTIFACT_BYTES,
    ).toBe(2048);
  });

  it.each(['2k', '12.5', '0', '99999999999'])('refuses LLM_OFFLINE_ARTIFACT_BYTES=%s', (value) => {
    const attempt = () => CpuWorkerConfig.load({ LLM_OFFLINE_ARTIFACT_BYTES: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/LLM_OFFLINE_ARTIFACT_BYTES/);
  });

  it("budgets a prompt's memory and skills as the agents do unless configured", () => {
    const config = CpuWorkerConfig.load({});
    expect(config.WORKER_MEMORY_BUDGET_TOKENS).toBe(MEMORY_BUDGET_TOKENS);
    expect(config.WORKER_SKILLS_BUDGET_TOKENS).toBe(SKILLS_BUDGET_TOKENS);
  });
});
