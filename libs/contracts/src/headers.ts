/** NATS header names the bus reads and writes. */
export const HEADERS = {
  msgId: 'Nats-Msg-Id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  deadLetterReason: 'Agentbus-Dead-Letter-Reason',
} as const;
