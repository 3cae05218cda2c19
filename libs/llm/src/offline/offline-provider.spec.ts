import { z } from 'zod';

import { LlmAbortedError } from '../llm.errors';
import { type LlmRequest } from '../llm-provider';
import { OfflineProvider } from './offline-provider';

const requirements =
  'A booking system for a dental clinic. Patients book appointments online. Dentists see their daily schedule. Reminders go out by SMS a day before.';

const Architecture = z.strictObject({
  summary: z.string(),
  components: z
    .array(
      z.strictObject({
        name: z.string(),
        responsibility: z.string(),
        tech: z.enum(['node', 'postgres', 'redis']),
      }),
    )
    .min(2)
    .max(6),
});

const jsonRequest: LlmRequest = {
  system: 'You are an architect.',
  messages: [{ role: 'user', content: 'Design the system.' }],
  maxTokens: 2_000,
  expected: { kind: 'json', jsonSchema: z.toJSONSchema(Architecture) },
  seedText: requirements,
};

describe(OfflineProvider.name, () => {
  const sut = new OfflineProvider();

  it('answers JSON that validates against the expected schema and says it was generated offline', async () => {
    const response = await sut.complete(jsonRequest);

    const parsed = Architecture.parse(JSON.parse(response.text));
    expect(parsed.summary).toMatch(/\(generated offline\)$/);
    expect(response.text).toMatch(/dental|appointments|schedule/i);
    expect(response).toMatchObject({
      provider: 'offline',
      model: 'offline-1',
      stopReason: 'end_turn',
      truncated: false,
    });
  });

  it('is deterministic for the same request and differs for different requirements', async () => {
    const first = await sut.complete(jsonRequest);
    expect((await new OfflineProvider().complete(jsonRequest)).text).toBe(first.text);
    const other = await sut.complete({
      ...jsonRequest,
      seedText: 'A chess club website with tournaments.',
    });
    expect(other.text).not.toBe(first.text);
  });

  it('writes every required markdown section after a first line that says it was generated offline', async () => {
    const response = await sut.complete({
      ...jsonRequest,
      expected: { kind: 'markdown', sections: ['Overview', 'Test Strategy', 'Risks'] },
    });

    const lines = response.text.split('\n');
    expect(lines[0]).toMatch(/generated offline/i);
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## Overview',
      '## Test Strategy',
      '## Risks',
    ]);
    expect(response.text).toMatch(/Patients book appointments online\./);
    expect(response.text).toMatch(/^- /m);
  });

  it('answers plain text with the offline notice, from the user messages when there is no seedText', async () => {
    const { seedText: _, ...withoutSeed } = jsonRequest;
    const response = await sut.complete({
      ...withoutSeed,
      messages: [{ role: 'user', content: 'Build an inventory tracker for a small bakery shop.' }],
      expected: { kind: 'text' },
    });
    expect(response.text).toMatch(/^_Generated offline/);
    expect(response.text).toContain('inventory tracker');
  });

  it('estimates usage at four characters a token, marked estimated, and reports progress', async () => {
    const onProgress = jest.fn();
    const response = await sut.complete(jsonRequest, { onProgress });

    expect(response.usage).toEqual({
      inputTokens: Math.ceil('You are an architect.\nDesign the system.'.length / 4),
      outputTokens: Math.ceil(response.text.length / 4),
      estimated: true,
    });
    expect(onProgress).toHaveBeenCalledWith(response.usage.outputTokens);
  });

  it('refuses an already aborted call', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sut.complete(jsonRequest, { signal: controller.signal })).rejects.toBeInstanceOf(
      LlmAbortedError,
    );
  });
});
