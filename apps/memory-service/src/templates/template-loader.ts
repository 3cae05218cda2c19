import { AppLogger } from '@agentbus/observability';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PatternRepository } from '../patterns/pattern.repository';
import { SHIPPED_TEMPLATES } from './shipped-templates';

/**
 * Loads the shipped templates into Postgres at every start; unchanged ones are left as they are,
 * changed ones lose their vector. The reindexer embeds them, so start-up does not wait for the
 * embedder to load.
 */
@Injectable()
export class TemplateLoader implements OnApplicationBootstrap {
  constructor(
    private readonly patterns: PatternRepository,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.patterns.upsert(SHIPPED_TEMPLATES);
    this.logger.pino.info(
      { templates: SHIPPED_TEMPLATES.length, changed: changed.length },
      'templates loaded',
    );
  }
}
