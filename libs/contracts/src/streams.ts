import { type Domain, parseSubject } from './names';

const DAY_MS = 86_400_000;

/** How a stream keeps messages; `limits` so several durables can consume the same subject. */
export interface StreamDefinition {
  readonly name: string;
  readonly domain: Exclude<Domain, 'rpc'>;
  readonly subjects: readonly string[];
  readonly retention: 'limits' | 'interest';
  readonly maxAgeMs: number;
  readonly duplicateWindowMs: number;
  readonly why: string;
}

// The outbox relay republishes rows it had sent just before a crash; the duplicate window must cover
// the time a relay takes to come back, so the server drops the copy by Nats-Msg-Id.
const DUPLICATE_WINDOW_MS = 15 * 60_000;

const stream = (
  domain: StreamDefinition['domain'],
  maxAgeDays: number,
  why: string,
): StreamDefinition =>
  Object.freeze({
    name: `AGENTBUS_${domain.toUpperCase()}`,
    domain,
    subjects: [`agentbus.${domain}.>`],
    retention: 'limits',
    maxAgeMs: maxAgeDays * DAY_MS,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
    why,
  });

/** One stream per domain (DESIGN §5); `rpc` subjects are request/reply and deliberately unstreamed. */
export const STREAMS = {
  workflow: stream(
    'workflow',
    30,
    'limits: the gateway replays a project history for SSE and several services consume each fact',
  ),
  task: stream(
    'task',
    7,
    'limits, not workqueue: results are read by the orchestrator and by audit/replay tooling',
  ),
  gpu: stream(
    'gpu',
    7,
    'limits: GPU job facts are consumed by the orchestrator and the controller',
  ),
  memory: stream('memory', 7, 'limits: pattern facts may feed several learners'),
  skills: stream('skills', 7, 'limits: workers refresh their skill caches from these facts'),
  dlq: stream('dlq', 30, 'limits, long: operators inspect and replay dead letters'),
} as const satisfies Record<StreamDefinition['domain'], StreamDefinition>;

export const ALL_STREAMS: readonly StreamDefinition[] = Object.values(STREAMS);

/**
 * The stream that captures a subject. Throws for `rpc` subjects: a stream over them would answer
 * every request with a publish ack instead of letting the responder reply.
 */
export function streamFor(subject: string): StreamDefinition {
  const { domain } = parseSubject(subject);
  if (domain === 'rpc') throw new Error(`${subject} is request/reply and has no stream`);
  return STREAMS[domain];
}
