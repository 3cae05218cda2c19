import {
  SkillsGetV1,
  SkillsInstallGitV1,
  SkillsInstallV1,
  SkillsListV1,
  SkillsUninstallV1,
} from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { OperatorOnly } from '../workspaces/operator-only.decorator';
import { InstallGitSkillDto, UploadSkillDto } from './skills.dtos';
import { SkillNameParams, SkillRefParams } from './skills.params';
import { SkillsRegistryClient } from './skills-registry.client';

const UNAVAILABLE = 'The skills-registry did not answer (skills-registry-unavailable)';

@ApiController('skills', 'skills')
export class SkillsController {
  constructor(private readonly registry: SkillsRegistryClient) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Installed skills with their versions, newest first' })
  @ApiOkResponse({ description: '{ skills: [{ name, latest, versions: [...] }] }' })
  @ApiServiceUnavailableResponse({ description: UNAVAILABLE })
  list(): Promise<QueryResponseOf<typeof SkillsListV1>> {
    return this.registry.ask(SkillsListV1, {});
  }

  @Get(':name')
  @Roles('viewer')
  @ApiOperation({ summary: 'One skill: its versions, files with hashes, and the agents using it' })
  @ApiOkResponse({ description: '{ name, latest, versions, files, agents }' })
  @ApiNotFoundResponse({ description: 'Not installed (skill-not-found)' })
  get(@Param() { name }: SkillNameParams): Promise<QueryResponseOf<typeof SkillsGetV1>> {
    return this.registry.ask(SkillsGetV1, { name });
  }

  @Post()
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Install a skill from an uploaded archive',
    description:
      'Refused, with nothing changed, for unsafe entries (skill-unsafe-path, skill-link, skill-special-file), an invalid manifest (skill-invalid-manifest), limits (413) and versions (409). New skills are allowed to no agent until an allowlist names them.',
  })
  @ApiOkResponse({ description: '{ status: installed | unchanged, name, version, sha256, files }' })
  @ApiConflictResponse({ description: 'skill-version-exists or skill-version-downgrade' })
  @ApiPayloadTooLargeResponse({ description: 'skill-too-large or skill-too-many-files' })
  install(
    @Body() body: UploadSkillDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof SkillsInstallV1>> {
    return this.registry.ask(SkillsInstallV1, {
      archiveBase64: body.archive,
      installedBy: by.name,
    });
  }

  @Post('git')
  @HttpCode(200) // 'unchanged' is an answer too, not a creation
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Install a skill from a git repository on an allowed host',
    description:
      "Only https:// URLs on a host in the registry's SKILLS_GIT_HOSTS (empty: off), without credentials; one commit of the branch or tag is cloned without hooks and installed as an upload would be (same limits and refusals).",
  })
  @ApiOkResponse({ description: '{ status, name, version, sha256, files, commit }' })
  @ApiBadRequestResponse({
    description: 'skill-git-url-refused (scheme, credentials) or a skill refusal',
  })
  @ApiForbiddenResponse({ description: 'skill-git-disabled or skill-git-host-refused' })
  @ApiBadGatewayResponse({ description: 'skill-git-failed: the clone failed or timed out' })
  installGit(
    @Body() body: InstallGitSkillDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof SkillsInstallGitV1>> {
    return this.registry.ask(SkillsInstallGitV1, {
      url: body.url,
      ...(body.ref === undefined ? {} : { ref: body.ref }),
      installedBy: by.name,
    });
  }

  @Delete(':ref')
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({ summary: 'Uninstall one version (name@version) or every version (name)' })
  @ApiOkResponse({ description: '{ name, versions: [removed versions] }' })
  @ApiNotFoundResponse({ description: 'Nothing installed matched (skill-not-found)' })
  uninstall(
    @Param() { ref }: SkillRefParams,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof SkillsUninstallV1>> {
    const { name, version } = SkillRefParams.split(ref) ?? { name: ref };
    return this.registry.ask(SkillsUninstallV1, {
      name,
      ...(version === undefined ? {} : { version }),
      uninstalledBy: by.name,
    });
  }
}
