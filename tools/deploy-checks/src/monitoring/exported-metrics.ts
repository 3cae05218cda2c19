import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A metric family as a service exposes it: its name and Prometheus type. */
export interface MetricFamily {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
}

/** Series Prometheus makes itself, valid in any query: per target, and from alerting. */
export const PROMETHEUS_SERIES: readonly string[] = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
];

/**
 * The series names a family is queried by: a histogram's `_bucket`, `_sum` and `_count`, a
 * summary's quantiles (the bare name) with `_sum` and `_count`, any other family by its name.
 */
export function seriesNamesOf({ name, type }: MetricFamily): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

/** The families of a Prometheus text exposition, from its `# TYPE` lines. */
export function familiesOfExposition(text: string): MetricFamily[] {
  return [...text.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$/gm)].map(
    ([, name, type]) => ({
      name: name ?? '',
      type: (type ?? 'untyped') as MetricFamily['type'],
    }),
  );
}

const DEFINITION =
  /new\s+(Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\s*\(\s*\{\s*name:\s*(['"])([^'"]+)\2/g;
const CONSTRUCTION = /new\s+(Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\s*\(/g;

/** Metric definitions found in one source file, and how many `new Counter(` etc. it has. */
export function definitionsInSource(source: string): {
  families: MetricFamily[];
  constructions: number;
} {
  const families = [...source.matchAll(DEFINITION)].map(([, kind, , name]) => ({
    name: name ?? '',
    type: (kind ?? '').toLowerCase() as MetricFamily['type'],
  }));
  return { families, constructions: [...source.matchAll(CONSTRUCTION)].length };
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'test', 'tmp'].includes(entry.name)) yield* sourceFiles(path);
    } else if (
      entry.name.endsWith('.ts') &&
      !/\.(?:spec|int-spec|e2e-spec)\.ts$/.test(entry.name)
    ) {
      yield path;
    }
  }
}

/**
 * Every metric family the services' code defines (`new Counter({ name: '…' })` and its kin in the
 * non-test sources of `apps/` and `libs/`), with the file of each. A definition whose name is not a
 * literal right after `{` is reported in `unreadable`, so a spec can insist on there being none.
 */
export function familiesInCode(root: string): {
  families: (MetricFamily & { file: string })[];
  unreadable: string[];
} {
  const families: (MetricFamily & { file: string })[] = [];
  const unreadable: string[] = [];
  for (const top of ['apps', 'libs']) {
    for (const file of sourceFiles(join(root, top))) {
      const found = definitionsInSource(readFileSync(file, 'utf8'));
      families.push(...found.families.map((family) => ({ ...family, file })));
      if (found.constructions !== found.families.length) unreadable.push(file);
    }
  }
  return { families, unreadable };
}

/**
 * prom-client's default Node metrics, which every service registers through the observability
 * lib. Gauges named `*_total` are left out: that registry drops them (promtool reports them).
 */
export async function defaultNodeFamilies(): Promise<MetricFamily[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const families = familiesOfExposition(await registry.metrics());
  registry.clear();
  return families.filter(({ name, type }) => type === 'counter' || !name.endsWith('_total'));
}

/** What the services can be queried for, read from their code and prom-client's defaults. */
export async function queryableFromCode(root: string): Promise<Set<string>> {
  return queryableNames([...familiesInCode(root).families, ...(await defaultNodeFamilies())]);
}

/** The series names a set of families offers, plus the ones Prometheus makes itself. */
export function queryableNames(families: readonly MetricFamily[]): Set<string> {
  return new Set([...families.flatMap(seriesNamesOf), ...PROMETHEUS_SERIES]);
}
