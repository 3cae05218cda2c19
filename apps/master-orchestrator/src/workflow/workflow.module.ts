import { type DynamicModule, Module } from '@nestjs/common';
import { type OrchestratorConfig } from '../config';
import { ApprovalDecidedHandler } from './handlers/approval-decided.handler';
import { CpuTaskFailedHandler } from './handlers/cpu-task-failed.handler';
import { CpuTaskStartedHandler } from './handlers/cpu-task-started.handler';
import { CpuTaskSucceededHandler } from './handlers/cpu-task-succeeded.handler';
import { GpuJobFailedHandler } from './handlers/gpu-job-failed.handler';
import { GpuJobSucceededHandler } from './handlers/gpu-job-succeeded.handler';
import { ProjectCancelRequestedHandler } from './handlers/project-cancel-requested.handler';
import { ProjectRestartRequestedHandler } from './handlers/project-restart-requested.handler';
import { ProjectSubmittedHandler } from './handlers/project-submitted.handler';
import { BusGauges } from './metrics/bus-gauges.service';
import { WorkflowGauges } from './metrics/workflow-gauges.service';
import { WorkflowMetrics } from './metrics/workflow.metrics';
import { StageRunningStatement } from './persistence/stage-running.statement';
import { WorkflowRepository } from './persistence/workflow.repository';
import { WorkflowRunner } from './workflow-runner.service';
import { WorkflowTimersService } from './workflow-timers.service';
import { type Workflow } from './workflow.dag';
import { WorkflowCatalog } from './workflow-catalog';
import { WORKFLOW_VERSIONS, type WorkflowTopology } from './workflow-versions';
import {
  GAUGE_SETTINGS,
  TIMER_SETTINGS,
  WORKFLOW,
  WORKFLOWS,
  workflowFrom,
} from './workflow.settings';

const HANDLERS = [
  ProjectSubmittedHandler,
  ProjectCancelRequestedHandler,
  ProjectRestartRequestedHandler,
  ApprovalDecidedHandler,
  CpuTaskStartedHandler,
  CpuTaskSucceededHandler,
  CpuTaskFailedHandler,
  GpuJobSucceededHandler,
  GpuJobFailedHandler,
];

/** The durable workflow: the decider's edge, one handler per durable, the scheduler, metrics. */
@Module({})
export class WorkflowModule {
  /** `versions`: the DAG versions this process drives (tests register more). */
  static register(
    config: OrchestratorConfig,
    versions: readonly WorkflowTopology[] = WORKFLOW_VERSIONS,
  ): DynamicModule {
    return {
      module: WorkflowModule,
      providers: [
        { provide: WORKFLOW, useValue: workflowFrom(config) },
        {
          provide: WORKFLOWS,
          useFactory: (configured: Workflow) => new WorkflowCatalog(configured, versions),
          inject: [WORKFLOW],
        },
        {
          provide: TIMER_SETTINGS,
          useValue: {
            tickMs: config.ORCH_TICK_MS,
            idleTickMs: Math.max(config.ORCH_TICK_MS, config.ORCH_IDLE_TICK_MS),
            batch: config.ORCH_TIMER_BATCH,
          },
        },
        {
          provide: GAUGE_SETTINGS,
          useValue: { queueDepthCacheMs: config.ORCH_QUEUE_DEPTH_CACHE_MS },
        },
        WorkflowRepository,
        StageRunningStatement,
        WorkflowMetrics,
        WorkflowGauges,
        BusGauges,
        WorkflowRunner,
        WorkflowTimersService,
        ...HANDLERS,
      ],
      exports: [WorkflowTimersService],
    };
  }
}
