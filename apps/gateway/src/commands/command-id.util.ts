import { v5 as uuidv5 } from 'uuid';

// Fixed namespace of the gateway's name-based (v5) message ids; changing it would break dedupe.
const GATEWAY_NAMESPACE = 'c0e4a18a-4158-467c-b661-7173c04a848e';

/**
 * A message id derived from what makes a command the same command (e.g. the approval and the
 * decision), so a retried request publishes the same id and JetStream (`Nats-Msg-Id`) and the
 * orchestrator's inbox drop the copy.
 */
export const commandId = (...parts: readonly (string | number)[]): string =>
  uuidv5(parts.map(String).join('\u001f'), GATEWAY_NAMESPACE);
