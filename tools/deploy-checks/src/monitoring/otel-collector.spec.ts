import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MONITORING, readYaml, ROOT } from './monitoring-files';

interface CollectorConfig {
  extensions?: Record<string, unknown>;
  receivers: Record<string, { protocols?: Record<string, { endpoint?: string }> }>;
  processors: Record<string, unknown>;
  exporters: Record<string, { endpoint?: string }>;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }>;
  };
}

// No collector binary here: this checks what `otelcol validate` would refuse first, plus our intent.
describe('OpenTelemetry collector config (deploy/monitoring/otel-collector.yaml)', () => {
  const config = readYaml(join(MONITORING, 'otel-collector.yaml')) as CollectorConfig;
  const traces = config.service.pipelines['traces'];

  it('wires every pipeline from components it defines', () => {
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      const missing = [
        ...pipeline.receivers.filter((id) => !(id in config.receivers)),
        ...(pipeline.processors ?? []).filter((id) => !(id in config.processors)),
        ...pipeline.exporters.filter((id) => !(id in config.exporters)),
      ];
      expect({ pipeline: name, missing }).toEqual({ pipeline: name, missing: [] });
    }
    for (const id of config.service.extensions ?? []) expect(config.extensions).toHaveProperty(id);
  });

  it('takes OTLP over gRPC and HTTP on the standard ports, the HTTP one the services use', () => {
    expect(traces?.receivers).toEqual(['otlp']);
    expect(config.receivers['otlp']?.protocols).toEqual({
      grpc: { endpoint: '0.0.0.0:4317' },
      http: { endpoint: '0.0.0.0:4318' },
    });
    const compose = parse(readFileSync(join(ROOT, 'deploy/compose/compose.yaml'), 'utf8')) as {
      'x-service-env': Record<string, string>;
    };
    expect(compose['x-service-env']['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe(
      'http://otel-collector:4318',
    );
  });

  it('limits memory first and batches before sending traces on over OTLP to Jaeger by default', () => {
    expect(traces?.processors).toEqual(['memory_limiter', 'batch']);
    expect(traces?.exporters).toEqual(['otlp_grpc/traces']);
    expect(config.exporters['otlp_grpc/traces']?.endpoint).toBe(
      '${env:TRACES_OTLP_ENDPOINT:-jaeger:4317}',
    );
  });
});
