import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { collectLines } from '../../test/collect-lines';
import { startTelemetry } from '../tracing/start-telemetry';
import { createLogger } from './create-logger';
import { runWithLogContext } from './log-context';

describe(createLogger.name, () => {
  it('writes one JSON object per line with service, ISO time and a string level', () => {
    const out = collectLines();
    const sut = createLogger({ service: 'gateway', destination: out });
    sut.info({ stageId: 'plan' }, 'stage started');
    sut.debug('below the default level');
    expect(out.lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        service: 'gateway',
        stageId: 'plan',
        msg: 'stage started',
      },
    ]);
  });

  it('adds the log context fields, and nothing when there is no context', () => {
    const out = collectLines();
    const sut = createLogger({ service: 'orch', level: 'debug', destination: out });
    const ctx = {
      correlationId: 'run-1',
      projectId: 'proj-1',
      causationId: 'msg-0',
      subject: 'agentbus.workflow.v1.stage.completed',
    };
    runWithLogContext(ctx, () => sut.debug('handling'));
    sut.debug('outside');
    expect(out.lines[0]).toMatchObject({ ...ctx, msg: 'handling' });
    expect(Object.keys(out.lines[1] ?? {})).not.toContain('correlationId');
  });

  it('adds traceId and spanId of the active span', async () => {
    const telemetry = startTelemetry({ serviceName: 'orch', exporter: new InMemorySpanExporter() });
    try {
      const out = collectLines();
      const sut = createLogger({ service: 'orch', destination: out });
      const ids = trace.getTracer('spec').startActiveSpan('work', (span) => {
        sut.info('inside');
        span.end();
        return span.spanContext();
      });
      sut.info('outside');
      expect(out.lines[0]).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
      expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(out.lines[1]).not.toHaveProperty('traceId');
    } finally {
      await telemetry.shutdown();
    }
  });

  it('carries trace, span and project together on every line of a traced message context', async () => {
    const telemetry = startTelemetry({ serviceName: 'orch', exporter: new InMemorySpanExporter() });
    try {
      const out = collectLines();
      const sut = createLogger({ service: 'orch', destination: out });
      const project = { correlationId: 'proj-7', projectId: 'proj-7', deliveryCount: 2 };
      const ids = await trace.getTracer('spec').startActiveSpan('process', async (span) => {
        await runWithLogContext(project, async () => {
          sut.info('first');
          await new Promise((resolve) => setImmediate(resolve));
          sut.warn('after an await');
        });
        span.end();
        return span.spanContext();
      });
      expect(out.lines).toHaveLength(2);
      for (const line of out.lines) {
        expect(line).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId, ...project });
      }
    } finally {
      await telemetry.shutdown();
    }
  });

  it('redacts secrets at the top level and nested in headers and config', () => {
    const out = collectLines();
    const sut = createLogger({ service: 'gateway', destination: out, redact: ['llm.prompt'] });
    sut.info({
      req: {
        headers: {
          authorization: 'Bearer s3cr3t-a',
          cookie: 'sid=s3cr3t-b',
          'x-api-key': 's3cr3t-h',
          host: 'x',
        },
      },
      password: 's3cr3t-c',
      config: { DATABASE_URL: 'postgres://u:s3cr3t-d@db/app', NATS_URL: 'nats://nats:4222' },
      user: { apiKey: 's3cr3t-e' },
      headers: { 'x-api-key': 's3cr3t-f' },
      llm: { prompt: 's3cr3t-g' },
    });
    const line = JSON.stringify(out.lines[0]);
    expect(line).not.toMatch(/s3cr3t/);
    expect(out.lines[0]).toMatchObject({
      req: {
        headers: {
          authorization: '[redacted]',
          cookie: '[redacted]',
          'x-api-key': '[redacted]',
          host: 'x',
        },
      },
      password: '[redacted]',
      config: { DATABASE_URL: '[redacted]', NATS_URL: 'nats://nats:4222' },
      user: { apiKey: '[redacted]' },
      headers: { 'x-api-key': '[redacted]' },
      llm: { prompt: '[redacted]' },
    });
  });
});
