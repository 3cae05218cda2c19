import {
  CONSUMERS,
  type CpuTaskRequest,
  MemorySearchV1,
  PRIORITY_GROUPS,
  type ProjectCancelRequestedV1,
  type ProjectSubmittedV1,
} from '@agentbus/contracts';
import { type DeliveryContext } from '@agentbus/messaging';
import { Reflector } from '@nestjs/core';
import { ON_MESSAGE, ON_PRIORITY_GROUP, ON_QUERY } from './bus.constants';
import { OnMessage } from './on-message.decorator';
import { OnPriorityGroup } from './on-priority-group.decorator';
import { OnQuery } from './on-query.decorator';

class Handlers {
  @OnMessage(CONSUMERS.orchestrator.projectCancelRequested)
  async cancel(_message: ProjectCancelRequestedV1, _context: DeliveryContext): Promise<void> {
    await Promise.resolve();
  }

  @OnQuery(MemorySearchV1)
  async search() {
    return { hits: [] };
  }

  @OnPriorityGroup(PRIORITY_GROUPS.cpuWorker.cpuTasks)
  async task(_message: CpuTaskRequest, _context: DeliveryContext): Promise<void> {
    await Promise.resolve();
  }
}

// Compile-time checks: a handler's parameter must be the consumer's message type.
export class WrongHandlers {
  // @ts-expect-error the durable delivers ProjectCancelRequestedV1, not ProjectSubmittedV1
  @OnMessage(CONSUMERS.orchestrator.projectCancelRequested)
  async cancel(_message: ProjectSubmittedV1): Promise<void> {
    await Promise.resolve();
  }

  // @ts-expect-error every lane delivers a CPU task request, not ProjectSubmittedV1
  @OnPriorityGroup(PRIORITY_GROUPS.cpuWorker.cpuTasks)
  async task(_message: ProjectSubmittedV1): Promise<void> {
    await Promise.resolve();
  }

  // @ts-expect-error a responder must return the query's response shape
  @OnQuery(MemorySearchV1)
  async search() {
    return { nothing: true };
  }
}

describe('bus decorators', () => {
  const reflector = new Reflector();

  it('attach the consumer definition to an @OnMessage method', () => {
    expect(reflector.get(ON_MESSAGE, Handlers.prototype.cancel)).toBe(
      CONSUMERS.orchestrator.projectCancelRequested,
    );
  });

  it('attach the priority group to an @OnPriorityGroup method', () => {
    expect(reflector.get(ON_PRIORITY_GROUP, Handlers.prototype.task)).toBe(
      PRIORITY_GROUPS.cpuWorker.cpuTasks,
    );
  });

  it('attach the query definition to an @OnQuery method', () => {
    expect(reflector.get(ON_QUERY, Handlers.prototype.search)).toBe(MemorySearchV1);
  });
});
