import { type z } from 'zod';
import { type Envelope, type EnvelopeMeta, envelopeOf, newMessageId } from './envelope';
import { InvalidMessageError } from './errors';
import { type Domain, type SubjectOf, subjectOf } from './names';

/** A command is the fact that work was requested; an event is a fact that happened. */
export type MessageKind = 'command' | 'event';

/** One message type: its subject (computed from its parts) and its data schema. */
export interface MessageDefinition<
  TSubject extends string = string,
  TData extends z.ZodType = z.ZodType,
> {
  readonly subject: TSubject;
  readonly domain: Domain;
  readonly version: number;
  readonly entity: string;
  readonly event: string;
  readonly kind: MessageKind;
  readonly description: string;
  /** Written to the orchestrator's event log (the SSE feed) only; never published on NATS. */
  readonly eventLogOnly?: true;
  readonly data: TData;
  readonly envelope: z.ZodType<Envelope<TSubject, z.output<TData>>>;
}

/** The envelope type of a definition, e.g. `MessageOf<typeof ProjectSubmittedV1>`. */
export type MessageOf<D extends MessageDefinition> = Envelope<D['subject'], z.output<D['data']>>;
/** The data a producer passes for a definition. */
export type DataOf<D extends MessageDefinition> = z.input<D['data']>;

const registry = new Map<string, MessageDefinition>();

/** Declares a message type and registers it, so one test can walk every contract. */
export function defineMessage<
  D extends Domain,
  V extends number,
  E extends string,
  Ev extends string,
  TData extends z.ZodType,
>(spec: {
  domain: D;
  version: V;
  entity: E;
  event: Ev;
  kind: MessageKind;
  description: string;
  eventLogOnly?: true;
  data: TData;
}): MessageDefinition<SubjectOf<D, V, E, Ev>, TData> {
  const subject = subjectOf(spec.domain, spec.version, spec.entity, spec.event);
  if (registry.has(subject)) throw new Error(`${subject} is defined twice`);
  const definition: MessageDefinition<SubjectOf<D, V, E, Ev>, TData> = Object.freeze({
    ...spec,
    subject,
    envelope: envelopeOf(subject, spec.data) as unknown as z.ZodType<
      Envelope<SubjectOf<D, V, E, Ev>, z.output<TData>>
    >,
  });
  registry.set(subject, definition);
  return definition;
}

/** Every registered message definition. */
export const allMessages = (): readonly MessageDefinition[] => [...registry.values()];

/** The definition for a canonical subject, if any. */
export const messageFor = (subject: string): MessageDefinition | undefined => registry.get(subject);

/**
 * Builds a validated envelope. Invalid data is a programming error in the producer and throws
 * {@link InvalidMessageError} before anything leaves the process.
 */
export function createEnvelope<D extends MessageDefinition>(
  definition: D,
  data: DataOf<D>,
  meta: EnvelopeMeta,
): MessageOf<D> {
  return parseEnvelope(definition, {
    id: meta.id ?? newMessageId(),
    type: definition.subject,
    source: meta.source,
    time: (meta.time ?? new Date()).toISOString(),
    correlationId: meta.correlationId,
    ...(meta.causationId === undefined ? {} : { causationId: meta.causationId }),
    data,
  });
}

// Envelopes this process has validated (the parsed objects zod returned). An envelope is created,
// written to the outbox and published: it is checked once, not at every hop. Envelopes are values
// (never mutated after creation), so the check stays true.
const validated = new WeakSet<object>();
const serialized = new WeakMap<object, string>();

/**
 * Validates a received value against a definition; throws {@link InvalidMessageError}. An
 * envelope this process already validated against the same definition is returned as it is.
 */
export function parseEnvelope<D extends MessageDefinition>(
  definition: D,
  raw: unknown,
): MessageOf<D> {
  if (
    typeof raw === 'object' &&
    raw !== null &&
    validated.has(raw) &&
    (raw as { type?: unknown }).type === definition.subject
  ) {
    return raw as MessageOf<D>;
  }
  const result = definition.envelope.safeParse(raw);
  if (!result.success) {
    throw new InvalidMessageError(definition.subject, describeIssues(result.error));
  }
  validated.add(result.data as object);
  return result.data as MessageOf<D>;
}

/** The JSON of an envelope, serialized once per envelope object (outbox row and publish share it). */
export function envelopeJson(envelope: object): string {
  let json = serialized.get(envelope);
  if (json === undefined) {
    json = JSON.stringify(envelope);
    serialized.set(envelope, json);
  }
  return json;
}

/** Human-readable zod issues: `data.requirements: Too small: expected string to have >=1 characters`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
