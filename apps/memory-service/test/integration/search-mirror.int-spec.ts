import { eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MemoryIndex } from '../../src/patterns/memory-index';
import { type NewPattern } from '../../src/patterns/pattern';
import { PatternMirrorFeed } from '../../src/patterns/pattern-mirror.feed';
import { PatternReindexer } from '../../src/patterns/pattern-reindexer';
import { PatternRepository } from '../../src/patterns/pattern.repository';
import { PatternsService, type PatternSearch } from '../../src/patterns/patterns.service';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';
import { CLOSER_OTHERS, FLEET_QA_TEXT, FLEET_REQUEST } from '../support/fleet-patterns';

// Each replica copies every indexed pattern into memory and scores a search's siblings there; the
// record's trigger tells every replica which pattern a commit changed. Project listings are kept
// for an hour here, so only the copy can show another replica's change within moments.
describe('memory.search scores siblings from a copy every replica keeps current', () => {
  let env: MemoryHarness;
  let app: INestApplication;
  let service: PatternsService;
  let feed: PatternMirrorFeed;
  const project = 'project-fleet';
  const settings = {
    MEMORY_SIBLING_MEMBERS_TTL_MS: '3600000',
    MEMORY_REINDEX_INTERVAL_MS: '3600000', // one pass, at start
  };
  const pattern = (id: string, type: NewPattern['type'], text: string, group = project) => ({
    id,
    type,
    text,
    source: 'manual' as const,
    metadata: { projectId: group },
  });
  // Share no word with the request: only their project's siblings bring them in.
  const security = pattern('fleet-sec', 'security', 'Threat model: spoofed beacons.');
  const docs = pattern('fleet-docs', 'documentation', 'Handbook for dispatchers.');
  const support = pattern('fleet-support', 'development', 'Runbook when a courier app freezes.');
  const wordless = ['fleet-qa', security.id, docs.id, support.id];
  // Whether `id` is among the top 3 of `via`'s search (after the fleet PRD and architecture).
  const finds = async (id: string, via = service) => {
    const excludeIds = wordless.filter((other) => other !== id);
    const query: PatternSearch = { text: FLEET_REQUEST, k: 3, minScore: 0, excludeIds };
    return (await via.search(query)).some((hit) => hit.pattern.id === id);
  };
  const mirrored = (id: string) =>
    (feed.mirror?.membersOf([project], undefined, 200) ?? []).some((member) => member.id === id);
  const startReplica = async (env2: Record<string, string> = {}) => {
    const replica = await env.start({ ...settings, ...env2 });
    await replica.get(PatternReindexer).settled();
    return replica;
  };

  beforeAll(async () => {
    env = await startMemoryHarness();
    app = await env.start(settings);
    [service, feed] = [app.get(PatternsService), app.get(PatternMirrorFeed)];
    await service.store([
      pattern('fleet-prd', 'prd', 'Track delivery vans by GPS on a live map.'),
      pattern('fleet-arch', 'architecture', 'GPS trackers in delivery vans report positions.'),
      pattern('fleet-qa', 'qa', FLEET_QA_TEXT),
      ...[0, 1, 2].flatMap((n) =>
        CLOSER_OTHERS.map((text, i) =>
          pattern(`other-${n}-${i}`, 'prd', `${text} ${n}`, `project-other-${n}-${i}`),
        ),
      ),
    ]);
    await app.get(PatternReindexer).settled();
    await eventually(() => expect(feed.mirror?.state).toBe('ready'));
  }, 120_000);

  afterAll(() => env?.stop());

  it('holds every indexed pattern and pools from it, its own store at once', async () => {
    const [{ indexed }] = (
      await env.pg.query(
        `SELECT count(*)::int AS indexed FROM "${env.memorySchema}".patterns
        WHERE indexed_embedder IS NOT NULL`,
      )
    ).rows as [{ indexed: number }];
    expect(indexed).toBeGreaterThanOrEqual(27); // the fleet, the others, and the templates
    expect(feed.mirror?.size).toBe(indexed);
    const metrics = await app.get(Registry).metrics();
    expect(metrics).toMatch(new RegExp(`agent_bus_memory_copy_patterns\\{[^}]*\\} ${indexed}\\n`));
    expect(metrics).toMatch(/agent_bus_memory_copy_state\{state="ready"[^}]*\} 1\n/);
    expect(await finds('fleet-qa')).toBe(true);

    await service.store([security]);

    expect(mirrored(security.id)).toBe(true);
    expect(await finds(security.id)).toBe(true);
  });

  it("pools another replica's new pattern within moments, and forgets one it deletes", async () => {
    const other = await startReplica();
    expect(await finds(docs.id)).toBe(false);

    await other.get(PatternsService).store([docs]);
    await eventually(async () => expect(await finds(docs.id)).toBe(true), { timeoutMs: 3_000 });

    await other.get(PatternsService).delete([docs.id]);
    await eventually(() => expect(mirrored(docs.id)).toBe(false), { timeoutMs: 3_000 });
    expect(await finds(docs.id)).toBe(false);
    await env.stopApp(other);
  });

  it('reads the record again after its LISTEN connection drops, with what changed meanwhile', async () => {
    const record = app.get(PatternRepository);
    await env.pg.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name LIKE '%-memory-mirror' AND query = $1`,
      [`LISTEN "${env.memorySchema}_patterns"`],
    );
    await eventually(() => expect(feed.mirror?.state).toBe('stale'), { intervalMs: 5 });

    // Written to the record while nobody listens: no notification will ever name it.
    const embedder = await app.get(MemoryIndex).embedder();
    await record.upsert([support]);
    await record.markIndexed([support], embedder.name, await embedder.embed([support.text]));
    expect(await finds('fleet-qa')).toBe(true); // meanwhile from Postgres

    await eventually(() => expect(feed.mirror?.state).toBe('ready'), { timeoutMs: 10_000 });
    expect(mirrored(support.id)).toBe(true);
  });

  it('reads siblings from Postgres when the record outgrows the copy', async () => {
    const small = await startReplica({ MEMORY_SIBLING_MIRROR_MAX_PATTERNS: '5' });
    const smallFeed = small.get(PatternMirrorFeed);

    await eventually(() => expect(smallFeed.mirror?.state).toBe('over-capacity'));
    expect(smallFeed.mirror?.size).toBe(0);
    expect(await finds('fleet-qa', small.get(PatternsService))).toBe(true);
    await env.stopApp(small);
  });
});
