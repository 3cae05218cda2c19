import {
  CpuTaskRequestedV1,
  CpuTaskSucceededV1,
  type Envelope,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Percentile of sorted numbers (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);

/**
 * Orchestration overhead per stage transition: from the time a worker's result was created to the
 * time the orchestrator created the next task it caused (the task's causationId is the result's
 * id). Covers the worker's outbox relay, NATS, the orchestrator's handler and its own relay.
 */
export async function orchestrationOverheadMs(
  natsUrl: string,
  namespace: string,
): Promise<number[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = wireStreamName(namespace, STREAMS.task.name);
    const { state } = await jsm.streams.info(stream);
    const results = new Map<string, number>();
    const requests: Envelope[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
      const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!stored) continue;
      const envelope = stored.json<Envelope>();
      if (envelope.type === CpuTaskSucceededV1.subject) {
        results.set(envelope.id, Date.parse(envelope.time));
      }
      if (envelope.type === CpuTaskRequestedV1.subject) requests.push(envelope);
    }
    return requests.flatMap((request) => {
      const resultAt = request.causationId ? results.get(request.causationId) : undefined;
      return resultAt === undefined ? [] : [Date.parse(request.time) - resultAt];
    });
  } finally {
    await nc.close();
  }
}
