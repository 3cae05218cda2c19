import {
  type DataOf,
  type Envelope,
  type EnvelopeMeta,
  type MessageDefinition,
} from '@agentbus/contracts';
import { type Bus, Publisher, type PublishResult, type StoredTrace } from '@agentbus/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BUS } from './bus.constants';

/** Envelope meta where `source` defaults to this app's name. */
export type AppEnvelopeMeta = Omit<EnvelopeMeta, 'source'> & { source?: string };

/** Typed JetStream publishing for Nest apps (see {@link Publisher}). */
@Injectable()
export class BusPublisher {
  private readonly publisher: Publisher;

  constructor(@Inject(BUS) private readonly bus: Bus) {
    this.publisher = new Publisher(bus);
  }

  /** Validates and publishes; invalid data throws `InvalidMessageError` before anything is sent. */
  publish<D extends MessageDefinition>(
    definition: D,
    data: DataOf<D>,
    meta: AppEnvelopeMeta,
  ): Promise<PublishResult> {
    return this.publisher.publish(definition, data, {
      ...meta,
      source: meta.source ?? this.bus.name,
    });
  }

  /** Republishes a stored envelope (outbox relay) with its stored trace headers. */
  publishEnvelope(envelope: Envelope, trace?: StoredTrace): Promise<PublishResult> {
    return this.publisher.publishEnvelope(envelope, trace);
  }
}
