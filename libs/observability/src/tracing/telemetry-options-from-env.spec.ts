import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { telemetryOptionsFromEnv } from './telemetry-options-from-env';

const ROOT = join(__dirname, '../../../..');
const FIXTURE = 'libs/observability/test/otlp-export.main.ts';

describe(telemetryOptionsFromEnv.name, () => {
  const endpoint = 'http://otel-collector:4318';

  it.each([
    ['nothing set', 'none', {}],
    ['an OTLP endpoint', 'otlp', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }],
    [
      'a traces-only endpoint',
      'otlp',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` },
    ],
    ['an empty endpoint', 'none', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }],
    ['an explicit exporter', 'console', { OTEL_TRACES_EXPORTER: 'console' }],
    [
      'none over an endpoint',
      'none',
      { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    ],
    ['otlp without an endpoint (SDK default URL)', 'otlp', { OTEL_TRACES_EXPORTER: 'OTLP' }],
    ['an unknown exporter', 'none', { OTEL_TRACES_EXPORTER: 'zipkin' }],
    [
      'the SDK disabled',
      'none',
      { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    ],
    [
      'the SDK not disabled',
      'otlp',
      { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
    ],
  ])('with %s exports to %s', (_case, exporter, env) => {
    expect(telemetryOptionsFromEnv('gateway', env)).toEqual({ serviceName: 'gateway', exporter });
  });

  it('takes OTEL_SERVICE_NAME over the app name, unless blank', () => {
    expect(telemetryOptionsFromEnv('gateway', { OTEL_SERVICE_NAME: 'gw-eu' }).serviceName).toBe(
      'gw-eu',
    );
    expect(telemetryOptionsFromEnv('gateway', { OTEL_SERVICE_NAME: '' }).serviceName).toBe(
      'gateway',
    );
  });
});

describe('OTLP export configured from the environment', () => {
  let collector: Server;
  const received: { path: string | undefined; type: string | undefined; body: Buffer }[] = [];

  beforeAll(async () => {
    // Plays the collector's OTLP/HTTP receiver: records each export and answers as it does.
    collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url,
          type: req.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
  });

  afterAll(async () => {
    collector.close();
    await once(collector, 'close');
  });

  // A process of its own, as a service runs: the exporter reads the endpoint from its environment.
  const exportOneSpan = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'libs/observability/tsconfig.json', ...env },
      timeout: 30_000,
    });

  it('sends spans to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces under OTEL_SERVICE_NAME', async () => {
    const { port } = collector.address() as AddressInfo;
    const { stdout } = await exportOneSpan({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: 'orchestrator-eu-1',
    });
    expect(JSON.parse(stdout)).toEqual({ recording: true });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ path: '/v1/traces', type: 'application/x-protobuf' });
    // Protobuf keeps strings as UTF-8 bytes: the span and the resource's service.name are visible.
    expect(request?.body.includes('decide stage-completed')).toBe(true);
    expect(request?.body.includes('orchestrator-eu-1')).toBe(true);
    expect(request?.body.includes('master-orchestrator')).toBe(false);
  });

  it('starts no SDK, so records and sends nothing, when no endpoint is set', async () => {
    received.length = 0;
    const { stdout } = await exportOneSpan({
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
      OTEL_TRACES_EXPORTER: '',
    });
    expect(JSON.parse(stdout)).toEqual({ recording: false });
    expect(received).toEqual([]);
  });
});
