/** Every app, with the short code that prefixes its durable consumer names. */
export const APPS = {
  gateway: 'gw',
  'master-orchestrator': 'orch',
  'cpu-agent-worker': 'cpu',
  'gpu-job-controller': 'gpu',
  'memory-service': 'mem',
  'skills-registry': 'skl',
} as const;
export type AppName = keyof typeof APPS;
export const APP_NAMES = Object.keys(APPS) as AppName[];

/** Domains that own a stream, plus `rpc` (request/reply only) and `dlq`. */
export const DOMAINS = ['workflow', 'task', 'gpu', 'memory', 'skills', 'dlq', 'rpc'] as const;
export type Domain = (typeof DOMAINS)[number];

export const SUBJECT_ROOT = 'agentbus';

/** The fixed five-token grammar: `agentbus.<domain>.v<major>.<entity>.<event>`. */
export type SubjectOf<
  D extends Domain,
  V extends number,
  E extends string,
  Ev extends string,
> = `${typeof SUBJECT_ROOT}.${D}.v${V}.${E}.${Ev}`;

export const SUBJECT_PATTERN =
  /^agentbus\.(workflow|task|gpu|memory|skills|dlq|rpc)\.v[1-9][0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

const TOKEN = /^[a-z][a-z0-9-]*$/;

/** Computes a subject from its parts; throws on a token that breaks the grammar. */
export function subjectOf<D extends Domain, V extends number, E extends string, Ev extends string>(
  domain: D,
  version: V,
  entity: E,
  event: Ev,
): SubjectOf<D, V, E, Ev> {
  if (!Number.isInteger(version) || version < 1) throw new Error(`bad version ${version}`);
  for (const token of [entity, event]) {
    if (!TOKEN.test(token)) throw new Error(`subject token "${token}" must be kebab-case`);
  }
  return `${SUBJECT_ROOT}.${domain}.v${version}.${entity}.${event}`;
}

/** Splits a canonical subject into its tokens. */
export function parseSubject(subject: string): {
  domain: Domain;
  version: number;
  entity: string;
  event: string;
} {
  if (!SUBJECT_PATTERN.test(subject)) throw new Error(`"${subject}" is not an Agent Bus subject`);
  const [, domain, version, entity, event] = subject.split('.') as [
    string,
    Domain,
    string,
    string,
    string,
  ];
  return { domain, version: Number(version.slice(1)), entity, event };
}

/**
 * Durable consumer name `<app-code>-<entity>-<event>`. Names are unique per stream, and a stream
 * holds one domain, so the domain token is left out.
 */
export function durableName(app: AppName, subject: string): string {
  const { entity, event } = parseSubject(subject);
  return `${APPS[app]}-${entity}-${event}`;
}

/**
 * A bus namespace isolates one deployment (or one test run) on a shared NATS server: streams become
 * `<NS>_AGENTBUS_…` and subjects `<ns>.agentbus.…`. The envelope `type` always stays canonical.
 */
export function wireSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

/** Inverse of {@link wireSubject}. */
export function canonicalSubject(namespace: string, wire: string): string {
  return namespace && wire.startsWith(`${namespace}.`) ? wire.slice(namespace.length + 1) : wire;
}

/** Stream name on the wire for a namespace. */
export function wireStreamName(namespace: string, stream: string): string {
  return namespace ? `${namespace.toUpperCase()}_${stream}` : stream;
}
