import {
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  MemoryStatsV1,
  MemoryTemplatesListV1,
  newMessageId,
  type QueryDefinition,
} from '@agentbus/contracts';
import {
  QueryFailedError,
  type QueryRequestOf,
  type QueryResponseInputOf,
} from '@agentbus/messaging';
import { OnQuery } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { PatternRepository } from '../patterns/pattern.repository';
import { PatternsService } from '../patterns/patterns.service';
import { answering } from './answering.util';
import { MemoryStatsReader } from './memory-stats.reader';
import { PatternArchiveRepository } from './pattern-archive.repository';
import { toPatternView } from './pattern-view.util';

type Response<Q extends QueryDefinition> = Promise<QueryResponseInputOf<Q>>;

const notFound = (id: string) => new QueryFailedError('not-found', `no pattern has id ${id}`);

/** memory-service's admin API over request/reply, for the gateway (queue group: replicas share it). */
@Injectable()
export class MemoryAdminResponder {
  constructor(
    private readonly patterns: PatternsService,
    private readonly repository: PatternRepository,
    private readonly archive: PatternArchiveRepository,
    private readonly stats: MemoryStatsReader,
  ) {}

  @OnQuery(MemoryPatternGetV1)
  get(request: QueryRequestOf<typeof MemoryPatternGetV1>): Response<typeof MemoryPatternGetV1> {
    return answering(async () => {
      const pattern = await this.patterns.get(request.data.id);
      if (!pattern) throw notFound(request.data.id);
      return toPatternView(pattern);
    });
  }

  /** Postgres first (the record), then the vector; a vector not written now is the reindexer's. */
  @OnQuery(MemoryPatternStoreV1)
  store(
    request: QueryRequestOf<typeof MemoryPatternStoreV1>,
  ): Response<typeof MemoryPatternStoreV1> {
    const { type, text, metadata, storedBy } = request.data;
    const id = request.data.id ?? `manual-${newMessageId()}`;
    return answering(async () => {
      const before = await this.patterns.get(id);
      if (before && before.source !== 'manual') {
        throw new QueryFailedError('not-manual', `${id} is a ${before.source} pattern`);
      }
      const changed = await this.patterns.store([
        { id, type, source: 'manual', text, metadata: { ...metadata, storedBy } },
      ]);
      const after = await this.patterns.get(id);
      if (!after) throw notFound(id); // deleted between the two statements
      const status = !before ? 'created' : changed.includes(id) ? 'updated' : 'unchanged';
      return { status, pattern: toPatternView(after) };
    });
  }

  @OnQuery(MemoryPatternDeleteV1)
  delete(
    request: QueryRequestOf<typeof MemoryPatternDeleteV1>,
  ): Response<typeof MemoryPatternDeleteV1> {
    const { id, deletedBy } = request.data;
    return answering(async () => {
      const pattern = await this.patterns.get(id);
      if (pattern?.source === 'template') {
        throw new QueryFailedError(
          'shipped-template',
          `${id} is a shipped template: it is loaded again at every start, so it is not deleted`,
        );
      }
      if (!pattern || !(await this.archive.archiveAndDelete(id, `deleted by ${deletedBy}`))) {
        throw notFound(id);
      }
      await this.patterns.dropVectors([id]);
      return { id, archived: true as const };
    });
  }

  @OnQuery(MemoryTemplatesListV1)
  templates(): Response<typeof MemoryTemplatesListV1> {
    return answering(async () => ({
      templates: (await this.repository.templates()).map((template) => ({
        ...toPatternView(template),
        name:
          typeof template.metadata['name'] === 'string' ? template.metadata['name'] : template.id,
      })),
    }));
  }

  @OnQuery(MemoryStatsV1)
  readStats(): Response<typeof MemoryStatsV1> {
    return answering(() => this.stats.read());
  }
}
