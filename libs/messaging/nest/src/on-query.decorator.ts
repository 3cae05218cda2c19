import { type QueryDefinition } from '@agentbus/contracts';
import { type QueryHandler } from '@agentbus/messaging';
import { SetMetadata } from '@nestjs/common';
import { ON_QUERY } from './bus.constants';

/**
 * Marks a method as the responder of a query (request/reply through a queue group). The method
 * receives the validated request envelope and returns the response data; throw `QueryFailedError`
 * to answer with an error code. Discovered at bootstrap by `BusModule`.
 */
export function OnQuery<Q extends QueryDefinition>(query: Q) {
  return <T extends QueryHandler<Q>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(ON_QUERY, query)(target, key, descriptor);
  };
}
