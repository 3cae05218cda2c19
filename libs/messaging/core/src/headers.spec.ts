import { headers as natsHeaders } from '@nats-io/transport-node';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { headersToRecord, natsHeaderGetter, natsHeaderSetter, toHeaderValue } from './headers';

const propagator = new W3CTraceContextPropagator();
const spanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

describe('NATS header carrier', () => {
  it('round-trips a W3C trace context through NATS headers', () => {
    const headers = natsHeaders();
    propagator.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), headers, natsHeaderSetter);

    expect(headers.get('traceparent')).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
    const extracted = propagator.extract(ROOT_CONTEXT, headers, natsHeaderGetter);
    expect(trace.getSpanContext(extracted)).toMatchObject({ ...spanContext, isRemote: true });
  });

  it('reports a missing header as undefined, not as an empty string', () => {
    const headers = natsHeaders();
    expect(natsHeaderGetter.get(headers, 'traceparent')).toBeUndefined();
    expect(natsHeaderGetter.get(undefined, 'traceparent')).toBeUndefined();
    expect(natsHeaderGetter.keys(undefined)).toEqual([]);
  });

  it('returns every value of a repeated header', () => {
    const headers = natsHeaders();
    headers.append('baggage', 'a=1');
    headers.append('baggage', 'b=2');
    expect(natsHeaderGetter.get(headers, 'baggage')).toEqual(['a=1', 'b=2']);
    expect(natsHeaderGetter.keys(headers)).toEqual(['baggage']);
  });
});

describe(headersToRecord.name, () => {
  it('copies headers into a plain record of value lists', () => {
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', 'abc');
    headers.append('x', '1');
    headers.append('x', '2');
    expect(headersToRecord(headers)).toEqual({ 'Nats-Msg-Id': ['abc'], x: ['1', '2'] });
    expect(headersToRecord(undefined)).toEqual({});
  });
});

describe(toHeaderValue.name, () => {
  it('keeps a value on one line and bounded', () => {
    expect(toHeaderValue('a\r\nb\nc', 10)).toBe('a b c');
    expect(toHeaderValue('x'.repeat(20), 5)).toBe('xxxxx');
  });
});
