import {
  AllowlistGetV1,
  AllowlistPutV1,
  PermissionsExportV1,
  PermissionsImportV1,
  type QueryDefinition,
  SkillsGetV1,
  SkillsInstallGitV1,
  SkillsInstallV1,
  SkillsListV1,
  SkillsUninstallV1,
} from '@agentbus/contracts';
import {
  QueryFailedError,
  type QueryRequestOf,
  type QueryResponseInputOf,
} from '@agentbus/messaging';
import { OnQuery } from '@agentbus/messaging-nest';
import { Inject, Injectable } from '@nestjs/common';
import { readArchive } from '../bundle/read-archive';
import { SkillRejectedError } from '../bundle/skill-rejected.error';
import { SkillNotFoundError } from '../catalog/skill-catalog.errors';
import { SkillCatalogReader } from '../catalog/skill-catalog.reader';
import { SkillCatalogService } from '../catalog/skill-catalog.service';
import { GitSkillInstaller } from '../git/git-skill-installer';
import { InvalidPermissionsError, PermissionsService } from '../permissions/permissions.service';
import { REGISTRY_SETTINGS, type RegistrySettings } from '../registry-settings';

type Response<Q extends QueryDefinition> = Promise<QueryResponseInputOf<Q>>;

/** Refusals become error replies with a code the gateway maps to a status; the rest stays internal. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SkillRejectedError) {
      throw new QueryFailedError(error.reason, error.message);
    }
    if (error instanceof SkillNotFoundError) throw new QueryFailedError('not-found', error.message);
    if (error instanceof InvalidPermissionsError) {
      throw new QueryFailedError('invalid-permissions', error.message);
    }
    throw error;
  }
}

/** The registry's admin API over request/reply, for the gateway. */
@Injectable()
export class SkillsAdminResponder {
  constructor(
    private readonly reader: SkillCatalogReader,
    private readonly catalog: SkillCatalogService,
    private readonly permissions: PermissionsService,
    private readonly git: GitSkillInstaller,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  @OnQuery(SkillsListV1)
  async list(): Response<typeof SkillsListV1> {
    return { skills: await this.reader.list() };
  }

  @OnQuery(SkillsGetV1)
  get(request: QueryRequestOf<typeof SkillsGetV1>): Response<typeof SkillsGetV1> {
    return answering(() => this.reader.get(request.data.name));
  }

  @OnQuery(SkillsInstallV1)
  install(request: QueryRequestOf<typeof SkillsInstallV1>): Response<typeof SkillsInstallV1> {
    return answering(async () => {
      const bytes = Buffer.from(request.data.archiveBase64, 'base64');
      const bundle = readArchive(bytes, this.settings.limits);
      const { status, name, version, sha256, files } = await this.catalog.install(
        bundle,
        'upload',
        request.data.installedBy,
      );
      return { status, name, version, sha256, files };
    });
  }

  @OnQuery(SkillsInstallGitV1)
  installGit(
    request: QueryRequestOf<typeof SkillsInstallGitV1>,
  ): Response<typeof SkillsInstallGitV1> {
    const { url, ref, installedBy } = request.data;
    return answering(async () => {
      const { status, name, version, sha256, files, commit } = await this.git.install(
        url,
        ref,
        installedBy,
      );
      return { status, name, version, sha256, files, commit };
    });
  }

  @OnQuery(SkillsUninstallV1)
  uninstall(request: QueryRequestOf<typeof SkillsUninstallV1>): Response<typeof SkillsUninstallV1> {
    const { name, version, uninstalledBy } = request.data;
    return answering(async () => ({
      name,
      versions: await this.catalog.uninstall(name, version, uninstalledBy),
    }));
  }

  @OnQuery(AllowlistGetV1)
  allowlist(request: QueryRequestOf<typeof AllowlistGetV1>): Response<typeof AllowlistGetV1> {
    return this.permissions.view(request.data.agent);
  }

  @OnQuery(AllowlistPutV1)
  setAllowlist(request: QueryRequestOf<typeof AllowlistPutV1>): Response<typeof AllowlistPutV1> {
    const { agent, allow, deny, changedBy } = request.data;
    return answering(async () => {
      await this.permissions.setAllowlist(agent, { allow, deny }, changedBy);
      return this.permissions.view(agent);
    });
  }

  @OnQuery(PermissionsExportV1)
  async exportPermissions(): Response<typeof PermissionsExportV1> {
    return { yaml: await this.permissions.exportYaml() };
  }

  @OnQuery(PermissionsImportV1)
  importPermissions(
    request: QueryRequestOf<typeof PermissionsImportV1>,
  ): Response<typeof PermissionsImportV1> {
    return answering(() => this.permissions.importYaml(request.data.yaml, request.data.changedBy));
  }
}
