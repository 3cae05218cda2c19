import {
  type ConsumerDefinition,
  type Envelope,
  type MessageDefinition,
  type PriorityGroupDefinition,
  type QueryDefinition,
} from '@agentbus/contracts';
import {
  answer,
  type Bus,
  consume,
  consumeByPriority,
  type ConsumerHandle,
  type DeliveryContext,
  provisionConsumers,
  provisionStreams,
  type QueryResponder,
} from '@agentbus/messaging';
import { runWithLogContext } from '@agentbus/observability';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { BUS, BUS_MODULE_OPTIONS, ON_MESSAGE, ON_PRIORITY_GROUP, ON_QUERY } from './bus.constants';
import { type BusModuleOptions } from './bus.options';
import { messageLogContext } from './message-log-context';

type Method = (...args: unknown[]) => Promise<unknown>;

interface Discovered<T> {
  readonly target: T;
  readonly owner: string;
  readonly call: Method;
}

/** Thrown at bootstrap for handler declarations that cannot work. */
export class BusHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusHandlerError';
  }
}

/** Each lane of a group as a handler of its own durable, for the checks and provisioning. */
const lanesOf = (
  groups: readonly Discovered<PriorityGroupDefinition>[],
): Discovered<ConsumerDefinition>[] =>
  groups.flatMap((group) => group.target.lanes.map((target) => ({ ...group, target })));

/**
 * Finds `@OnMessage` / `@OnPriorityGroup` / `@OnQuery` methods at bootstrap, provisions (if asked)
 * and starts them; on shutdown stops pulling and finishes or naks in-flight work, then drains the
 * connection.
 */
@Injectable()
export class BusExplorer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly consumers: ConsumerHandle[] = [];
  private readonly responders: QueryResponder[] = [];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(BUS_MODULE_OPTIONS) private readonly options: BusModuleOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const handlers = this.discover<ConsumerDefinition>(ON_MESSAGE);
      const groups = this.discover<PriorityGroupDefinition>(ON_PRIORITY_GROUP);
      const queries = this.discover<QueryDefinition>(ON_QUERY);
      this.check([...handlers, ...lanesOf(groups)]);
      if (this.options.provision) await this.provision([...handlers, ...lanesOf(groups)]);
      await this.start(handlers, queries);
      await this.startGroups(groups);
    } catch (error) {
      // A half-started app must not keep pulling or hold its connection: Nest does not call the
      // shutdown hooks when bootstrap fails.
      await this.beforeApplicationShutdown();
      await this.bus.close();
      throw error;
    }
  }

  private async provision(handlers: readonly Discovered<ConsumerDefinition>[]): Promise<void> {
    await provisionStreams(
      this.bus,
      undefined,
      this.options.streamReplicas === undefined ? {} : { replicas: this.options.streamReplicas },
    );
    await provisionConsumers(
      this.bus,
      handlers.map((handler) => handler.target),
      this.options.maxReplicas === undefined ? {} : { maxReplicas: this.options.maxReplicas },
    );
  }

  private async start(
    handlers: readonly Discovered<ConsumerDefinition>[],
    queries: readonly Discovered<QueryDefinition>[],
  ): Promise<void> {
    for (const { target, call } of handlers) {
      this.consumers.push(
        await consume(this.bus, target as ConsumerDefinition<MessageDefinition>, logged(call)),
      );
    }
    for (const { target, call } of queries) {
      this.responders.push(
        await answer(this.bus, target, (request, context) => call(request, context)),
      );
    }
  }

  private async startGroups(groups: readonly Discovered<PriorityGroupDefinition>[]): Promise<void> {
    for (const { target, call } of groups) {
      this.consumers.push(await consumeByPriority(this.bus, target, logged(call)));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const timeoutMs = this.options.shutdownTimeoutMs ?? 10_000;
    await Promise.all([
      ...this.consumers.splice(0).map((consumer) => consumer.stop({ timeoutMs })),
      ...this.responders.splice(0).map((responder) => responder.stop({ timeoutMs })),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }

  private check(handlers: readonly Discovered<ConsumerDefinition>[]): void {
    const seen = new Map<string, string>();
    for (const { target, owner } of handlers) {
      if (target.app !== this.options.app) {
        throw new BusHandlerError(
          `${owner} handles durable ${target.durable} of ${target.app}, but this app is ${this.options.app}`,
        );
      }
      const key = `${target.stream}/${target.durable}`;
      const previous = seen.get(key);
      if (previous) {
        throw new BusHandlerError(`${owner} and ${previous} both handle durable ${target.durable}`);
      }
      seen.set(key, owner);
    }
  }

  private discover<T>(key: string): Discovered<T>[] {
    const found: Discovered<T>[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype: object | null = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const target = this.reflector.get<T | undefined>(key, method);
        if (target === undefined) continue;
        const owner = `${instance.constructor.name}.${name}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new BusHandlerError(`${owner}: bus handlers must live in singleton providers`);
        }
        found.push({ target, owner, call: (method as Method).bind(instance) });
      }
    }
    return found;
  }
}

/** Every line logged while handling carries the delivery's ids (the span's come from the bus). */
const logged =
  (call: Method) =>
  (message: Envelope, context: DeliveryContext): Promise<void> =>
    runWithLogContext(messageLogContext(message, context), () => call(message, context)).then(
      () => undefined,
    );
