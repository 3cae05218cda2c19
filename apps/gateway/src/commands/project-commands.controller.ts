import { Body, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ProjectIdParams } from '../projects/project-id.params';
import { CancelProjectDto, CommandAcceptedView, RestartProjectDto } from './project-command.dtos';
import { ProjectCommandsService } from './project-commands.service';

@ApiController('projects', 'projects')
export class ProjectCommandsController {
  constructor(private readonly commands: ProjectCommandsService) {}

  @Post(':id/cancel')
  @HttpCode(202)
  @Roles('requester')
  @ApiOperation({ summary: 'Cancel a project; in-flight tasks are stopped' })
  @ApiAcceptedResponse({ type: CommandAcceptedView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  @ApiConflictResponse({
    description: 'Already completed, failed or cancelled; or not created yet',
  })
  cancel(
    @Param() { id }: ProjectIdParams,
    @Body() body: CancelProjectDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CommandAcceptedView> {
    return this.commands.cancel(id, body.reason, by);
  }

  @Post(':id/restart')
  @HttpCode(202)
  @Roles('requester')
  @ApiOperation({ summary: 'Re-run a stage and everything downstream, keeping earlier artifacts' })
  @ApiAcceptedResponse({ type: CommandAcceptedView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  @ApiConflictResponse({ description: 'The project is queued or running' })
  restart(
    @Param() { id }: ProjectIdParams,
    @Body() body: RestartProjectDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<CommandAcceptedView> {
    return this.commands.restart(id, body.fromStage, by, body.excludePatterns ?? []);
  }
}
