import { randomUUID } from 'node:crypto';
import { LlmUsageV1, LlmUsageV2 } from '@agentbus/contracts';
import { type LlmResponse } from '@agentbus/llm';
import { LlmCallStore } from '../../src/llm-calls/llm-call.store';
import { useOwnerSchemas } from '../support/owner-schemas';

const aResponse = (usage: LlmResponse['usage']): LlmResponse => ({
  text: '{}',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  usage,
  stopReason: 'end_turn',
});

const PROMPT = { system: 'You are qa.', messages: [{ role: 'user', content: 'Review it.' }] };

// The views other services read LLM usage through (ADR 0005), on the worker's migrated schema.
describe('llm_usage views', () => {
  const db = useOwnerSchemas([]);

  const record = (projectId: string, step: number, usage: LlmResponse['usage'], costUsd: number) =>
    new LlmCallStore(db.worker).record(
      { projectId, stage: 'qa', attempt: 1, step },
      'qa',
      { response: aResponse(usage), costUsd },
      120,
      PROMPT,
    );

  const rowsOf = async (view: string, projectId: string) =>
    (await db.worker.query(`SELECT * FROM ${view} WHERE project_id = $1 ORDER BY step`, [
      projectId,
    ])) as Record<string, unknown>[];

  it('publishes each call with its cache reads and writes in v2, and v1 unchanged', async () => {
    const projectId = randomUUID();
    await record(
      projectId,
      1,
      { inputTokens: 800, outputTokens: 300, cacheReadTokens: 5_000 },
      0.01,
    );
    await record(
      projectId,
      2,
      { inputTokens: 200, outputTokens: 40, cacheWriteTokens: 1_200 },
      0.02,
    );
    await record(projectId, 3, { inputTokens: 50, outputTokens: 10 }, 0.001);

    const v2 = (await rowsOf(LlmUsageV2.view, projectId)).map((row) => LlmUsageV2.row.parse(row));
    expect(
      v2.map(({ step, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens }) => ({
        step,
        input_tokens,
        cache_read_tokens,
        cache_write_tokens,
        output_tokens,
      })),
    ).toEqual([
      {
        step: 1,
        input_tokens: 800,
        cache_read_tokens: 5_000,
        cache_write_tokens: 0,
        output_tokens: 300,
      },
      {
        step: 2,
        input_tokens: 200,
        cache_read_tokens: 0,
        cache_write_tokens: 1_200,
        output_tokens: 40,
      },
      { step: 3, input_tokens: 50, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 10 },
    ]);
    expect(v2.map((row) => row.cost_usd)).toEqual([0.01, 0.02, 0.001]);
    expect(v2[0]).toMatchObject({ stage: 'qa', agent: 'qa', model: 'claude-sonnet-4-5' });

    const v1 = await rowsOf(LlmUsageV1.view, projectId);
    expect(Object.keys(v1[0] ?? {}).sort()).toEqual([...LlmUsageV1.columns].sort());
    expect(v1.map((row) => LlmUsageV1.row.parse(row).input_tokens)).toEqual([800, 200, 50]);
  });

  it('lets the reader role select v2 and nothing behind it', async () => {
    const grants = (await db.worker.query(
      `SELECT table_name, privilege_type FROM information_schema.role_table_grants
       WHERE grantee = 'agentbus_reader' AND table_schema = current_schema()
         AND table_name IN ($1, 'llm_calls')`,
      [LlmUsageV2.view],
    )) as { table_name: string; privilege_type: string }[];
    expect(grants).toEqual([{ table_name: LlmUsageV2.view, privilege_type: 'SELECT' }]);
  });
});
