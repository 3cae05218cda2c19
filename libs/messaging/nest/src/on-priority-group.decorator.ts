import {
  type MessageDefinition,
  type MessageOf,
  type PriorityGroupDefinition,
} from '@agentbus/contracts';
import { type DeliveryContext } from '@agentbus/messaging';
import { SetMetadata } from '@nestjs/common';
import { ON_PRIORITY_GROUP } from './bus.constants';

/**
 * Marks a method as the handler of every lane of a priority group: one pool of slots, a free slot
 * going to the highest lane with a message waiting (`consumeByPriority`). Settles like
 * {@link OnMessage}: return to ack, throw to nak or dead-letter.
 */
export function OnPriorityGroup<D extends MessageDefinition>(group: PriorityGroupDefinition<D>) {
  return <T extends (message: MessageOf<D>, context: DeliveryContext) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(ON_PRIORITY_GROUP, group)(target, key, descriptor);
  };
}
