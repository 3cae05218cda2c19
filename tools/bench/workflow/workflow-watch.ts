import {
  ApprovalRequestedV1,
  type Envelope,
  ProjectCancelledV1,
  ProjectCompletedV1,
  ProjectFailedV1,
  STREAMS,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import { type ConsumerMessages, jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** A gate that opened, from `approval.requested`. */
export interface OpenGate {
  readonly projectId: string;
  readonly gate: string;
  readonly attempt: number;
}

/** How a project ended; `atMs` is the event's creation time (epoch ms). */
export interface ProjectEnd {
  readonly state: 'completed' | 'failed' | 'cancelled';
  readonly atMs: number;
  readonly cause?: string;
}

const END_STATES: Record<string, ProjectEnd['state']> = {
  [ProjectCompletedV1.subject]: 'completed',
  [ProjectFailedV1.subject]: 'failed',
  [ProjectCancelledV1.subject]: 'cancelled',
};

/**
 * Follows a namespace's workflow stream instead of polling the gateway: two ordered consumers
 * (nats-server 2.9 takes one filter each), one on `approval.requested`, one on `project.*`, both
 * from the start of the stream, so no event is missed whatever the order of submit and event.
 */
export class WorkflowWatch {
  /** The latest gate each project waits at; removed when the project ends. */
  readonly openGates = new Map<string, OpenGate>();
  readonly ends = new Map<string, ProjectEnd>();
  private readonly waiters = new Map<string, (end: ProjectEnd) => void>();
  private readonly loops: Promise<void>[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly subscriptions: ConsumerMessages[],
    private readonly onGate: (gate: OpenGate) => void,
  ) {}

  /** Starts following; `onGate` runs for every gate that opens (the drive mode approves there). */
  static async open(
    natsUrl: string,
    namespace: string,
    onGate: (gate: OpenGate) => void = () => undefined,
  ): Promise<WorkflowWatch> {
    const nc = await connect({ servers: natsUrl.split(','), name: 'bench-workflow-watch' });
    const js = jetstream(nc);
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const follow = async (subject: string) =>
      (
        await js.consumers.get(stream, { filter_subjects: wireSubject(namespace, subject) })
      ).consume();
    const subscriptions = [
      await follow(ApprovalRequestedV1.subject),
      await follow(ProjectCompletedV1.subject.replace(/[^.]+$/, '*')), // project.*
    ];
    const watch = new WorkflowWatch(nc, subscriptions, onGate);
    for (const messages of subscriptions) watch.loops.push(watch.read(messages));
    return watch;
  }

  /** Resolves when the project ends (at once if it already has). */
  ended(projectId: string): Promise<ProjectEnd> {
    const known = this.ends.get(projectId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.set(projectId, resolve));
  }

  async close(): Promise<void> {
    for (const messages of this.subscriptions) messages.stop();
    await Promise.allSettled(this.loops);
    await this.nc.close();
  }

  private async read(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      const envelope = message.json<Envelope>();
      const data = envelope.data as Record<string, unknown>;
      const projectId = String(data['projectId']);
      if (envelope.type === ApprovalRequestedV1.subject) {
        const gate = { projectId, gate: String(data['gate']), attempt: Number(data['attempt']) };
        if (this.ends.has(projectId)) continue;
        this.openGates.set(projectId, gate);
        this.onGate(gate);
        continue;
      }
      const state = END_STATES[envelope.type];
      if (state === undefined) continue;
      const cause = typeof data['cause'] === 'string' ? data['cause'] : undefined;
      const end = { state, atMs: Date.parse(envelope.time), ...(cause ? { cause } : {}) };
      this.ends.set(projectId, end);
      this.openGates.delete(projectId);
      this.waiters.get(projectId)?.(end);
      this.waiters.delete(projectId);
    }
  }
}
