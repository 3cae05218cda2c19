import {
  type CpuTaskRequest,
  MemoryPatternGetV1,
  MemorySearchV1,
  type PatternView,
} from '@agentbus/contracts';
import { fitMemory } from '@agentbus/agents';
import { ask, type Bus, QueryFailedError } from '@agentbus/messaging';
import { BUS } from '@agentbus/messaging-nest';
import { PINO_LOGGER } from '@agentbus/observability';
import { Inject, Injectable } from '@nestjs/common';
import { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OutageLog } from '../dependencies/outage-log';
import { MemoryLookupStore } from './memory-lookup.store';
import { MEMORY_SEARCH_SETTINGS, type MemorySearchSettings } from './memory-settings';
import { type PromptPattern, type TaskMemory } from './memory-used';
import { STAGE_PATTERN_TYPES } from './stage-pattern-types';

type Hit = Awaited<ReturnType<typeof ask<typeof MemorySearchV1>>>['hits'][number];

// MemorySearchV1 takes at most this much text; the head of the requirements says what they are about.
const MAX_QUERY_CHARS = 20_000;

/** What the task's prompt is about: the text memory searches with. */
export interface MemoryQuery {
  readonly projectName: string;
  readonly requirements: string;
}

type Meta = { readonly source: string; readonly correlationId: string };

const titleOf = (pattern: Hit | PatternView): string => {
  const name = pattern.metadata['name'];
  return typeof name === 'string' && name.length > 0
    ? name
    : `${pattern.type} pattern ${pattern.id}`;
};

const toPrompt = (pattern: Hit | PatternView): PromptPattern => ({
  id: pattern.id,
  title: titleOf(pattern),
  text: pattern.text,
});

/**
 * Asks the memory-service for one task: the project's template by id (`agentbus.rpc.v1.pattern.get`,
 * always first) and the top patterns of the stage's types (`agentbus.rpc.v1.memory.search`), minus
 * those a reviewer excluded, fitted to the memory token budget. Memory that does not answer within
 * the deadline yields no patterns and `unavailable: true`, and the task goes on. The answer is
 * recorded per attempt, so a redelivery builds the same prompt without asking again (the recorded
 * answer is read with the task's inputs: {@link MemoryLookupStore.attemptLookup}).
 */
@Injectable()
export class AgentMemoryClient {
  private readonly lookups: MemoryLookupStore;
  private readonly outage: OutageLog;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(MEMORY_SEARCH_SETTINGS) private readonly settings: MemorySearchSettings,
    dataSource: DataSource,
  ) {
    this.lookups = new MemoryLookupStore(dataSource);
    this.outage = new OutageLog(logger, 'memory-service');
  }

  /** The attempt's memory: `recorded` if it asked before, else memory's answer, recorded now. */
  async forTask(
    message: CpuTaskRequest,
    query: MemoryQuery,
    recorded: TaskMemory | undefined,
  ): Promise<TaskMemory> {
    if (recorded !== undefined) return recorded;
    const task = message.data;
    let found: TaskMemory;
    try {
      found = await this.search(message, query);
      this.outage.answered();
    } catch (error) {
      // An expected condition (memory down or slow): the artifact says so, the log once per outage.
      this.outage.failed(error, { stage: task.stage, projectId: task.projectId });
      found = { patterns: [], used: { patternIds: [], unavailable: true } };
    }
    return this.lookups.record(task, found);
  }

  private async search(message: CpuTaskRequest, query: MemoryQuery): Promise<TaskMemory> {
    const { stage, memory: choices } = message.data;
    const excluded = new Set(choices?.excludePatternIds ?? []);
    const templateId = choices?.templateId;
    const text = `${query.projectName}\n\n${query.requirements}`.slice(0, MAX_QUERY_CHARS);
    const meta: Meta = { source: 'cpu-agent-worker', correlationId: message.correlationId };
    const [similar, template] = await Promise.all([
      ask(
        this.bus,
        MemorySearchV1,
        {
          text,
          types: [...STAGE_PATTERN_TYPES[stage]],
          k: this.settings.topK,
          minScore: 0,
          ...(excluded.size > 0 ? { excludeIds: [...excluded] } : {}),
        },
        meta,
        { timeoutMs: this.settings.timeoutMs },
      ),
      // A reviewer may exclude even the requester's template.
      templateId === undefined || excluded.has(templateId)
        ? undefined
        : this.template(templateId, meta),
    ]);
    const patterns = fitMemory(
      // Memory drops excluded ids itself; checked here too, as a reviewer's exclusion is a promise.
      similar.hits.filter((hit) => hit.id !== templateId && !excluded.has(hit.id)).map(toPrompt),
      this.settings.budgetTokens,
      template === undefined ? undefined : toPrompt(template),
    );
    return { patterns, used: { patternIds: patterns.map((pattern) => pattern.id) } };
  }

  /** The template; gone since the submission checked it: none, and the task runs on without it. */
  private async template(id: string, meta: Meta): Promise<PatternView | undefined> {
    try {
      return await ask(this.bus, MemoryPatternGetV1, { id }, meta, {
        timeoutMs: this.settings.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof QueryFailedError && error.code === 'not-found')) throw error;
      this.logger.warn({ templateId: id }, 'the project template is no longer in memory');
      return undefined;
    }
  }
}
