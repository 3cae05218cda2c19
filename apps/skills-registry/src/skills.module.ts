import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { SkillsAdminResponder } from './admin/skills-admin.responder';
import { SkillCatalogReader } from './catalog/skill-catalog.reader';
import { SkillCatalogService } from './catalog/skill-catalog.service';
import { type SkillsConfig } from './config';
import { PermissionsService } from './permissions/permissions.service';
import { REGISTRY_SETTINGS, type RegistrySettings } from './registry-settings';
import { SkillsResolveResponder } from './resolve/skills-resolve.responder';
import { ShippedSkillsInstaller } from './shipped/shipped-skills.installer';

/** The registry's features: catalog, permissions, the resolve responder and the shipped skills. */
@Module({})
export class SkillsModule {
  static register(config: SkillsConfig, shippedDir = join(__dirname, 'skills')): DynamicModule {
    const settings: RegistrySettings = {
      limits: {
        maxArchiveBytes: config.SKILLS_MAX_ARCHIVE_BYTES,
        maxTotalBytes: config.SKILLS_MAX_TOTAL_BYTES,
        maxFiles: config.SKILLS_MAX_FILES,
        maxFileBytes: config.SKILLS_MAX_FILE_BYTES,
      },
      newSkillAgents: config.SKILLS_NEW_SKILL_AGENTS,
      shippedDir: config.SKILLS_INSTALL_SHIPPED ? shippedDir : undefined,
    };
    return {
      module: SkillsModule,
      providers: [
        { provide: REGISTRY_SETTINGS, useValue: settings },
        SkillCatalogService,
        SkillCatalogReader,
        PermissionsService,
        SkillsAdminResponder,
        SkillsResolveResponder,
        ShippedSkillsInstaller,
      ],
      exports: [SkillCatalogService, PermissionsService],
    };
  }
}
