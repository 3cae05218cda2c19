import { randomUUID } from 'node:crypto';
import {
  MemoryPatternDeleteV1,
  MemoryPatternStoreV1,
  MemorySearchV1,
  type DataOf,
} from '@agentbus/contracts';
import { createEmbedder } from '@agentbus/memory';
import { ask } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';
import { CLOSER_OTHERS, FLEET_QA_TEXT, FLEET_REQUEST } from '../support/fleet-patterns';

// The siblings of a search's best project come from Postgres's rows of that project, scored with
// vectors the process caches by content hash (Chroma asked by id on a miss): what the cache holds
// must never bring back a deleted pattern, an old text's vector, a filtered-out type or an
// excluded id, and a restarted process (empty cache) answers the same.
describe('memory.search reads siblings from Postgres with cached vectors', () => {
  let env: MemoryHarness;
  let app: INestApplication;
  const suite = `siblings-${randomUUID()}`;
  const request = FLEET_REQUEST;
  const project = 'project-fleet';
  // The QA plan shares no word with the request: at k 3 Chroma is asked for 9 of the 11 patterns,
  // and the QA plan is not among them, so only the sibling read finds it.
  const qaText = FLEET_QA_TEXT;
  const others = CLOSER_OTHERS;
  const store = (id: string, type: 'prd' | 'architecture' | 'qa', text: string, group: string) =>
    ask(
      env.bus,
      MemoryPatternStoreV1,
      { id, type, text, metadata: { suite, projectId: group }, storedBy: 'test' },
      { source: 'test', correlationId: randomUUID() },
    );
  const search = async (data: Partial<DataOf<typeof MemorySearchV1.request>> = {}) =>
    (
      await ask(
        env.bus,
        MemorySearchV1,
        { text: request, where: { suite }, k: 3, ...data },
        { source: 'test', correlationId: randomUUID() },
      )
    ).hits;

  beforeAll(async () => {
    env = await startMemoryHarness();
    app = await env.start();
    await store('manual-fleet-prd', 'prd', 'Track delivery vans by GPS on a live map.', project);
    await store(
      'manual-fleet-arch',
      'architecture',
      'GPS trackers in delivery vans report positions.',
      project,
    );
    await store('manual-fleet-qa', 'qa', qaText, project);
    for (const [i, text] of others.entries()) {
      await store(`manual-other-${i}`, 'prd', text, `project-other-${i}`);
    }
    await eventually(async () =>
      expect((await search()).map((hit) => hit.id)).toContain('manual-fleet-qa'),
    );
  }, 120_000);

  afterAll(() => env?.stop());

  it('keeps each indexed pattern’s vector beside its row, as the embedder wrote it', async () => {
    const hashed = await createEmbedder({ kind: 'hashed' });
    const [expected = []] = await hashed.embed([qaText]);
    const { rows } = await env.pg.query<{ vector: Buffer }>(
      `SELECT vector FROM "${env.memorySchema}".patterns WHERE id = 'manual-fleet-qa'`,
    );
    const stored = rows[0]?.vector ?? Buffer.alloc(0);
    const floats = new Float32Array(new Uint8Array(stored).buffer);

    expect(floats).toHaveLength(hashed.dimension);
    floats.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? 0, 6));
  });

  it('keeps filtered-out types and excluded ids out of the siblings', async () => {
    const typed = await search({ types: ['prd', 'architecture'] });
    const excluded = await search({ excludeIds: ['manual-fleet-qa'] });

    expect(typed.map((hit) => hit.id)).not.toContain('manual-fleet-qa');
    expect(excluded.map((hit) => hit.id)).not.toContain('manual-fleet-qa');
  });

  it('scores an updated sibling by its new text, not the cached vector of the old one', async () => {
    const newText = 'Checklist: battery drain, clock skew.'; // as far from the request
    await store('manual-fleet-qa', 'qa', newText, project);
    const hashed = await createEmbedder({ kind: 'hashed' });
    const [query = [], updated = []] = await hashed.embed([request, newText]);
    const expected = query.reduce((sum, value, i) => sum + value * (updated[i] ?? 0), 0);

    await eventually(async () => {
      const qa = (await search()).find((hit) => hit.id === 'manual-fleet-qa');
      expect(qa?.similarity).toBeCloseTo(expected, 4);
    });
  });

  it('answers the same siblings after a restart, its cache empty', async () => {
    const before = (await search()).map((hit) => hit.id);
    await env.stopApp(app);
    app = await env.start();

    await eventually(async () => expect((await search()).map((hit) => hit.id)).toEqual(before));
    expect(before).toContain('manual-fleet-qa');
  });

  it('never returns a sibling deleted in Postgres, though its vector is cached and in Chroma', async () => {
    // Another replica's delete: this process's cache and Chroma still hold the vector.
    await env.pg.query(`DELETE FROM "${env.memorySchema}".patterns WHERE id = 'manual-fleet-qa'`);

    expect((await search()).map((hit) => hit.id)).not.toContain('manual-fleet-qa');
  });

  it('drops a sibling deleted through the API at once', async () => {
    await ask(
      env.bus,
      MemoryPatternDeleteV1,
      { id: 'manual-fleet-arch', deletedBy: 'test' },
      { source: 'test', correlationId: randomUUID() },
    );

    expect((await search()).map((hit) => hit.id)).not.toContain('manual-fleet-arch');
  });
});
