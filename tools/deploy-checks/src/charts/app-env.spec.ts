import { join } from 'node:path';
import { CHARTS_DIR, REPO_ROOT, type Chart, loadChart, readYaml, valuesNode } from './chart-tree';
import { containerEnv, declaredEnvNames, managedEnvNames, renderForRelease } from './chart-env';
import { type Values, coalesce, isMap } from './helm-values';

// Each app's config loader (defineConfig in apps/<app>/src/config.ts): the shape of the variables
// it reads, the sensitive ones, and the parser that refuses a bad environment at start. It is read
// at run time from outside, as an operator's deploy would meet it; deploy-checks does not build on
// the apps (so no static import crosses the project boundary).
interface ConfigLoader {
  readonly shape: Record<string, unknown>;
  readonly sensitiveKeys: readonly string[];
  load(env: Record<string, string | undefined>): Record<string, unknown>;
}

const isLoader = (value: unknown): value is ConfigLoader =>
  typeof value === 'object' &&
  value !== null &&
  'shape' in value &&
  'sensitiveKeys' in value &&
  'load' in value;

async function configOf(app: string): Promise<ConfigLoader> {
  const module = (await import(join(REPO_ROOT, 'apps', app, 'src/config.ts'))) as Record<
    string,
    unknown
  >;
  const loader = Object.values(module).find(isLoader);
  if (!loader) throw new Error(`apps/${app}/src/config.ts exports no defineConfig loader`);
  return loader;
}

interface EnvSchema {
  readonly properties: {
    readonly env: { readonly properties: Record<string, unknown> };
    readonly secretEnv: { readonly propertyNames: { readonly enum: readonly string[] } };
  };
}

const SERVICES = [
  'gateway',
  'master-orchestrator',
  'cpu-agent-worker',
  'gpu-job-controller',
  'memory-service',
  'skills-registry',
];
const umbrella = loadChart(join(CHARTS_DIR, 'agent-bus'));
const RELEASE = 'agent-bus';
const managed = managedEnvNames();
// What a Secret would hold, for the sensitive variables the parser checks.
const SECRET_SAMPLE = 'sample-secret-value-of-32-chars!';

describe.each(SERVICES)('the %s chart and its app', (app) => {
  const chart: Chart = loadChart(join(CHARTS_DIR, app));
  const schema = chart.schema as EnvSchema;
  const envKeys = Object.keys(schema.properties.env.properties);
  const secretKeys = schema.properties.secretEnv.propertyNames.enum;
  let config: ConfigLoader;
  let appKeys: string[];
  beforeAll(async () => {
    config = await configOf(app);
    appKeys = Object.keys(config.shape);
  });

  it('sets only variables the app reads (env, secretEnv and those the library sets)', () => {
    const setByLibrary = managed.filter((n) => n !== 'CHROMA_URL' || chart.values['usesChroma']);
    expect(setByLibrary.filter((k) => !appKeys.includes(k))).toEqual([]);
    expect(envKeys.filter((k) => !appKeys.includes(k))).toEqual([]);
    expect(secretKeys.filter((k) => !appKeys.includes(k))).toEqual([]);
  });

  it('lets every variable of the app be set, the sensitive ones only from a Secret', () => {
    const settable = new Set([...managed, ...envKeys, ...secretKeys]);
    expect(appKeys.filter((k) => !settable.has(k))).toEqual([]);
    expect(envKeys.filter((k) => config.sensitiveKeys.includes(k))).toEqual([]);
    const sensitive = config.sensitiveKeys.filter((k) => !managed.includes(k));
    expect(sensitive.filter((k) => !secretKeys.includes(k))).toEqual([]);
    expect([...envKeys, ...secretKeys].filter((k) => managed.includes(k))).toEqual([]);
  });

  it('gives CHROMA_URL exactly when the app reads it (usesChroma)', () => {
    expect(chart.values['usesChroma']).toBe(appKeys.includes('CHROMA_URL'));
  });

  it("listens on the app's own default port", () => {
    expect(chart.values['containerPort']).toBe(config.load({})['HTTP_PORT']);
  });

  const valueSets: [string, () => Values][] = [
    ['its values.yaml', () => coalesce(valuesNode(chart))],
    ...['values.yaml', 'values-dev.yaml', 'values-prod.yaml'].map(
      (file): [string, () => Values] => [
        `the umbrella's ${file}`,
        () => {
          const user = file === 'values.yaml' ? {} : (readYaml(join(umbrella.dir, file)) as Values);
          const values = coalesce(valuesNode(umbrella), user)[app];
          if (!isMap(values)) throw new Error(`no ${app} values`);
          return values;
        },
      ],
    ),
  ];
  it.each(valueSets)('with %s, the container env parses with the app config', (_what, values) => {
    const { env, fromSecrets } = containerEnv(values(), RELEASE);
    const secrets = Object.fromEntries(
      fromSecrets.map((k) => [
        k,
        k === 'DATABASE_URL' ? 'postgres://u:p@db:5432/agentbus' : SECRET_SAMPLE,
      ]),
    );
    expect(() => config.load({ ...env, ...secrets })).not.toThrow();
  });
});

describe('the env mirror used above', () => {
  it('produces the names agent-bus-lib/templates/_env.tpl declares', () => {
    const values = coalesce(valuesNode(loadChart(join(CHARTS_DIR, 'memory-service'))), {
      global: { otel: { tracesExporter: 'otlp', endpoint: 'http://collector:4318' } },
    });
    const { env, fromSecrets } = containerEnv(values, RELEASE);
    expect([...Object.keys(env), 'DATABASE_URL'].sort()).toEqual(declaredEnvNames().sort());
    expect(fromSecrets).toEqual(['DATABASE_URL']);
    expect(declaredEnvNames().sort()).toEqual([...managed].sort());
  });

  it('refuses a template it cannot render instead of passing it on', () => {
    expect(renderForRelease('nats://{{ .Release.Name }}-nats:4222', 'x')).toBe(
      'nats://x-nats:4222',
    );
    expect(() => renderForRelease('{{ .Release.Namespace }}', 'x')).toThrow(/only .Release.Name/);
  });

  it('would catch a value the app refuses (an origin with a path in CORS_ORIGINS)', async () => {
    const config = await configOf('gateway');
    const values = coalesce(valuesNode(loadChart(join(CHARTS_DIR, 'gateway'))), {
      env: { CORS_ORIGINS: 'https://app.example.com/console' },
    });
    const { env } = containerEnv(values, RELEASE);
    expect(() => config.load({ ...env, DATABASE_URL: 'postgres://u:p@db:5432/x' })).toThrow(
      /CORS_ORIGINS/,
    );
  });
});
