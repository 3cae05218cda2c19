import { CONSUMERS, type CpuTaskStartedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { StageRunningStatement } from '../persistence/stage-running.statement';

const consumer = CONSUMERS.orchestrator.cpuTaskStarted;

/**
 * A CPU worker began a task: the stage is reported `running` if the attempt is still current. Not
 * a decision (the decider treats `running` like `dispatched`), so it bypasses the runner.
 */
@Injectable()
export class CpuTaskStartedHandler {
  constructor(private readonly statement: StageRunningStatement) {}

  @OnMessage(consumer)
  async handle(message: CpuTaskStartedV1): Promise<void> {
    const { worker, ...task } = message.data;
    await this.statement.apply({ ...task, worker: worker?.id });
  }
}
