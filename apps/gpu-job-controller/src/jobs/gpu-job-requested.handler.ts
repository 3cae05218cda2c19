import { CONSUMERS, type GpuJobRequestedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GPU_BACKEND, type GpuBackend } from './gpu-backend';
import { GpuJobStore } from './gpu-job.store';
import { jobNameOf } from './job-name.util';
import { JobSupervisor } from './job-supervisor.service';

const CONSUMER = CONSUMERS.gpuController.gpuJobRequested;

/**
 * Records a GPU task as a `queued` row (once per task, with the inbox) and wakes the supervisor,
 * which makes the Job. The message is acked as soon as the row commits: the row, not an unacked
 * message, carries the job across controller restarts.
 */
@Injectable()
export class GpuJobRequestedHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(GPU_BACKEND) private readonly backend: GpuBackend,
    private readonly supervisor: JobSupervisor,
  ) {}

  @OnMessage(CONSUMER)
  async handle(message: GpuJobRequestedV1): Promise<void> {
    const task = message.data;
    await handleMessageOnce(this.dataSource, CONSUMER, message, (tx) =>
      new GpuJobStore(tx).insert({
        request: task,
        jobName: jobNameOf(task.taskId, task.attempt),
        backend: this.backend.name,
        correlationId: message.correlationId,
        causationId: message.id,
      }),
    );
    this.supervisor.wake();
  }
}
