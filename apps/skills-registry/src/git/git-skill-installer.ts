import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { readFolder } from '../bundle/read-folder';
import { type InstallResult, SkillCatalogService } from '../catalog/skill-catalog.service';
import { REGISTRY_SETTINGS, type RegistrySettings } from '../registry-settings';
import { checkGitUrl } from './git-source';
import { shallowClone } from './shallow-clone';

/**
 * Installs a skill from a git repository: the URL is checked against SKILLS_GIT_HOSTS, one commit
 * is cloned into a private temporary folder, and the checkout (without `.git`) takes the folder
 * install's path — same limits, link and path checks, manifest validation and transaction.
 */
@Injectable()
export class GitSkillInstaller {
  constructor(
    private readonly catalog: SkillCatalogService,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  /** @throws SkillRejectedError for a refused URL, a failed clone or a refused skill. */
  async install(
    rawUrl: string,
    ref: string | undefined,
    installedBy: string,
  ): Promise<InstallResult & { commit: string }> {
    const { git, limits } = this.settings;
    const url = checkGitUrl(rawUrl, git);
    const work = await mkdtemp(join(tmpdir(), 'skill-git-'));
    try {
      const checkout = join(work, 'checkout');
      const commit = await shallowClone(url, ref, checkout, {
        timeoutMs: git.timeoutMs,
        // The pack and the checkout both sit in the folder: room for each at the skill limit.
        maxBytes: 2 * limits.maxTotalBytes + 1_048_576,
        allowFile: git.allowFileUrls,
      });
      const bundle = await readFolder(checkout, limits, ['.git']);
      const result = await this.catalog.install(bundle, `git ${url.href}@${commit}`, installedBy);
      return { ...result, commit };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
