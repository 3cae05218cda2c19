import {
  isCpuTaskRequest,
  CpuTaskSucceededV1,
  type Envelope,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Percentile of sorted numbers (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);

/** What the task stream says about a run. */
export interface TaskFigures {
  /** Stage results (tasks succeeded): the stage transitions the CPU figures are divided by. */
  readonly stagesRun: number;
  /**
   * Orchestration overhead per stage transition, sorted: from the time a worker's result was
   * created to the time the orchestrator created the next task it caused (the task's causationId
   * is the result's id). Covers the worker's outbox relay, NATS, the orchestrator's handler and
   * its own relay.
   */
  readonly overheadMs: number[];
  /** Per stage id, sorted: task requested (created) → its result created, by taskId. */
  readonly stageMs: Map<string, number[]>;
  /** Output tokens of each result, sorted (offline: characters / 4, so about bytes / 4). */
  readonly outputTokens: number[];
}

interface TaskData {
  readonly taskId: string;
  readonly stage: string;
  readonly usage?: { readonly outputTokens?: number };
}

/** Reads a namespace's whole task stream once (an ordered consumer) into {@link TaskFigures}. */
export async function readTaskStream(natsUrl: string, namespace: string): Promise<TaskFigures> {
  const nc = await connect({ servers: natsUrl.split(','), name: 'bench-task-stream' });
  try {
    const stream = wireStreamName(namespace, STREAMS.task.name);
    const { state } = await (await jetstreamManager(nc)).streams.info(stream);
    const requests: Envelope<string, TaskData>[] = [];
    const results = new Map<string, Envelope<string, TaskData>>();
    if (state.messages > 0) {
      const consumer = await jetstream(nc).consumers.get(stream);
      const messages = await consumer.consume();
      for await (const message of messages) {
        const envelope = message.json<Envelope<string, TaskData>>();
        if (envelope.type === CpuTaskSucceededV1.subject) results.set(envelope.id, envelope);
        if (isCpuTaskRequest(envelope.type)) requests.push(envelope);
        if (message.seq >= state.last_seq) break;
      }
      messages.stop();
    }
    return figuresOf(requests, [...results.values()]);
  } finally {
    await nc.close();
  }
}

function figuresOf(
  requests: readonly Envelope<string, TaskData>[],
  results: readonly Envelope<string, TaskData>[],
): TaskFigures {
  const resultAt = new Map(results.map((r) => [r.id, Date.parse(r.time)]));
  const overheadMs = requests.flatMap((request) => {
    const at = request.causationId ? resultAt.get(request.causationId) : undefined;
    return at === undefined ? [] : [Date.parse(request.time) - at];
  });
  const requestedAt = new Map(requests.map((r) => [r.data.taskId, Date.parse(r.time)]));
  const stageMs = new Map<string, number[]>();
  for (const result of results) {
    const at = requestedAt.get(result.data.taskId);
    if (at === undefined) continue;
    const list = stageMs.get(result.data.stage) ?? [];
    list.push(Date.parse(result.time) - at);
    stageMs.set(result.data.stage, list);
  }
  for (const list of stageMs.values()) list.sort((a, b) => a - b);
  const outputTokens = results
    .map((r) => r.data.usage?.outputTokens ?? NaN)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return {
    stagesRun: results.length,
    overheadMs: overheadMs.sort((a, b) => a - b),
    stageMs,
    outputTokens,
  };
}
