import { z } from 'zod';

import { type LlmRequest } from '../llm-provider';
import { OfflineProvider } from './offline-provider';

const requirements =
  'A booking service for community sports halls. Members pay online. Waiting lists fill freed slots. An admin dashboard shows utilisation.';

// Shaped like the agents' artifacts: strict objects, bounded prose, bounded lists.
const Plan = z.strictObject({
  summary: z.string().max(2_000),
  milestones: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(100),
        name: z.string().min(1).max(200),
        description: z.string().max(2_000),
        tasks: z.array(z.string().max(500)).max(40),
      }),
    )
    .min(1)
    .max(20),
  priority: z.enum(['high', 'medium', 'low']),
});

const request = (expected: LlmRequest['expected']): LlmRequest => ({
  system: 'You are a planner.',
  messages: [{ role: 'user', content: 'Plan the project.' }],
  maxTokens: 4_000,
  expected,
  seedText: requirements,
});
const jsonRequest = request({ kind: 'json', jsonSchema: z.toJSONSchema(Plan) });
const sections = ['Overview', 'Test Strategy', 'Risks'];
const markdownRequest = request({ kind: 'markdown', sections });
const bytes = (text: string): number => Buffer.byteLength(text);

describe(`${OfflineProvider.name} with artifactBytes`, () => {
  it('answers exactly as before when the option is unset', async () => {
    const plain = await new OfflineProvider().complete(jsonRequest);
    const unset = await new OfflineProvider({ model: 'offline-1' }).complete(jsonRequest);
    expect(unset.text).toBe(plain.text);
  });

  it.each([400, 2_048, 20_000, 100_000])(
    'answers JSON of about %i bytes that still validates against the schema',
    async (target) => {
      const sut = new OfflineProvider({ artifactBytes: target });

      const { text } = await sut.complete(jsonRequest);

      expect(() => Plan.parse(JSON.parse(text))).not.toThrow();
      // What an agent stores: the parsed value with a two-space indent.
      const stored = JSON.stringify(Plan.parse(JSON.parse(text)), null, 2);
      expect(bytes(stored)).toBeGreaterThanOrEqual(target * 0.8);
      expect(bytes(stored)).toBeLessThanOrEqual(target * 1.2);
    },
  );

  it.each([2_048, 50_000])(
    'answers markdown of about %i bytes with every required section',
    async (target) => {
      const sut = new OfflineProvider({ artifactBytes: target });

      const { text } = await sut.complete(markdownRequest);

      expect(bytes(text)).toBeGreaterThanOrEqual(target * 0.8);
      expect(bytes(text)).toBeLessThanOrEqual(target * 1.2);
      expect(text.split('\n').filter((line) => line.startsWith('## '))).toEqual(
        sections.map((section) => `## ${section}`),
      );
    },
  );

  it('stays as near as the schema allows when the target is out of its bounds', async () => {
    const Tiny = z.strictObject({ title: z.string().min(1).max(50) });
    const sut = new OfflineProvider({ artifactBytes: 10_000 });

    const { text } = await sut.complete(
      request({ kind: 'json', jsonSchema: z.toJSONSchema(Tiny) }),
    );

    expect(Tiny.parse(JSON.parse(text)).title.length).toBeLessThanOrEqual(50);
  });

  it('is deterministic for the same request', async () => {
    const sut = new OfflineProvider({ artifactBytes: 5_000 });
    expect((await sut.complete(jsonRequest)).text).toBe((await sut.complete(jsonRequest)).text);
  });
});
