import { type DataOf, type QueryDefinition } from '@agentbus/contracts';
import { ask, type Bus, type QueryResponseOf } from '@agentbus/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BUS } from './bus.constants';
import { type AppEnvelopeMeta } from './bus.publisher';

/** Typed request/reply for Nest apps: `QueryFailedError` or `QueryTimeoutError` on failure. */
@Injectable()
export class BusQueries {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  ask<Q extends QueryDefinition>(
    query: Q,
    data: DataOf<Q['request']>,
    meta: AppEnvelopeMeta,
    options?: { timeoutMs?: number },
  ): Promise<QueryResponseOf<Q>> {
    return ask(this.bus, query, data, { ...meta, source: meta.source ?? this.bus.name }, options);
  }
}
