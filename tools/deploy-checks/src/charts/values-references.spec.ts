import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CHARTS_DIR, chartDirs, loadChart } from './chart-tree';
import { checkValuesReferences } from './values-references';

const LIB_DIR = join(CHARTS_DIR, 'agent-bus-lib');
const LIB_VALUES = readFileSync(join(LIB_DIR, 'values.yaml'), 'utf8');

describe(`${checkValuesReferences.name} on charts/`, () => {
  it.each(chartDirs().map((dir) => [dir.slice(CHARTS_DIR.length + 1), dir]))(
    '%s reads only values it defines, includes only defines that exist, and defines nothing unread',
    (_name, dir) => {
      const report = checkValuesReferences(loadChart(dir));
      expect(report.problems).toEqual([]);
      expect(report.unused).toEqual([]);
    },
  );

  it('follows the service charts into the library (the deployment reads the probes)', () => {
    const report = checkValuesReferences(loadChart(join(CHARTS_DIR, 'gateway')));
    const read = report.analysis.references.map((r) => `${r.file} ${r.path.join('.')}`);
    expect(read).toContain('agent-bus-lib/templates/_deployment.tpl probes.readiness');
    expect(read).toContain(
      'agent-bus-lib/templates/_autoscaling.tpl autoscaling.queueDepth.consumer',
    );
  });

  it("follows the umbrella into its subcharts' values (the test pod reads the gateway's port)", () => {
    const report = checkValuesReferences(loadChart(join(CHARTS_DIR, 'agent-bus')));
    const read = report.analysis.references.map((r) => r.path.join('.'));
    expect(read).toEqual(
      expect.arrayContaining(['gateway.service.port', 'gateway.fullnameOverride']),
    );
  });
});

describe(`${checkValuesReferences.name} on a chart with mistakes`, () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'chart-refs-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A chart under the temp dir, depending on the real library chart.
  const chartWith = (name: string, files: Record<string, string>): string => {
    const dir = join(root, name);
    const all: Record<string, string> = {
      'Chart.yaml': [
        'apiVersion: v2',
        `name: ${name}`,
        'version: 0.1.0',
        'dependencies:',
        '  - name: agent-bus-lib',
        '    version: 0.1.0',
        `    repository: file://${LIB_DIR}`,
      ].join('\n'),
      'values.yaml': LIB_VALUES,
      ...files,
    };
    for (const [file, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  };
  const problemsOf = (name: string, files: Record<string, string>): string[] =>
    checkValuesReferences(loadChart(chartWith(name, files))).problems;

  it('passes the library contract as it is (the control case)', () => {
    const files = { 'templates/deployment.yaml': '{{ include "agent-bus-lib.deployment" . }}' };
    expect(problemsOf('control', files)).toEqual([]);
  });

  it.each([
    ['a typo at the top', '{{ .Values.imgae.tag }}', 'imgae'],
    ['a typo further down', 'port: {{ .Values.service.prot }}', 'service.prot'],
    ['a typo inside with', '{{ with .Values.service }}{{ .typ }}{{ end }}', 'service.typ'],
    [
      'a typo through a variable',
      '{{ $s := .Values.autoscaling }}{{ $s.queueDepth.consumr }}',
      'consumr',
    ],
    [
      'a typo through $ inside range',
      '{{ range .Values.tolerations }}{{ $.Values.podLabel }}{{ end }}',
      'podLabel',
    ],
    [
      'a typo through index',
      '{{ index .Values "serviceMonitor" "intervl" }}',
      'serviceMonitor.intervl',
    ],
    ['a field read off a scalar', '{{ .Values.logLevel.name }}', 'logLevel is not a map'],
    [
      'a misspelt define',
      '{{ include "agent-bus-lib.deploymnet" . }}',
      'no define named "agent-bus-lib.deploymnet"',
    ],
    ['a computed define name', '{{ include (printf "%s.env" .Chart.Name) . }}', 'computed name'],
  ])('reports %s', (_what, template, expected) => {
    const name = `typo-${expected
      .replace(/[^a-z]/gi, '')
      .toLowerCase()
      .slice(0, 20)}`;
    const problems = problemsOf(name, {
      'templates/broken.yaml': `kind: ConfigMap\nx: ${template}\n`,
    });
    expect(problems).toEqual([expect.stringContaining(expected)]);
    expect(problems[0]).toMatch(/broken\.yaml:2:/);
  });

  it('reports a value the library reads that the chart does not define, at the library line', () => {
    const values = LIB_VALUES.replace(/^probes:\n( {2}.*\n)+/m, '');
    const problems = problemsOf('no-probes', {
      'values.yaml': values,
      'templates/deployment.yaml': '{{ include "agent-bus-lib.deployment" . }}',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^agent-bus-lib\/templates\/_deployment\.tpl:\d+: \.Values\.probes\.startup/,
      ),
      expect.stringContaining('.Values.probes.liveness'),
      expect.stringContaining('.Values.probes.readiness'),
    ]);
  });

  it('reports a typo inside a template string in values.yaml that the library renders with tpl', () => {
    const values = LIB_VALUES.replace(
      'extraVolumes: []',
      "extraVolumes:\n  - name: x\n    configMap:\n      name: '{{ .Values.fullnameOverrid }}'",
    );
    const problems = problemsOf('tpl-typo', {
      'values.yaml': values,
      'templates/deployment.yaml': '{{ include "agent-bus-lib.deployment" . }}',
    });
    expect(problems).toEqual([expect.stringContaining('(tpl of .Values.extraVolumes)')]);
    expect(problems[0]).toContain('.Values.fullnameOverrid:');
  });

  it('lists values no template reads', () => {
    const values = `${LIB_VALUES}\nleftOver:\n  size: 1\n`;
    const report = checkValuesReferences(
      loadChart(
        chartWith('unused', {
          'values.yaml': values,
          'templates/deployment.yaml': '{{ include "agent-bus-lib.deployment" . }}',
        }),
      ),
    );
    expect(report.unused).toEqual(expect.arrayContaining(['leftOver.size']));
  });
});
