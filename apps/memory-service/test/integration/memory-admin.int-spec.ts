import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  MemorySearchV1,
  MemoryStatsV1,
  MemoryTemplatesListV1,
  type DataOf,
  type QueryDefinition,
  wireSubject,
} from '@agentbus/contracts';
import { ask, QueryFailedError, type QueryResponseOf } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { MemoryIndex } from '../../src/patterns/memory-index';
import { PatternRetention } from '../../src/retention/pattern-retention';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';

const DAY_MS = 86_400_000;

describe('memory admin API on real Postgres, NATS and Chroma', () => {
  let env: MemoryHarness;
  let app: INestApplication;

  beforeAll(async () => {
    env = await startMemoryHarness();
    app = await env.start();
  });

  afterAll(() => env?.stop());

  const query = <Q extends QueryDefinition>(
    definition: Q,
    data: DataOf<Q['request']>,
  ): Promise<QueryResponseOf<Q>> =>
    ask(env.bus, definition, data, { source: 'test', correlationId: randomUUID() });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: unknown) => {
        if (!(error instanceof QueryFailedError)) throw error;
        return { code: error.code, message: error.message, retryable: error.retryable };
      },
    );
  const archivedIds = async () =>
    (
      await env.pg.query<{ id: string; reason: string }>(
        `SELECT id, reason FROM "${env.memorySchema}".pattern_archive ORDER BY id`,
      )
    ).rows;

  it('stores a manual pattern that search finds, updates it in place, and says when nothing changed', async () => {
    const created = await query(MemoryPatternStoreV1, {
      type: 'qa',
      text: 'Penetration checklist for payment webhooks: replay attacks and signature checks.',
      metadata: { topic: 'webhooks' },
      storedBy: 'key:admin',
    });
    expect(created.status).toBe('created');
    const id = created.pattern.id;
    expect(id).toMatch(/^manual-/);
    expect(created.pattern).toMatchObject({
      type: 'qa',
      source: 'manual',
      metadata: { topic: 'webhooks', storedBy: 'key:admin' },
      retrievedCount: 0,
      successScore: 0.5,
      lastUsedAt: null,
    });
    await eventually(async () => {
      const { hits } = await query(MemorySearchV1, {
        text: 'webhook signature replay attacks',
        types: ['qa'],
      });
      expect(hits.map((hit) => hit.id)).toContain(id);
    });

    const same = await query(MemoryPatternStoreV1, {
      id,
      type: 'qa',
      text: created.pattern.text,
      metadata: { topic: 'webhooks' },
      storedBy: 'key:admin',
    });
    expect(same.status).toBe('unchanged');
    const updated = await query(MemoryPatternStoreV1, {
      id,
      type: 'security',
      text: 'Webhook receivers verify HMAC signatures and reject replays older than 5 minutes.',
      storedBy: 'key:admin',
    });
    expect(updated).toMatchObject({ status: 'updated', pattern: { id, type: 'security' } });
    // The search above returned it once (usage is counted after the answer).
    await eventually(async () =>
      expect(await query(MemoryPatternGetV1, { id })).toMatchObject({
        id,
        type: 'security',
        metadata: { storedBy: 'key:admin' },
        retrievedCount: 1,
      }),
    );
    await eventually(async () => {
      const { hits } = await query(MemorySearchV1, {
        text: 'verify HMAC signatures of webhooks',
        types: ['security'],
      });
      expect(hits.map((hit) => hit.id)).toContain(id);
    });
  });

  it('deletes a pattern from Postgres and Chroma after archiving it, and refuses templates and unknown ids', async () => {
    const { pattern } = await query(MemoryPatternStoreV1, {
      id: 'manual-lighthouse-keeping',
      type: 'uiux',
      text: 'Lighthouse keeping rota with tide tables and lamp maintenance logs.',
      storedBy: 'key:admin',
    });
    await eventually(async () => {
      const { hits } = await query(MemorySearchV1, { text: 'lighthouse lamp tide rota', k: 3 });
      expect(hits[0]?.id).toBe(pattern.id);
    });

    const vectorIds = async () => {
      const index = app.get(MemoryIndex);
      const [vector = []] = await index.loadedEmbedder().embed([pattern.text]);
      return (await index.use((chroma) => chroma.query(vector, { k: 10 }))).map((hit) => hit.id);
    };
    expect(await vectorIds()).toContain(pattern.id);

    expect(await query(MemoryPatternDeleteV1, { id: pattern.id, deletedBy: 'key:ops' })).toEqual({
      id: pattern.id,
      archived: true,
    });

    expect(await archivedIds()).toContainEqual({
      id: 'manual-lighthouse-keeping',
      reason: 'deleted by key:ops',
    });
    expect(await refusal(query(MemoryPatternGetV1, { id: pattern.id }))).toMatchObject({
      code: 'not-found',
      retryable: false,
    });
    const rows = (
      await env.pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${env.memorySchema}".patterns WHERE id = $1`,
        [pattern.id],
      )
    ).rows[0];
    expect(rows?.n).toBe(0);
    expect(await vectorIds()).not.toContain(pattern.id);

    expect(
      await refusal(query(MemoryPatternDeleteV1, { id: pattern.id, deletedBy: 'key:ops' })),
    ).toMatchObject({ code: 'not-found' });
    expect(
      await refusal(
        query(MemoryPatternDeleteV1, { id: 'template-web-saas', deletedBy: 'key:ops' }),
      ),
    ).toMatchObject({ code: 'shipped-template', retryable: false });
    expect(await query(MemoryPatternGetV1, { id: 'template-web-saas' })).toMatchObject({
      source: 'template',
    });
  });

  it('answers a malformed store with an error reply naming each bad field', async () => {
    // Sent raw: the asking client would refuse to send it.
    const envelope = {
      ...createEnvelope(
        MemoryPatternStoreV1.request,
        { type: 'qa', text: 'x', storedBy: 'key:admin' },
        { source: 'test', correlationId: randomUUID() },
      ),
      data: { id: 'template-web-saas', type: 'qa', text: '', metadata: { source: 'template' } },
    };
    const reply = await env.bus.nc.request(
      wireSubject(env.bus.namespace, MemoryPatternStoreV1.subject),
      JSON.stringify(envelope),
      { timeout: 5_000 },
    );
    const answer = MemoryPatternStoreV1.reply.parse(JSON.parse(reply.string()));
    if (answer.ok) throw new Error('expected an error reply');
    expect(answer.error).toMatchObject({ code: 'invalid_request', retryable: false });
    for (const field of ['id', 'text', 'source', 'storedBy']) {
      expect(answer.error.message).toContain(field);
    }
    expect(await query(MemoryPatternGetV1, { id: 'template-web-saas' })).toMatchObject({
      source: 'template',
    });
  });

  it('lists the shipped templates with their names', async () => {
    const { templates } = await query(MemoryTemplatesListV1, {});
    expect(templates.map((t) => [t.id, t.name])).toEqual(
      expect.arrayContaining([
        ['template-web-saas', 'Web SaaS application'],
        ['template-mobile-backend', expect.any(String)],
      ]),
    );
    expect(templates).toHaveLength(5);
    expect(templates.every((t) => t.type === 'template' && t.source === 'template')).toBe(true);
  });

  it('counts patterns by type and source, their use, and what retention removed and kept', async () => {
    await query(MemoryPatternStoreV1, {
      id: 'manual-expired',
      type: 'qa',
      text: 'An old note nobody read.',
      storedBy: 'key:admin',
    });
    await env.pg.query(`UPDATE "${env.memorySchema}".patterns SET created_at = $2 WHERE id = $1`, [
      'manual-expired',
      new Date(Date.now() - 400 * DAY_MS),
    ]);
    const before = await query(MemoryStatsV1, {});
    expect(before.retention).toMatchObject({ runs: 0, removed: {}, lastRun: null });
    const expected = (
      await env.pg.query<{ source: string; n: number }>(
        `SELECT source, count(*)::int AS n FROM "${env.memorySchema}".patterns GROUP BY source`,
      )
    ).rows;
    expect(before.bySource).toEqual(Object.fromEntries(expected.map((r) => [r.source, r.n])));
    expect(before.patterns).toBe(expected.reduce((n, r) => n + r.n, 0));
    expect(before.byType.find((t) => t.type === 'template')).toMatchObject({
      patterns: 5,
      meanSuccessScore: 0.5,
    });
    await eventually(async () => {
      const { byType } = await query(MemoryStatsV1, {});
      const security = byType.find((t) => t.type === 'security');
      expect(security).toMatchObject({ patterns: 1, used: 1 });
      expect(security?.retrieved).toBeGreaterThanOrEqual(2);
    });

    const ranAt = new Date();
    await app.get(PatternRetention).runOnce(ranAt);

    const after = await query(MemoryStatsV1, {});
    expect(after.patterns).toBe(before.patterns - 1);
    expect(after.retention).toEqual({
      runs: 1,
      removed: { qa: 1 },
      archived: before.retention.archived + 1,
      lastRun: {
        ranAt: ranAt.toISOString(),
        removed: { qa: 1 },
        kept: Object.fromEntries(after.byType.map((t) => [t.type, t.patterns])),
      },
    });
  });
});
