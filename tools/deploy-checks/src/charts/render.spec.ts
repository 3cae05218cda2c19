import { join } from 'node:path';
import { validateObject } from '../k8s/schema';
import { type K8sObject, parseObjects } from '../k8s/manifests';
import { CHARTS_DIR, type Chart, chartDirs, loadChart, readYaml } from './chart-tree';
import { parseTemplate } from './go-template';
import { type Values, mergeValues } from './helm-values';
import { RenderError, Renderer, goFloat } from './render';
import { renderChart } from './render-chart';
import { podSecurityProblems } from './pod-security';
import { releaseReferenceProblems } from './release-references';
import { collectDefines } from './template-analysis';

const charts = chartDirs().map(loadChart);
const umbrella = loadChart(join(CHARTS_DIR, 'agent-bus'));
const fileValues = (file: string): Values => readYaml(join(umbrella.dir, file)) as Values;
// CRDs kubernetes-models has no schema for; CI's kubeconform checks them against the CRD catalog.
const WITHOUT_SCHEMA = ['monitoring.coreos.com/v1/ServiceMonitor'];

describe(Renderer.name, () => {
  const render = (source: string, values: Values = {}, defines = ''): string =>
    new Renderer(collectDefines([{ file: 'd.tpl', nodes: parseTemplate(defines) }])).render(
      parseTemplate(source),
      {
        Values: values,
        Chart: { Name: 'c' },
        Release: { Name: 'r' },
        Capabilities: {},
        Template: {},
      },
      't.yaml',
    );

  it.each([
    ['trim markers', 'a:\n  {{- " b" }}\n{{- /* c */ -}}\n  d', 'a: bd'],
    ['with and else', '{{ with .Values.x }}{{ . }}{{ else }}none{{ end }}', 'none'],
    [
      'range over a map in key order',
      '{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}',
      'a=1;b=2;',
    ],
    [
      'variables assigned in a block',
      '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}',
      '2',
    ],
    ['include and nindent', 'k:{{ include "l" . | nindent 2 }}', 'k:\n  a: c\n  b: r'],
    ['tpl with the root', '{{ tpl .Values.s . }}', 'r-nats'],
    ['default over an empty value', '{{ .Values.e | default "d" }}', 'd'],
    ['a missing key prints nothing', 'x{{ .Values.nope }}y', 'xy'],
    ['toYaml sorted, lists not indented', '{{ toYaml .Values.m }}', 'a: 1\nb: 2'],
    ['dig with a default', '{{ dig "a" 0 .Values.m }}/{{ dig "z" "none" .Values.m }}', '1/none'],
  ])('%s', (_what, source, expected) => {
    const values = { m: { b: 2, a: 1 }, s: '{{ .Release.Name }}-nats', e: '' };
    expect(
      render(
        source,
        values,
        '{{ define "l" }}a: {{ .Chart.Name }}\nb: {{ .Release.Name }}{{ end }}',
      ),
    ).toBe(expected);
  });

  it.each([
    [
      'a field of nil',
      '{{ .Values.nope.deeper }}',
      /nil pointer evaluating interface \{\}\.deeper/,
    ],
    [
      'an int compared with a float (a number from values)',
      '{{ if eq .Values.n 2 }}{{ end }}',
      /incompatible types/,
    ],
    ['fail', '{{ fail "stop" }}', /fail: stop/],
    ['an unknown function', '{{ nosuch 1 }}', /"nosuch" is not known/],
    ['a missing define', '{{ include "nope" . }}', /no template "nope"/],
  ])('refuses %s', (_what, source, expected) => {
    expect(() => render(source, { n: 2 })).toThrow(expected);
    expect(() => render(source, { n: 2 })).toThrow(RenderError);
  });

  it('reads a missing key as nil, or as an error when strict (helm lint --strict)', () => {
    const template = parseTemplate('{{ .Values.nope | default "d" }}');
    const root = { Values: {}, Chart: {}, Release: {}, Capabilities: {}, Template: {} };
    expect(new Renderer(new Map()).render(template, root, 't')).toBe('d');
    expect(() => new Renderer(new Map(), true).render(template, root, 't')).toThrow(
      /map has no entry for key "nope"/,
    );
  });

  it('prints float64 values as Go does (large ones in exponent form)', () => {
    expect([goFloat(3000), goFloat(0.05), goFloat(1_000_000), goFloat(1234567)]).toEqual([
      '3000',
      '0.05',
      '1e+06',
      '1.234567e+06',
    ]);
  });
});

