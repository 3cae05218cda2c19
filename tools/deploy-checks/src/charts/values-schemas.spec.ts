import { join } from 'node:path';
import { CHARTS_DIR, type Chart, chartDirs, loadChart, readYaml } from './chart-tree';
import { type Values, mergeValues } from './helm-values';
import { compileSchema, validateChartValues } from './values-validation';

const charts = chartDirs().map(loadChart);
const byName = (name: string): Chart => {
  const chart = charts.find((c) => c.meta.name === name);
  if (!chart) throw new Error(`no chart ${name}`);
  return chart;
};
const umbrella = byName('agent-bus');
const lib = byName('agent-bus-lib');
const services = charts.filter((c) => c.meta.type !== 'library' && c !== umbrella);

interface JsonSchema {
  readonly $schema?: string;
  readonly additionalProperties?: unknown;
  readonly properties?: Record<string, unknown>;
  readonly definitions?: Record<string, unknown>;
}
const schemaOf = (chart: Chart): JsonSchema => {
  if (!chart.schema) throw new Error(`${chart.meta.name} has no values.schema.json`);
  return chart.schema as JsonSchema;
};
const userValues = (file: string): Values => readYaml(join(umbrella.dir, file)) as Values;

describe('values.schema.json', () => {
  it.each(charts.map((c) => [c.meta.name, c]))(
    '%s: draft-07, compiles strictly, closed at the root, open to the keys Helm adds',
    (_name, chart) => {
      const schema = schemaOf(chart);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(() => compileSchema(schema)).not.toThrow();
      expect(schema.additionalProperties).toBe(false);
      // Helm adds `global` and a map per dependency (the library included) before it validates.
      const added = ['global', ...chart.dependencies.map((d) => d.meta.name)];
      expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(added));
    },
  );

  it.each(charts.map((c) => [c.meta.name, c]))('%s: values.yaml validates', (_name, chart) => {
    expect(validateChartValues(chart)).toEqual([]);
  });

  it.each(['values-dev.yaml', 'values-prod.yaml'])(
    'agent-bus with %s validates, each subchart against its own schema',
    (file) => {
      expect(validateChartValues(umbrella, userValues(file))).toEqual([]);
    },
  );

  it('the umbrella lets every subchart be switched off (its condition key is in its schema)', () => {
    for (const dep of umbrella.meta.dependencies ?? []) {
      if (dep.condition === undefined) continue;
      const [key, field] = dep.condition.split('.');
      expect({ dep: dep.name, key, field }).toEqual({
        dep: dep.name,
        key: dep.name,
        field: 'enabled',
      });
      expect(Object.keys(schemaOf(byName(dep.name)).properties ?? {})).toContain('enabled');
    }
  });
});

describe('values.schema.json catches mistakes in values files', () => {
  const dev = userValues('values-dev.yaml');
  it.each<[string, Values, string]>([
    [
      'a misspelt key in a subchart',
      { gateway: { replicaCont: 2 } },
      'agent-bus > gateway: / must NOT have additional properties (replicaCont)',
    ],
    [
      'a wrong type in a subchart',
      { 'cpu-agent-worker': { replicaCount: 'two' } },
      'agent-bus > cpu-agent-worker: /replicaCount must be integer',
    ],
    [
      'an env variable the app does not read',
      { gateway: { env: { CORS_ORIGIN: 'x' } } },
      'agent-bus > gateway: /env must NOT have additional properties (CORS_ORIGIN)',
    ],
    [
      'a sensitive variable in plain env',
      { gateway: { env: { GATEWAY_ADMIN_API_KEY: 'x' } } },
      '(GATEWAY_ADMIN_API_KEY)',
    ],
    [
      'a misspelt global',
      { global: { nats: { uri: 'nats://x:4222' } } },
      'agent-bus: /global/nats must NOT have additional properties (uri)',
    ],
    [
      'a two-node NATS cluster',
      { nats: { replicas: 2 } },
      'agent-bus: /nats/replicas must NOT be valid',
    ],
    [
      'a misspelt umbrella key',
      { postgres: { enabled: false } },
      'agent-bus: / must NOT have additional properties (postgres)',
    ],
    [
      'a bad durable name for scaling',
      { 'cpu-agent-worker': { autoscaling: { queueDepth: { consumer: 'CPU_requested' } } } },
      '/autoscaling/queueDepth/consumer must match pattern',
    ],
  ])('rejects %s', (_what, change, expected) => {
    const problems = validateChartValues(umbrella, mergeValues(dev, change));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('reads a subchart switched off as not validated (Helm drops it before validating)', () => {
    const off = mergeValues(dev, { gateway: { enabled: false, replicaCount: 'two' } });
    expect(validateChartValues(umbrella, off)).toEqual([]);
  });
});

describe('the agent-bus-lib contract', () => {
  const contract = schemaOf(lib);
  // env and secretEnv are narrowed per chart to the variables of its app (app-env.spec.ts).
  const narrowed = new Set(['env', 'secretEnv']);
  const contractKeys = Object.keys(contract.properties ?? {}).filter((k) => !narrowed.has(k));

  it.each(services.map((c) => [c.meta.name, c]))(
    '%s declares every contract key exactly as the library does',
    (_name, chart) => {
      const schema = schemaOf(chart);
      for (const key of contractKeys) {
        expect({ key, schema: schema.properties?.[key] }).toEqual({
          key,
          schema: contract.properties?.[key],
        });
      }
      for (const [name, definition] of Object.entries(contract.definitions ?? {})) {
        expect({ name, definition: schema.definitions?.[name] }).toEqual({ name, definition });
      }
    },
  );

  it('the umbrella declares the same globals, closed (it is the top: nothing else adds any)', () => {
    const libGlobal = contract.properties?.['global'] as JsonSchema;
    const umbrellaGlobal = schemaOf(umbrella).properties?.['global'] as JsonSchema;
    expect(umbrellaGlobal.properties).toEqual(libGlobal.properties);
    expect(umbrellaGlobal.additionalProperties).toBe(false);
  });

  it("the umbrella's global values are the library's keys (only the defaults differ)", () => {
    const keys = (v: unknown, prefix = ''): string[] =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.entries(v).flatMap(([k, x]) => keys(x, `${prefix}${k}.`))
        : [prefix];
    expect(keys(umbrella.values['global'])).toEqual(keys(lib.values['global']));
  });
});

it('charts/ holds the six service charts, the library and the umbrella', () => {
  expect(charts.map((c) => c.meta.name).sort()).toEqual(
    [
      'agent-bus',
      'agent-bus-lib',
      'cpu-agent-worker',
      'gateway',
      'gpu-job-controller',
      'master-orchestrator',
      'memory-service',
      'skills-registry',
    ].sort(),
  );
  expect(loadChart(join(CHARTS_DIR, 'gateway')).meta.type).toBe('application');
});
