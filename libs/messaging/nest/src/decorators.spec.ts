import {
  CONSUMERS,
  MemorySearchV1,
  type ProjectCancelRequestedV1,
  type ProjectSubmittedV1,
} from '@agentbus/contracts';
import { type DeliveryContext } from '@agentbus/messaging';
import { Reflector } from '@nestjs/core';
import { ON_MESSAGE, ON_QUERY } from './bus.constants';
import { OnMessage } from './on-message.decorator';
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
}

// Compile-time checks: a handler's parameter must be the consumer's message type.
export class WrongHandlers {
  // @ts-expect-error the durable delivers ProjectCancelRequestedV1, not ProjectSubmittedV1
  @OnMessage(CONSUMERS.orchestrator.projectCancelRequested)
  async cancel(_message: ProjectSubmittedV1): Promise<void> {
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

  it('attach the query definition to an @OnQuery method', () => {
    expect(reflector.get(ON_QUERY, Handlers.prototype.search)).toBe(MemorySearchV1);
  });
});
