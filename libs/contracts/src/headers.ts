/** NATS header names the bus reads and writes. */
export const HEADERS = {
  msgId: 'Nats-Msg-Id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  deadLetterReason: 'Agentbus-Dead-Letter-Reason',
  /** On a message replayed from the DLQ: the id of the dead letter it came from. */
  replayOf: 'Agentbus-Replay-Of',
} as const;
