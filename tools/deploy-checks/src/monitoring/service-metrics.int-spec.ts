import { APP_NAMES, type AppName } from '@agentbus/contracts';
import { eventually, startStack, type Stack, testNamespace } from '@agentbus/testing';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { familiesOfExposition, type MetricFamily, queryableNames } from './exported-metrics';
import {
  dashboardExpressions,
  DASHBOARDS_DIR,
  filesIn,
  loadDashboard,
  loadRules,
  unknownMetrics,
} from './monitoring-files';
import { promtool } from './promtool';

/** Plays the OTel collector's OTLP/HTTP receiver: keeps each trace export's protobuf body. */
async function startOtlpReceiver(): Promise<{ url: string; bodies: Buffer[]; server: Server }> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, server };
}

/**
 * Whether an OTLP protobuf export carries the resource attribute `service.name = <name>`: the
 * KeyValue's key, then its AnyValue (field 2) holding a string_value (field 1) of that name.
 */
const namesService = (body: Buffer, name: string): boolean =>
  body.includes(
    Buffer.concat([
      Buffer.from('service.name'),
      Buffer.from([0x12, name.length + 2, 0x0a, name.length]),
      Buffer.from(name),
    ]),
  );

// The six built apps (dist/apps) against the real NATS, Postgres and Chroma, as operators run them:
// what Prometheus scrapes from each must lint clean and offer every series the dashboards and the
// alert rules query; with an OTLP endpoint set, their traces reach it.
describe('the services as Prometheus and the OTel collector see them', () => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const exposition = new Map<AppName, string>();

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    stack = await startStack(
      testNamespace(),
      Object.fromEntries(APP_NAMES.map((app) => [app, otlp])) as Record<AppName, typeof otlp>,
    );
    for (const [app, running] of stack.apps) {
      const response = await fetch(`${running.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      exposition.set(app, await response.text());
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    receiver?.server.close();
  });

  it.each(APP_NAMES)(
    '%s serves /metrics that promtool check metrics finds no problem in',
    (app) => {
      const text = exposition.get(app) ?? '';
      expect(text).toContain(`service="${app}"`);
      // promtool prints one line per problem (naming, units, help, types) and exits non-zero.
      expect(promtool(['check', 'metrics'], text)).toEqual({ status: 0, output: '' });
    },
  );

  it('offers every series the dashboards and the alert rules query', () => {
    const families: MetricFamily[] = [...exposition.values()].flatMap(familiesOfExposition);
    const expressions = [
      ...filesIn(DASHBOARDS_DIR, '.json').flatMap((file) =>
        dashboardExpressions(loadDashboard(file), file),
      ),
      ...loadRules().map((rule) => ({ where: `${rule.file} ${rule.alert}`, expr: rule.expr })),
    ];
    expect(expressions.length).toBeGreaterThan(50);
    expect(unknownMetrics(expressions, queryableNames(families))).toEqual([]);
  });

  it('exports the spans of a submitted project over OTLP, tagged with each service’s name', async () => {
    const response = await fetch(`${stack.gatewayUrl}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Traced',
        requirements: 'A small todo app with reminders, for the OTLP export check.',
      }),
    });
    expect(response.status).toBe(202);
    // Spans leave in batches (about every 5 s); the worker's come once it ran the first stage.
    await eventually(
      () => {
        const services = ['gateway', 'master-orchestrator', 'cpu-agent-worker'];
        const silent = services.filter(
          (service) => !receiver.bodies.some((body) => namesService(body, service)),
        );
        expect(silent).toEqual([]);
        const sent = Buffer.concat(receiver.bodies);
        expect(sent.includes('publish agentbus.workflow.v1.project.submitted')).toBe(true);
        expect(sent.includes('process agentbus.workflow.v1.project.submitted')).toBe(true);
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );
  }, 60_000);
});
