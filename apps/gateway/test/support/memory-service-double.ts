import {
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  MemorySearchV1,
  MemoryStatsV1,
  MemoryTemplatesListV1,
} from '@agentbus/contracts';
import { answer, connectBus, QueryFailedError, type QueryResponder } from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';
import { type StopDouble } from './skills-registry-double';

/**
 * A memory-service that answers every query of the gateway's memory routes on its bus (an empty
 * memory; stores refused, deletes of nothing), so suites that drive every route reach each memory
 * route's whole path instead of its 503 for a silent memory-service, and nothing is ever stored.
 */
export async function answerAsEmptyMemory(namespace: string): Promise<StopDouble> {
  const bus = await connectBus({ servers: await natsUrl(), name: 'memory-double', namespace });
  const notFound = (id: string) => new QueryFailedError('not-found', `no pattern has id ${id}`);
  const responders: QueryResponder[] = [
    await answer(bus, MemorySearchV1, async () => ({ hits: [] })),
    await answer(bus, MemoryTemplatesListV1, async () => ({ templates: [] })),
    await answer(bus, MemoryStatsV1, async () => ({
      patterns: 0,
      bySource: {},
      byType: [],
      unindexed: 0,
      retention: { runs: 0, removed: {}, archived: 0, lastRun: null },
    })),
    await answer(bus, MemoryPatternGetV1, async ({ data }) => {
      throw notFound(data.id);
    }),
    await answer(bus, MemoryPatternStoreV1, async ({ data }) => {
      throw new QueryFailedError('not-manual', `${data.id ?? 'the pattern'} is not stored here`);
    }),
    await answer(bus, MemoryPatternDeleteV1, async ({ data }) => {
      throw notFound(data.id);
    }),
  ];
  return async () => {
    for (const responder of responders) await responder.stop();
    await bus.close();
  };
}
