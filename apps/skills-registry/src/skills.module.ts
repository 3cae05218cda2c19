import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { SkillsAdminResponder } from './admin/skills-admin.responder';
import { SkillCatalogReader } from './catalog/skill-catalog.reader';
import { SkillCatalogService } from './catalog/skill-catalog.service';
import { type SkillsConfig } from './config';
import { GitSkillInstaller } from './git/git-skill-installer';
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
      git: {
        hosts: config.SKILLS_GIT_HOSTS,
        allowFileUrls: config.SKILLS_GIT_ALLOW_FILE_URLS,
        timeoutMs: config.SKILLS_GIT_TIMEOUT_MS,
      },
    };
    return {
      module: SkillsModule,
      providers: [
        { provide: REGISTRY_SETTINGS, useValue: settings },
        SkillCatalogService,
        SkillCatalogReader,
        GitSkillInstaller,
        PermissionsService,
        SkillsAdminResponder,
        SkillsResolveResponder,
        ShippedSkillsInstaller,
      ],
      exports: [SkillCatalogService, PermissionsService],
    };
  }
}
