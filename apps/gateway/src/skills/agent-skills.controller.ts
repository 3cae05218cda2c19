import { AllowlistGetV1, AllowlistPutV1 } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { OperatorOnly } from '../workspaces/operator-only.decorator';
import { AgentSkillsDto } from './skills.dtos';
import { AgentParams } from './skills.params';
import { SkillsRegistryClient } from './skills-registry.client';

type AgentSkillsView = QueryResponseOf<typeof AllowlistGetV1>;

@ApiController('agents', 'skills')
export class AgentSkillsController {
  constructor(private readonly registry: SkillsRegistryClient) {}

  @Get(':agent/skills')
  @Roles('viewer')
  @ApiOperation({ summary: "An agent's skill rules and the skill versions they give it now" })
  @ApiOkResponse({ description: '{ agent, allow, deny, skills: [{ name, version }] }' })
  get(@Param() { agent }: AgentParams): Promise<AgentSkillsView> {
    return this.registry.ask(AllowlistGetV1, { agent });
  }

  @Put(':agent/skills')
  @Roles('admin')
  @OperatorOnly()
  @ApiOperation({
    summary: "Replace an agent's skill rules",
    description: 'Workers pick the change up at once (allowlist.changed clears their caches).',
  })
  @ApiOkResponse({ description: '{ agent, allow, deny, skills: [{ name, version }] }' })
  @ApiBadRequestResponse({ description: 'A rule that is not one (skill-invalid-permissions)' })
  put(
    @Param() { agent }: AgentParams,
    @Body() body: AgentSkillsDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<AgentSkillsView> {
    return this.registry.ask(AllowlistPutV1, {
      agent,
      allow: body.allow,
      deny: body.deny,
      changedBy: by.name,
    });
  }
}
