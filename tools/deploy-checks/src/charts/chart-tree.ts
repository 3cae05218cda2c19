// Reads a chart directory the way Helm loads it: Chart.yaml, values.yaml, values.schema.json, the
// files under templates/ and the `file://` dependencies, recursively.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseTemplate } from './go-template';
import { type TemplateFile } from './template-analysis';
import { type ChartValuesNode, type Values, isMap } from './helm-values';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const CHARTS_DIR = join(REPO_ROOT, 'charts');

export interface ChartDependency {
  readonly name: string;
  readonly version: string;
  readonly repository: string;
  readonly condition?: string;
}

export interface ChartMeta {
  readonly apiVersion: string;
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly type?: 'application' | 'library';
  readonly dependencies?: readonly ChartDependency[];
}

export interface Chart {
  readonly dir: string;
  readonly meta: ChartMeta;
  readonly values: Values;
  readonly schema: object | undefined;
  /** Every file under templates/, relative to the chart directory. */
  readonly templateFiles: readonly string[];
  /** The parsed templates (NOTES.txt included: Helm renders it too). */
  readonly templates: readonly TemplateFile[];
  readonly dependencies: readonly Chart[];
}

/** Parses a YAML file with duplicate keys as errors (yaml's default). */
export const readYaml = (path: string): unknown => parse(readFileSync(path, 'utf8'));

/** The chart directories under charts/ (those with a Chart.yaml). */
export function chartDirs(root = CHARTS_DIR): string[] {
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((dir) => existsSync(join(dir, 'Chart.yaml')))
    .sort();
}

const cache = new Map<string, Chart>();

/** Loads a chart and its `file://` dependencies (each loaded once per process). */
export function loadChart(dir: string): Chart {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const meta = readYaml(join(dir, 'Chart.yaml')) as ChartMeta;
  const valuesPath = join(dir, 'values.yaml');
  const values = existsSync(valuesPath) ? readYaml(valuesPath) : {};
  if (!isMap(values)) throw new Error(`${valuesPath}: not a map`);
  const schemaPath = join(dir, 'values.schema.json');
  const schema = existsSync(schemaPath)
    ? (JSON.parse(readFileSync(schemaPath, 'utf8')) as object)
    : undefined;
  const templateFiles = listFiles(join(dir, 'templates')).map((f) => relative(dir, f));
  const templates = templateFiles.map((file) => ({
    file: `${meta.name}/${file}`,
    nodes: parseTemplate(readFileSync(join(dir, file), 'utf8')),
  }));
  const dependencies = (meta.dependencies ?? []).map((dep) => loadChart(dependencyDir(dir, dep)));
  const chart = { dir, meta, values, schema, templateFiles, templates, dependencies };
  cache.set(key, chart);
  return chart;
}

/** The directory a `file://` dependency points at. */
export function dependencyDir(chartDir: string, dep: ChartDependency): string {
  if (!dep.repository.startsWith('file://')) {
    throw new Error(
      `${chartDir}: dependency ${dep.name} is not a file:// chart (${dep.repository})`,
    );
  }
  return resolve(chartDir, dep.repository.slice('file://'.length));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

/** The chart as the value coalescing sees it (dependency keys are their names; we use no aliases). */
export function valuesNode(chart: Chart): ChartValuesNode {
  return {
    name: chart.meta.name,
    values: chart.values,
    dependencies: chart.dependencies.map(valuesNode),
  };
}

/** The chart and all its dependencies, depth first, each once. */
export function chartAndDependencies(chart: Chart): Chart[] {
  const seen = new Map<string, Chart>();
  const visit = (c: Chart): void => {
    if (seen.has(c.meta.name)) return;
    seen.set(c.meta.name, c);
    c.dependencies.forEach(visit);
  };
  visit(chart);
  return [...seen.values()];
}
