import { pipelinePosition } from '@agentbus/contracts';
import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { workspaceFilterOf } from '../workspaces/workspace';
import { forecastCost } from './cost-forecast';
import { CostEstimateView, EstimateProjectDto } from './estimate.dtos';
import { SpendHistoryRepository } from './spend-history.repository';

@ApiController('projects', 'projects')
export class EstimatesController {
  constructor(private readonly history: SpendHistoryRepository) {}

  @Post('estimate')
  @HttpCode(200)
  @Roles('requester')
  @ApiOperation({
    summary: 'Forecast what a project would cost, per stage and in total, before submitting it',
    description:
      'Fitted per stage from the size of the requirements and what the latest completed ' +
      "projects of the caller's workspaces spent at their sizes. Nothing is submitted.",
  })
  @ApiOkResponse({ type: CostEstimateView })
  @ApiBadRequestResponse({ description: 'Missing, blank or oversized requirements' })
  async estimate(
    @Body() body: EstimateProjectDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CostEstimateView> {
    const requirementsChars = body.requirements.length;
    const history = await this.history.recent(workspaceFilterOf(caller));
    const forecast = forecastCost(requirementsChars, history);
    const stages = [...forecast.stages].sort(
      (a, b) => pipelinePosition(a.stage) - pipelinePosition(b.stage),
    );
    return { requirementsChars, ...forecast, stages };
  }
}
