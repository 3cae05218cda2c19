import { type MsgHdrs } from '@nats-io/transport-node';
import { type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';

/** Lets OpenTelemetry propagators write into NATS headers (`traceparent`, `tracestate`, baggage). */
export const natsHeaderSetter: TextMapSetter<MsgHdrs> = {
  set(carrier, key, value) {
    carrier.set(key, value);
  },
};

/** Lets OpenTelemetry propagators read NATS headers; a missing header is `undefined`, not `''`. */
export const natsHeaderGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys(carrier) {
    return carrier ? carrier.keys() : [];
  },
  get(carrier, key) {
    if (!carrier?.has(key)) return undefined;
    const values = carrier.values(key);
    return values.length === 1 ? values[0] : values;
  },
};

/** NATS headers as a plain record of value lists (what handlers and the DLQ see). */
export function headersToRecord(headers: MsgHdrs | undefined): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  if (!headers) return record;
  for (const [key, values] of headers) record[key] = [...values];
  return record;
}

/** Header values must stay on one line and short; reasons come from arbitrary error messages. */
export const toHeaderValue = (text: string, max = 512): string =>
  text.replace(/[\r\n]+/g, ' ').slice(0, max);
