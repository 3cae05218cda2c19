import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseTemplate } from './go-template';
import {
  CHARTS_DIR,
  type Chart,
  REPO_ROOT,
  chartAndDependencies,
  chartDirs,
  dependencyDir,
  loadChart,
  readYaml,
} from './chart-tree';
import { emitsObject, onlyDefines } from './chart-structure';
import { collectDefines } from './template-analysis';

const charts = chartDirs().map(loadChart);
const applications = charts.filter((c) => c.meta.type !== 'library');
const umbrella = charts.find((c) => c.meta.name === 'agent-bus');
const services = applications.filter((c) => c !== umbrella);
const named = (list: readonly Chart[]): [string, Chart][] => list.map((c) => [c.meta.name, c]);

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'templates' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });

describe('charts/', () => {
  it.each(yamlFiles(CHARTS_DIR).map((f) => [relative(CHARTS_DIR, f), f]))(
    '%s parses as YAML (no duplicate keys)',
    (_name, file) => {
      expect(() => readYaml(file)).not.toThrow();
    },
  );

  it.each(named(charts))('%s: Chart.yaml names its directory and a semver version', (_n, chart) => {
    expect(chart.meta.apiVersion).toBe('v2');
    expect(chart.meta.name).toBe(basename(chart.dir));
    expect(chart.meta.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(['application', 'library']).toContain(chart.meta.type);
  });

  it.each(named(charts))(
    '%s: every dependency is a file:// chart on disk with that name and version',
    (_n, chart) => {
      for (const dep of chart.meta.dependencies ?? []) {
        const dir = dependencyDir(chart.dir, dep);
        expect({ dep: dep.name, exists: existsSync(join(dir, 'Chart.yaml')) }).toEqual({
          dep: dep.name,
          exists: true,
        });
        const target = loadChart(dir).meta;
        expect({ name: target.name, version: target.version }).toEqual({
          name: dep.name,
          version: dep.version,
        });
      }
    },
  );

  it.each(named(applications))('%s: has templates/NOTES.txt', (_n, chart) => {
    expect(chart.templateFiles).toContain('templates/NOTES.txt');
  });

  it.each(named(charts))(
    '%s: every template is a helper (_*.tpl, defines only) or makes at least one object',
    (_n, chart) => {
      const defines = collectDefines(chartAndDependencies(chart).flatMap((c) => c.templates));
      for (const file of chart.templateFiles) {
        const nodes = parseTemplate(readFileSync(join(chart.dir, file), 'utf8'));
        const helper = basename(file).startsWith('_');
        if (chart.meta.type === 'library') expect({ file, helper }).toEqual({ file, helper: true });
        if (helper) {
          expect({ file, onlyDefines: onlyDefines(nodes) }).toEqual({ file, onlyDefines: true });
        } else if (basename(file) !== 'NOTES.txt') {
          expect({ file, makesObject: emitsObject(nodes, defines) }).toEqual({
            file,
            makesObject: true,
          });
        }
      }
    },
  );

  it.each(named(services))('%s: builds its objects from agent-bus-lib', (_n, chart) => {
    expect(chart.meta.dependencies?.map((d) => d.name)).toEqual(['agent-bus-lib']);
  });

  it('every application chart carries the version the images are released with', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(applications.map((c) => [c.meta.name, c.meta.appVersion])).toEqual(
      applications.map((c) => [c.meta.name, version]),
    );
  });
});

describe('the umbrella chart agent-bus', () => {
  if (!umbrella) throw new Error('charts/agent-bus is missing');
  const deps = umbrella.meta.dependencies ?? [];

  it('depends on every service chart (and the library), by name and version', () => {
    const services = deps.filter((d) => d.name !== 'agent-bus-lib');
    expect(services.map((d) => d.name).sort()).toEqual(
      charts
        .filter((c) => c.meta.type === 'application' && c !== umbrella)
        .map((c) => c.meta.name)
        .sort(),
    );
    for (const dep of deps) {
      const chart = charts.find((c) => c.meta.name === dep.name);
      expect([dep.name, dep.version]).toEqual([dep.name, chart?.meta.version]);
    }
  });

  it('switches each service with <name>.enabled, on by default', () => {
    for (const dep of deps.filter((d) => d.name !== 'agent-bus-lib')) {
      expect([dep.name, dep.condition]).toEqual([dep.name, `${dep.name}.enabled`]);
      expect([dep.name, (umbrella.values[dep.name] as { enabled?: unknown }).enabled]).toEqual([
        dep.name,
        true,
      ]);
    }
  });

  it('has values-dev.yaml, values-prod.yaml and a helm test hook on the gateway /readyz', () => {
    expect(existsSync(join(umbrella.dir, 'values-dev.yaml'))).toBe(true);
    expect(existsSync(join(umbrella.dir, 'values-prod.yaml'))).toBe(true);
    const test = readFileSync(join(umbrella.dir, 'templates/tests/gateway-readyz.yaml'), 'utf8');
    expect(test).toContain('helm.sh/hook: test');
    expect(test).toMatch(/\/readyz/);
  });
});

describe(emitsObject.name, () => {
  const defines = collectDefines([
    {
      file: 'lib/_x.tpl',
      nodes: parseTemplate(
        '{{ define "obj" }}apiVersion: v1\nkind: Service{{ end }}{{ define "label" }}a: b{{ end }}',
      ),
    },
  ]);
  it.each([
    ['a manifest', 'apiVersion: v1\nkind: ConfigMap\n', true],
    ['a manifest behind a toggle', '{{ if .Values.x }}\nkind: Pod\n{{ end }}', true],
    ['an include of a define that makes one', '{{ include "obj" . }}', true],
    ['an include of a define that makes none', 'metadata:\n  {{ include "label" . }}', false],
    ['an include of a define that does not exist', '{{ include "objj" . }}', false],
    ['only a comment', '{{/* kind: Pod */}}', false],
  ])('%s: %s', (_what, source, expected) => {
    expect(emitsObject(parseTemplate(source), defines)).toBe(expected);
  });

  it('tells a helper with a stray manifest from one with defines only', () => {
    expect(onlyDefines(parseTemplate('{{ define "a" }}x{{ end }}\n'))).toBe(true);
    expect(onlyDefines(parseTemplate('{{ define "a" }}x{{ end }}\nkind: Pod\n'))).toBe(false);
  });
});
