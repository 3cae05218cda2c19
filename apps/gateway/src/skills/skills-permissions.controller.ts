import { PermissionsExportV1, PermissionsImportV1 } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Body, Get, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { type HttpResponse } from '../http/express.types';
import { OperatorOnly } from '../workspaces/operator-only.decorator';
import { PermissionsYamlDto } from './skills.dtos';
import { SkillsRegistryClient } from './skills-registry.client';

const YAML_TYPE = 'application/yaml';
const UNAVAILABLE = 'The skills-registry did not answer (skills-registry-unavailable)';

/** Every agent's skill rules and the capability mappings as one YAML document, out and in. */
@ApiController('agents', 'skills')
export class SkillsPermissionsController {
  constructor(private readonly registry: SkillsRegistryClient) {}

  @Get('skills.yaml')
  @Roles('viewer')
  @ApiOperation({
    summary: 'Every skill allowlist and capability mapping, as YAML',
    description:
      'The document PUT /v1/agents/skills.yaml imports: `agents: {<agent>: {allow, deny}}` and ' +
      '`capabilities: [{capability, skill, priority}]`.',
  })
  @ApiProduces(YAML_TYPE)
  @ApiOkResponse({ description: 'The permissions document (application/yaml)' })
  @ApiServiceUnavailableResponse({ description: UNAVAILABLE })
  async export(@Res({ passthrough: true }) response: HttpResponse): Promise<string> {
    const { yaml } = await this.registry.ask(PermissionsExportV1, {});
    response.type(`${YAML_TYPE}; charset=utf-8`);
    return yaml;
  }

  @Put('skills.yaml')
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: 'Replace every skill allowlist and capability mapping from a YAML document',
    description:
      'All or nothing: agents absent from the document lose their rules; a bad document changes ' +
      'nothing and the problem names each bad entry by line and field. The YAML travels as the ' +
      "`yaml` string of a JSON body (the API's bodies are JSON); `agent-bus skills permissions " +
      'import <file>` sends a file.',
  })
  @ApiOkResponse({ description: '{ agents: agents with rules, capabilities: mappings }' })
  @ApiBadRequestResponse({
    description: 'skill-invalid-permissions: e.g. "line 4: agents.architect.alow: …"',
  })
  @ApiServiceUnavailableResponse({ description: UNAVAILABLE })
  import(
    @Body() body: PermissionsYamlDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<QueryResponseOf<typeof PermissionsImportV1>> {
    return this.registry.ask(PermissionsImportV1, { yaml: body.yaml, changedBy: by.name });
  }
}
