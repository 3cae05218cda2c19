import {
  type ConsumerDefinition,
  type MessageDefinition,
  type MessageOf,
} from '@agentbus/contracts';
import { type DeliveryContext } from '@agentbus/messaging';
import { SetMetadata } from '@nestjs/common';
import { ON_MESSAGE } from './bus.constants';

/**
 * Marks a method as the handler of a durable consumer. The method receives the validated envelope
 * and the delivery context; it acks by returning, and throws to nak or dead-letter. Discovered at
 * bootstrap by `BusModule`.
 */
export function OnMessage<D extends MessageDefinition>(consumer: ConsumerDefinition<D>) {
  return <T extends (message: MessageOf<D>, context: DeliveryContext) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(ON_MESSAGE, consumer)(target, key, descriptor);
  };
}
