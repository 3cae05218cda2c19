import { randomUUID } from 'node:crypto';
import { MemoryPatternStoreV1, MemorySearchV1, type DataOf } from '@agentbus/contracts';
import { ask } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';
import { CLOSER_OTHERS, FLEET_QA_TEXT, FLEET_REQUEST } from '../support/fleet-patterns';

// Project-level pooling on the real search path (Chroma's nearest neighbours, then the siblings
// of the best projects read back from Chroma): a project's QA plan that shares almost no word with
// the request is found beside the project's PRD and architecture, ahead of closer patterns of
// unrelated projects. Hashed embedder: similarities of these texts to the request are in comments.
describe('memory.search pools hits by source project on real Postgres, NATS and Chroma', () => {
  let env: MemoryHarness;
  const suite = `pooling-${randomUUID()}`;
  const request = FLEET_REQUEST;
  const fleet: ReadonlyArray<readonly [string, 'prd' | 'architecture' | 'qa', string]> = [
    ['manual-fleet-prd', 'prd', 'Track delivery vans by GPS on a live map.'], // 0.76
    ['manual-fleet-arch', 'architecture', 'GPS trackers in delivery vans report positions.'], // 0.55
    ['manual-fleet-qa', 'qa', FLEET_QA_TEXT], // 0.02
  ];
  // Each from a project of its own, each closer to the request than the QA plan (0.20-0.35).
  const others = CLOSER_OTHERS;
  const search = (data: Omit<DataOf<typeof MemorySearchV1.request>, 'text' | 'where'>) =>
    ask(
      env.bus,
      MemorySearchV1,
      { text: request, where: { suite }, ...data },
      { source: 'test', correlationId: randomUUID() },
    );

  beforeAll(async () => {
    env = await startMemoryHarness();
    await env.start();
    const store = (
      id: string,
      type: 'prd' | 'architecture' | 'qa',
      text: string,
      projectId: string,
    ) =>
      ask(
        env.bus,
        MemoryPatternStoreV1,
        { id, type, text, metadata: { suite, projectId }, storedBy: 'test' },
        { source: 'test', correlationId: randomUUID() },
      );
    for (const [id, type, text] of fleet) await store(id, type, text, 'project-fleet');
    for (const [i, text] of others.entries()) {
      await store(`manual-other-${i}`, 'prd', text, `project-other-${i}`);
    }
  }, 120_000);

  afterAll(() => env?.stop());

  it('ranks the best project’s wordless sibling above closer patterns of other projects', async () => {
    await eventually(async () => {
      const { hits } = await search({ k: 5 });
      expect(hits.slice(0, 3).map((hit) => hit.id)).toEqual(fleet.map(([id]) => id));
      const qa = hits[2]?.similarity ?? 1;
      // Without pooling it would rank last: every other project is closer to the request.
      for (const other of hits.slice(3)) expect(qa).toBeLessThan(other.similarity ?? 0);
    });
  });

  it('reads the sibling back when the nearest-neighbour cut-off leaves it out', async () => {
    // k 3 asks Chroma for 9 of the 11 patterns: the QA plan, the farthest, is not among them.
    const { hits } = await search({ k: 3 });
    expect(hits.map((hit) => hit.id)).toEqual(fleet.map(([id]) => id));
  });

  it('leaves out siblings below minScore similarity, pooled or not', async () => {
    const { hits } = await search({ k: 3, minScore: 0.1 });
    expect(hits.map((hit) => hit.id)).not.toContain('manual-fleet-qa');
    expect(hits.every((hit) => (hit.similarity ?? 0) >= 0.1)).toBe(true);
  });
});
