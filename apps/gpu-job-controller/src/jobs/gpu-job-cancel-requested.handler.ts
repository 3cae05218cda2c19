import { CONSUMERS, type GpuJobCancelRequestedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GpuJobStore } from './gpu-job.store';
import { GpuMetrics } from './gpu-metrics';
import { JobSupervisor } from './job-supervisor.service';

const CONSUMER = CONSUMERS.gpuController.gpuJobCancelRequested;

/**
 * Cancels a project's (or one task's) unfinished jobs: the rows turn `cancelled` with the inbox,
 * then the supervisor deletes their Jobs (and retries the delete until it succeeds). No result is
 * reported: the orchestrator asked for the cancel and no longer waits.
 */
@Injectable()
export class GpuJobCancelRequestedHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly supervisor: JobSupervisor,
    private readonly metrics: GpuMetrics,
  ) {}

  @OnMessage(CONSUMER)
  async handle(message: GpuJobCancelRequestedV1): Promise<void> {
    const { projectId, taskId } = message.data;
    const result = await handleMessageOnce(this.dataSource, CONSUMER, message, (tx) =>
      new GpuJobStore(tx).cancel(projectId, taskId),
    );
    if (!result.duplicate) result.result.forEach(() => this.metrics.ended('cancelled'));
    this.supervisor.wake();
  }
}
