import {
  type Envelope,
  envelopeJson,
  messageFor,
  parseEnvelope,
  PermanentError,
} from '@agentbus/contracts';

/**
 * Largest envelope the outbox accepts. NATS refuses payloads over its `max_payload` (1 MiB by
 * default, headers included), and because the relay keeps order, one row that can never be
 * published would hold back every row after it. So it is refused here, before the commit.
 */
export const MAX_ENVELOPE_BYTES = 900 * 1024;

/**
 * Validates an outgoing envelope against its registered contract and returns the parsed envelope
 * with its JSON. Throws {@link PermanentError} (or `InvalidMessageError`) for an unknown type,
 * data that breaks the contract, or an envelope too large to publish.
 */
export function checkedEnvelope(envelope: Envelope): { envelope: Envelope; json: string } {
  const definition = messageFor(envelope.type);
  if (definition === undefined) {
    throw new PermanentError(
      `no contract for "${envelope.type}": declare it in @agentbus/contracts before publishing it`,
    );
  }
  const parsed = parseEnvelope(definition, envelope);
  const json = envelopeJson(parsed);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_ENVELOPE_BYTES) {
    throw new PermanentError(
      `${envelope.type} ${envelope.id} is ${bytes} bytes (limit ${MAX_ENVELOPE_BYTES}): ` +
        'store the body in Postgres and send its id',
    );
  }
  return { envelope: parsed, json };
}
