import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentId, type AgentId as AgentIdType } from '@agentbus/contracts';
import { PINO_LOGGER } from '@agentbus/observability';
import { withOutbox } from '@agentbus/persistence';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { z } from 'zod';
import { readFolder } from '../bundle/read-folder';
import { SkillCatalogService } from '../catalog/skill-catalog.service';
import { AllowlistStore } from '../permissions/allowlist.store';
import { REGISTRY_SETTINGS, type RegistrySettings } from '../registry-settings';

const DefaultAllowlist = z.strictObject({
  agents: z.partialRecord(AgentId, z.array(z.string())),
});

const SHIPPED_BY = 'skills-registry (shipped)';

/**
 * Installs the skills that ship with the product at start, idempotently: an unchanged skill is a
 * no-op, a new version installs beside the old. The default allowlist grants a shipped skill only
 * when its first version is installed, so an operator's later changes survive restarts.
 */
@Injectable()
export class ShippedSkillsInstaller implements OnApplicationBootstrap {
  constructor(
    private readonly catalog: SkillCatalogService,
    private readonly db: DataSource,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.shippedDir !== undefined) await this.install(this.settings.shippedDir);
  }

  /** Installs every skill folder under `dir` and applies `dir/default-allowlist.yaml`. */
  async install(dir: string): Promise<void> {
    const defaults = DefaultAllowlist.parse(
      parse(await readFile(join(dir, 'default-allowlist.yaml'), 'utf8')),
    ).agents;
    const folders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory());
    for (const folder of folders.map((entry) => entry.name).sort()) {
      const bundle = await readFolder(join(dir, folder), this.settings.limits);
      const result = await this.catalog.install(bundle, `shipped:${folder}`, SHIPPED_BY);
      this.logger.info(
        { skill: result.name, version: result.version },
        `shipped skill ${result.status}`,
      );
      if (!result.firstVersion || result.status !== 'installed') continue;
      const agents = (Object.keys(defaults) as AgentIdType[]).filter((agent) =>
        defaults[agent]?.includes(result.name),
      );
      await withOutbox(this.db, (tx, outbox) =>
        new AllowlistStore(tx).allowForAgents(result.name, agents, SHIPPED_BY, outbox),
      );
    }
  }
}
