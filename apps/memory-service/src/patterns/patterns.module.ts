import { type DynamicModule, Module } from '@nestjs/common';
import { MemoryAdminResponder } from '../api/memory-admin.responder';
import { MemoryStatsReader } from '../api/memory-stats.reader';
import { PatternArchiveRepository } from '../api/pattern-archive.repository';
import { type MemoryConfig } from '../config';
import { ProjectCompletedHandler } from '../learning/project-completed.handler';
import { ProjectDeletionRequestedHandler } from '../learning/project-deletion-requested.handler';
import { ProjectFailedHandler } from '../learning/project-failed.handler';
import { ProjectSourcesReader } from '../learning/project-sources.reader';
import { PatternRetention } from '../retention/pattern-retention';
import { MemorySearchResponder } from '../search/memory-search.responder';
import { TemplateLoader } from '../templates/template-loader';
import { MemoryIndex } from './memory-index';
import { MEMORY_SETTINGS, memorySettingsOf } from './memory.settings';
import { PatternMirrorFeed } from './pattern-mirror.feed';
import { PatternReindexer } from './pattern-reindexer';
import { PatternRepository } from './pattern.repository';
import { PatternUsageCounter } from './pattern-usage.counter';
import { PatternsService } from './patterns.service';

/** Patterns (Postgres + Chroma), their search and admin responders, the learning loop and retention. */
@Module({})
export class PatternsModule {
  static register(config: MemoryConfig): DynamicModule {
    return {
      module: PatternsModule,
      providers: [
        { provide: MEMORY_SETTINGS, useValue: memorySettingsOf(config) },
        MemoryIndex,
        PatternRepository,
        PatternUsageCounter,
        PatternMirrorFeed,
        PatternsService,
        PatternReindexer,
        TemplateLoader,
        MemorySearchResponder,
        MemoryAdminResponder,
        MemoryStatsReader,
        PatternArchiveRepository,
        ProjectSourcesReader,
        ProjectCompletedHandler,
        ProjectFailedHandler,
        ProjectDeletionRequestedHandler,
        PatternRetention,
      ],
      exports: [
        PatternsService,
        PatternRepository,
        PatternReindexer,
        PatternRetention,
        MemoryIndex,
        PatternMirrorFeed,
      ],
    };
  }
}
