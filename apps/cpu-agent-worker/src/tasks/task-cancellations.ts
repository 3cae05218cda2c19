import { CpuTaskCancelRequestedV1, parseEnvelope, wireSubject } from '@agentbus/contracts';
import { type Bus } from '@agentbus/messaging';
import { BUS } from '@agentbus/messaging-nest';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Subscription } from '@nats-io/transport-node';

interface Running {
  readonly taskId: string;
  readonly controller: AbortController;
}

/**
 * Stops in-flight agent runs of a cancelled project. Every replica must hear a cancel, so this is a
 * plain subscription on the subject (JetStream publishes reach core subscribers too), not the shared
 * durable: a missed cancel only costs the rest of one LLM call, whose result the orchestrator ignores.
 */
@Injectable()
export class TaskCancellations implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly running = new Map<string, Set<Running>>();
  private subscription: Subscription | undefined;

  constructor(@Inject(BUS) private readonly bus: Bus) {}

  onApplicationBootstrap(): void {
    const subject = wireSubject(this.bus.namespace, CpuTaskCancelRequestedV1.subject);
    this.subscription = this.bus.nc.subscribe(subject, {
      callback: (error, message) => {
        if (error) return;
        try {
          const { data } = parseEnvelope(CpuTaskCancelRequestedV1, message.json());
          for (const run of this.running.get(data.projectId) ?? []) {
            if (data.taskId === undefined || data.taskId === run.taskId) run.controller.abort();
          }
        } catch {
          // An invalid cancel is the orchestrator's bug and is dead-lettered where it is consumed.
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Tracks a run; the returned signal aborts on cancel or when `parent` aborts. */
  track(
    projectId: string,
    taskId: string,
    parent: AbortSignal,
  ): { signal: AbortSignal; done(): void } {
    const controller = new AbortController();
    const onParent = () => controller.abort();
    parent.addEventListener('abort', onParent, { once: true });
    const run = { taskId, controller };
    const runs = this.running.get(projectId) ?? new Set<Running>();
    runs.add(run);
    this.running.set(projectId, runs);
    return {
      signal: controller.signal,
      done: () => {
        parent.removeEventListener('abort', onParent);
        runs.delete(run);
        if (runs.size === 0) this.running.delete(projectId);
      },
    };
  }
}
