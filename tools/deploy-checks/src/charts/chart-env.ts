// The environment a service chart gives its container, computed from values the way
// charts/agent-bus-lib/templates/_env.tpl renders it, so the app's own config parser can judge it
// (DESIGN §1.6: deploy values are checked against the apps' config shapes). app-env.spec.ts ties
// the names produced here to the names the template declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHARTS_DIR } from './chart-tree';
import { type Values, isMap, valueAt } from './helm-values';

export const ENV_TEMPLATE = join(CHARTS_DIR, 'agent-bus-lib/templates/_env.tpl');

/** The variables the library sets from its own values (define agent-bus-lib.managedEnvNames). */
export function managedEnvNames(): string[] {
  const source = readFileSync(ENV_TEMPLATE, 'utf8');
  const body = /define "agent-bus-lib\.managedEnvNames" -}}\s*([A-Z0-9_ ]+?)\s*{{-/.exec(
    source,
  )?.[1];
  if (body === undefined) throw new Error(`${ENV_TEMPLATE}: managedEnvNames not found`);
  return body.split(/\s+/);
}

/** The literal `- name: X` entries of the env define (the ones that are not a range). */
export function declaredEnvNames(): string[] {
  const source = readFileSync(ENV_TEMPLATE, 'utf8');
  return [...source.matchAll(/^- name: ([A-Z][A-Z0-9_]*)$/gm)].map((m) => m[1] as string);
}

/** Values' template strings as rendered for a release; only `{{ .Release.Name }}` is supported. */
export function renderForRelease(text: string, release: string): string {
  const out = text.replace(/{{-?\s*\.Release\.Name\s*-?}}/g, release);
  if (out.includes('{{')) {
    throw new Error(`cannot render "${text}" here: only .Release.Name is known`);
  }
  return out;
}

export interface ContainerEnv {
  readonly env: Record<string, string>;
  /** Variables from Secrets: their values are unknown here. */
  readonly fromSecrets: string[];
}

/** The container env for a service chart's values (as coalesced for the release). */
export function containerEnv(values: Values, release: string): ContainerEnv {
  const str = (path: string): string => String(valueAt(values, path.split('.')) ?? '');
  const tpl = (path: string): string => renderForRelease(str(path), release);
  const env: Record<string, string> = {
    HTTP_HOST: '0.0.0.0',
    HTTP_PORT: str('containerPort'),
    NATS_URL: tpl('global.nats.url'),
    BUS_NAMESPACE: str('global.busNamespace'),
    BUS_PROVISION: str('busProvision'),
    BUS_STREAM_REPLICAS: str('global.nats.streamReplicas') || '1',
    MIGRATIONS_RUN: str('migrationsRun'),
    LOG_LEVEL: str('logLevel'),
    SHUTDOWN_TIMEOUT_MS: str('shutdownTimeoutMs'),
  };
  if (str('global.otel.tracesExporter')) {
    env['OTEL_TRACES_EXPORTER'] = str('global.otel.tracesExporter');
  }
  if (str('global.otel.endpoint')) env['OTEL_EXPORTER_OTLP_ENDPOINT'] = tpl('global.otel.endpoint');
  if (valueAt(values, ['usesChroma']) === true) env['CHROMA_URL'] = tpl('global.chroma.url');
  const extra = valueAt(values, ['env']);
  if (isMap(extra)) {
    for (const [name, value] of Object.entries(extra)) {
      env[name] = renderForRelease(String(value), release);
    }
  }
  const secrets = valueAt(values, ['secretEnv']);
  return { env, fromSecrets: ['DATABASE_URL', ...(isMap(secrets) ? Object.keys(secrets) : [])] };
}
