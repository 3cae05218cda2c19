import { eventually } from '@agentbus/testing';
import { MemoryIndex } from '../../src/patterns/memory-index';
import { type NewPattern } from '../../src/patterns/pattern';
import { PatternReindexer } from '../../src/patterns/pattern-reindexer';
import { PatternRepository } from '../../src/patterns/pattern.repository';
import { PatternsService, type PatternSearch } from '../../src/patterns/patterns.service';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';
import { CLOSER_OTHERS, FLEET_QA_TEXT, FLEET_REQUEST } from '../support/fleet-patterns';

// A search lists its best projects' patterns once and reuses the listing (no Postgres round trip)
// for MEMORY_SIBLING_MEMBERS_TTL_MS. The service's own write shows in its next search; another
// replica's (written here to the record as a replica writes it, beside this process's caches)
// within the TTL; a pattern deleted by either is never a hit, listed or not. The searches have no
// metadata filter (a `where` always asks Postgres), so the listing is what answers them. The copy
// of every pattern in memory is off here, as when the record outgrows it (search-mirror.int-spec).
describe('memory.search reuses project listings until a write or their TTL', () => {
  let env: MemoryHarness;
  let service: PatternsService;
  let record: PatternRepository;
  let index: MemoryIndex;
  const ttlMs = 1_500;
  const project = 'project-fleet';
  const pattern = (id: string, type: NewPattern['type'], text: string, group: string) => ({
    id,
    type,
    text,
    source: 'manual' as const,
    metadata: { projectId: group },
  });
  // Share no word with the request: only the listing of the fleet project finds them.
  const security = pattern('fleet-sec', 'security', 'Threat model: spoofed beacons.', project);
  const docs = pattern('fleet-docs', 'documentation', 'Handbook for dispatchers.', project);
  const wordless = ['fleet-qa', security.id, docs.id];
  // Whether `id` is among the top 3 (after the fleet PRD and architecture, which lift it);
  // Chroma's candidates (3 per hit and excluded id) are all closer fillers and those two.
  const finds = async (id: string) => {
    const excludeIds = wordless.filter((other) => other !== id);
    const query: PatternSearch = { text: FLEET_REQUEST, k: 3, minScore: 0, excludeIds };
    return (await service.search(query)).some((hit) => hit.pattern.id === id);
  };
  /** Another replica's store: the row and its vector in Postgres (Chroma is not read for it). */
  const storedElsewhere = async (written: NewPattern) => {
    const embedder = await index.embedder();
    await record.upsert([written]);
    await record.markIndexed([written], embedder.name, await embedder.embed([written.text]));
  };

  beforeAll(async () => {
    env = await startMemoryHarness();
    const app = await env.start({
      MEMORY_SIBLING_MEMBERS_TTL_MS: String(ttlMs),
      MEMORY_SIBLING_MIRROR_MAX_PATTERNS: '0',
      // One reindex pass, at start: a later one would find Chroma short of the rows written
      // elsewhere here, refill it, and so forget the listings before their TTL.
      MEMORY_REINDEX_INTERVAL_MS: '3600000',
    });
    [service, record, index] = [
      app.get(PatternsService),
      app.get(PatternRepository),
      app.get(MemoryIndex),
    ];
    await service.store([
      pattern('fleet-prd', 'prd', 'Track delivery vans by GPS on a live map.', project),
      pattern(
        'fleet-arch',
        'architecture',
        'GPS trackers in delivery vans report positions.',
        project,
      ),
      pattern('fleet-qa', 'qa', FLEET_QA_TEXT, project),
      // Three fillers per closer text, each project its own.
      ...[0, 1, 2].flatMap((n) =>
        CLOSER_OTHERS.map((text, i) =>
          pattern(`other-${n}-${i}`, 'prd', `${text} ${n}`, `project-other-${n}-${i}`),
        ),
      ),
    ]);
    await eventually(async () => expect(await finds('fleet-qa')).toBe(true));
    await app.get(PatternReindexer).settled(); // the start's pass: it writes, and so forgets
  }, 120_000);

  afterAll(() => env?.stop());

  it('pools a pattern it stores into a listed project at its next search', async () => {
    expect(await finds(security.id)).toBe(false); // the fleet project is listed now

    await service.store([security]);

    expect(await finds(security.id)).toBe(true);
  });

  it("pools another replica's new pattern once the listing is TTL old", async () => {
    service.membershipChanged();
    const listedAt = Date.now();
    expect(await finds(docs.id)).toBe(false); // listed from now

    await storedElsewhere(docs);

    if (Date.now() - listedAt < ttlMs - 300) expect(await finds(docs.id)).toBe(false);
    await eventually(async () => expect(await finds(docs.id)).toBe(true), {
      timeoutMs: ttlMs * 4,
    });
  });

  it('never answers a pattern deleted elsewhere, though its project is listed', async () => {
    expect(await finds('fleet-qa')).toBe(true);

    await record.delete(['fleet-qa']); // the vector stays in Chroma and in this process's cache

    expect(await finds('fleet-qa')).toBe(false);
  });
});