const cases: [string, Chart, Values, string[]][] = [
  ...charts
    .filter((c) => c.meta.type === 'application' && c !== umbrella)
    .map((c): [string, Chart, Values, string[]] => [
      `${c.meta.name} alone`,
      c,
      {},
      ['agent-bus-secrets'],
    ]),
  ['agent-bus with values.yaml', umbrella, {}, []],
  ['agent-bus with values-dev.yaml', umbrella, fileValues('values-dev.yaml'), []],
  [
    'agent-bus with values-prod.yaml',
    umbrella,
    fileValues('values-prod.yaml'),
    ['agent-bus-secrets'],
  ],
  [
    'agent-bus with every toggle on',
    umbrella,
    mergeValues(fileValues('values-prod.yaml'), {
      postgresql: { enabled: true },
      global: {
        database: { existingSecret: '{{ .Release.Name }}-database' },
        otel: { endpoint: 'http://otel:4318' },
      },
      gateway: {
        ingress: {
          enabled: true,
          className: 'nginx',
          hosts: [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
          tls: [{ secretName: 'tls', hosts: ['a.example.com'] }],
        },
        image: { digest: `sha256:${'a'.repeat(64)}` },
      },
      'cpu-agent-worker': {
        autoscaling: { targetCPUUtilizationPercentage: 80 },
        envFrom: [{ configMapRef: { name: 'extra' } }],
      },
    }),
    ['agent-bus-secrets'],
  ],
];

describe.each(cases)('rendering %s', (_name, chart, values, externalSecrets) => {
  let objects: readonly K8sObject[];
  beforeAll(() => {
    objects = renderChart(chart, values).objects;
  });

  it('renders YAML that parses into objects', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  it('renders under helm lint --strict too (no template reads a key its map lacks)', () => {
    expect(renderChart(chart, values, { strict: true }).objects).toEqual(objects);
  });

  it('gives objects valid against the Kubernetes schemas', async () => {
    const problems: string[] = [];
    for (const object of objects) {
      await validateObject(object, WITHOUT_SCHEMA).catch((e: Error) => problems.push(e.message));
    }
    expect(problems).toEqual([]);
  });

  it('gives objects whose references to each other hold', () => {
    expect(releaseReferenceProblems(objects, externalSecrets)).toEqual([]);
  });

  it('runs every pod under Pod Security "restricted", with a read-only root filesystem', () => {
    expect(objects.flatMap(podSecurityProblems)).toEqual([]);
  });
});

describe('a rendered umbrella install (values-dev.yaml)', () => {
  const { objects, notes } = renderChart(umbrella, fileValues('values-dev.yaml'));
  const byKind = (kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);

  it('has a Deployment per service and the bundled NATS, Postgres and Chroma', () => {
    expect(
      byKind('Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(
      [
        'cpu-agent-worker',
        'gateway',
        'gpu-job-controller',
        'master-orchestrator',
        'memory-service',
        'skills-registry',
      ]
        .map((a) => `agent-bus-${a}`)
        .sort(),
    );
    expect(
      byKind('StatefulSet')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['agent-bus-chroma', 'agent-bus-nats', 'agent-bus-postgresql']);
  });

  it('has one helm test pod, aimed at the gateway Service and its port', () => {
    const [test, ...others] = byKind('Pod');
    expect(others).toEqual([]);
    expect((test?.metadata['annotations'] as Record<string, string>)['helm.sh/hook']).toBe('test');
    expect(JSON.stringify(test)).toContain('http://agent-bus-gateway:3000/readyz');
  });

  it('ships the GPU Job template as a valid batch/v1 Job under the same pod rules', async () => {
    const map = byKind('ConfigMap').find(
      (o) => o.metadata.name === 'agent-bus-gpu-job-controller-job-template',
    );
    const [job, ...more] = parseObjects(
      (map?.['data'] as Record<string, string>)['job.yaml'] ?? '',
      'job.yaml',
    );
    expect(more).toEqual([]);
    const named = { ...(job as K8sObject), metadata: { ...job?.metadata, name: 'gpu-task-x' } };
    expect(named.kind).toBe('Job');
    await expect(validateObject(named)).resolves.toBeUndefined();
    expect(podSecurityProblems(named)).toEqual([]);
    expect(JSON.stringify(named)).toContain('"nvidia.com/gpu":1');
  });

  it('renders NOTES.txt with the connections', () => {
    expect(notes).toContain('NATS      nats://agent-bus-nats:4222 (bundled, 1 server)');
  });
});

describe('a rendered production install (values-prod.yaml)', () => {
  const { objects } = renderChart(umbrella, fileValues('values-prod.yaml'));

  it('gives every service three stream replicas, as many as NATS servers', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    const settings = deployments.map((d) => {
      const match = /"name":"BUS_STREAM_REPLICAS","value":"(\d+)"/.exec(JSON.stringify(d));
      return [d.metadata.name, match?.[1]];
    });
    expect(settings).toHaveLength(6);
    expect(settings.filter(([, replicas]) => replicas !== '3')).toEqual([]);
    const nats = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name.endsWith('-nats'));
    expect((nats?.['spec'] as { replicas: number }).replicas).toBe(3);
  });
});

describe('rendering refuses values the templates guard against', () => {
  it.each<[string, Values, RegExp]>([
    [
      'a grace period shorter than the drain',
      { gateway: { terminationGracePeriodSeconds: 5 } },
      /terminationGracePeriodSeconds must be longer/,
    ],
    ['a two-node NATS cluster', { nats: { replicas: 2 } }, /a 2-node JetStream cluster/],
    [
      'more stream replicas than NATS servers',
      { global: { nats: { streamReplicas: 3 } } },
      /streamReplicas \(3\) is more than nats.replicas \(1\)/,
    ],
    [
      'an env variable the library sets',
      { gateway: { env: { NATS_URL: 'nats://x:4222' } } },
      /NATS_URL is set by the chart/,
    ],
    [
      'autoscaling with nothing to scale on',
      { gateway: { autoscaling: { enabled: true, targetCPUUtilizationPercentage: 0 } } },
      /needs targetCPUUtilizationPercentage > 0/,
    ],
  ])('%s', (_what, change, expected) => {
    expect(() => renderChart(umbrella, mergeValues(fileValues('values-dev.yaml'), change))).toThrow(
      expected,
    );
  });
});

describe('the rendered-release checks catch', () => {
  it('a container that may escalate, keeps capabilities and writes its root filesystem', () => {
    const pod: K8sObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'c', securityContext: {} }],
      },
    };
    expect(podSecurityProblems(pod)).toEqual([
      'Pod/p c: allowPrivilegeEscalation is not false',
      'Pod/p c: does not drop ALL capabilities',
      'Pod/p c: root filesystem is writable',
    ]);
  });

  const { objects } = renderChart(umbrella, fileValues('values-dev.yaml'));
  const replace = (kind: string, name: string, edit: (o: K8sObject) => K8sObject): K8sObject[] =>
    objects.map((o) =>
      o.kind === kind && o.metadata.name === name ? edit(structuredClone(o)) : o,
    );

  it('an object the Kubernetes schema refuses', async () => {
    const [broken] = replace('Deployment', 'agent-bus-gateway', (o) => ({
      ...o,
      spec: { ...(o['spec'] as object), replicas: 'two' },
    })).filter((o) => o.kind === 'Deployment' && o.metadata.name === 'agent-bus-gateway');
    await expect(validateObject(broken as K8sObject)).rejects.toThrow(/replicas/);
  });

  it('a Service that selects nothing, and an HPA aimed at a missing Deployment', () => {
    const broken = replace('Service', 'agent-bus-gateway', (o) => ({
      ...o,
      spec: { ...(o['spec'] as object), selector: { 'app.kubernetes.io/name': 'gatewy' } },
    }));
    broken.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'agent-bus-gatewy' } },
    });
    expect(releaseReferenceProblems(broken)).toEqual([
      'Service/agent-bus-gateway: selects no workload',
      'HorizontalPodAutoscaler/x: Deployment agent-bus-gatewy is not rendered',
    ]);
  });

  it('a template whose indentation breaks the YAML', () => {
    const chart = loadChart(join(CHARTS_DIR, 'skills-registry'));
    const shifted = {
      ...chart,
      templates: [
        ...chart.templates,
        {
          file: 'skills-registry/templates/bad.yaml',
          nodes: parseTemplate(
            'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n  labels:\n  {{- include "agent-bus-lib.selectorLabels" . | nindent 2 }}\n    extra: y\n',
          ),
        },
      ],
    };
    expect(() => renderChart(shifted)).toThrow(/bad\.yaml/);
  });
});
