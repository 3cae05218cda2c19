import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse } from 'yaml';
import { serviceApps } from '../image/workspace';
import {
  configMaps,
  containerOf,
  deployments,
  type K8sObject,
  named,
  ofKind,
  podLabelsOf,
  render,
  statefulSets,
} from './manifests';
import { type Endpoint, type Flow, PolicySet, selects } from './network-policy';

const APPS = serviceApps();
const NAMESPACE = { 'kubernetes.io/metadata.name': 'agent-bus' };
const MONITORING: Endpoint = {
  namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
  podLabels: { 'app.kubernetes.io/name': 'prometheus' },
};
const KUBE_DNS: Endpoint = {
  namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  podLabels: { 'k8s-app': 'kube-dns' },
};
const INGRESS_CONTROLLER: Endpoint = {
  namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
  podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
};

describe.each(['dev', 'production'] as const)('NetworkPolicies in the %s overlay', (overlay) => {
  let objects: K8sObject[];
  let policies: PolicySet;
  let pods: Map<string, Endpoint>;
  beforeAll(() => {
    objects = render(overlay);
    const namespace = objects.find((o) => o.kind === 'Namespace');
    const namespaceLabels = {
      ...(namespace?.metadata['labels'] as Record<string, string>),
      ...NAMESPACE,
    };
    policies = new PolicySet(
      ofKind<INetworkPolicy>(objects, 'networking.k8s.io/v1', 'NetworkPolicy'),
      namespaceLabels,
    );
    pods = new Map(
      [...deployments(objects), ...statefulSets(objects)].map((workload) => [
        workload.metadata.name,
        {
          namespaceLabels,
          podLabels: podLabelsOf(workload),
          namedPorts: Object.fromEntries(
            (containerOf(workload).ports ?? []).map((p) => [p.name ?? '', p.containerPort]),
          ),
        },
      ]),
    );
    const job = parse(named(configMaps(objects), 'gpu-job-template').data?.['job.yaml'] ?? '') as {
      spec: { template: { metadata: { labels: Record<string, string> } } };
    };
    pods.set('gpu-task', { namespaceLabels, podLabels: job.spec.template.metadata.labels });
  });

  const pod = (name: string): Endpoint => {
    const found = pods.get(name);
    if (found === undefined) throw new Error(`no pod ${name}`);
    return found;
  };
  const flow = (from: string | Endpoint, to: string | Endpoint, port: number): Flow => ({
    from: typeof from === 'string' ? pod(from) : from,
    to: typeof to === 'string' ? pod(to) : to,
    port,
  });
  const httpPort = (app: string) => pod(app).namedPorts?.['http'] ?? 0;

  it('deny by default: one policy isolates every pod both ways', () => {
    const all = ofKind<INetworkPolicy>(objects, 'networking.k8s.io/v1', 'NetworkPolicy');
    const deny = all.filter(
      (p) =>
        Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
        (p.spec?.ingress ?? []).length === 0 &&
        (p.spec?.egress ?? []).length === 0,
    );
    expect(deny).toHaveLength(1);
    expect(deny[0]?.spec?.policyTypes?.sort()).toEqual(['Egress', 'Ingress']);
    for (const endpoint of pods.values()) {
      expect(selects(deny[0]?.spec?.podSelector ?? {}, endpoint.podLabels)).toBe(true);
    }
  });

  it.each(APPS)('lets %s reach NATS and Postgres, DNS and the trace collector', (app) => {
    expect(policies.allows(flow(app, 'nats', 4222))).toBe(true);
    expect(policies.allows(flow(app, 'postgres', 5432))).toBe(true);
    expect(policies.egressAllows({ ...flow(app, KUBE_DNS, 53), protocol: 'UDP' })).toBe(true);
    expect(policies.egressAllows(flow(app, { ...MONITORING, podLabels: {} }, 4318))).toBe(true);
    expect(policies.ingressAllows(flow(MONITORING, app, httpPort(app)))).toBe(true);
  });

  it.each(APPS)('lets no other service call %s directly: they talk through NATS', (app) => {
    for (const other of APPS.filter((a) => a !== app)) {
      expect([other, app, policies.allows(flow(other, app, httpPort(app)))]).toEqual([
        other,
        app,
        false,
      ]);
    }
  });

  it('opens the gateway, and only the gateway, to callers outside the namespace', () => {
    for (const app of APPS) {
      const open = policies.ingressAllows(flow(INGRESS_CONTROLLER, app, httpPort(app)));
      expect([app, open]).toEqual([app, app === 'gateway']);
    }
  });

  it('keeps Chroma to memory-service', () => {
    for (const app of APPS) {
      const reach = policies.allows(flow(app, 'chroma', 8000));
      expect([app, reach]).toEqual([app, app === 'memory-service']);
    }
  });

  it('lets the NATS servers route to each other, and nothing else in', () => {
    expect(policies.allows(flow('nats', 'nats', 6222))).toBe(true);
    expect(policies.allows(flow('gateway', 'nats', 6222))).toBe(false);
    expect(policies.allows(flow('postgres', 'nats', 4222))).toBe(false);
    expect(policies.allows(flow('chroma', 'postgres', 5432))).toBe(false);
  });

  it('keeps GPU task pods away from the bus, the database and the services', () => {
    expect(policies.allows(flow('gpu-task', 'nats', 4222))).toBe(false);
    expect(policies.allows(flow('gpu-task', 'postgres', 5432))).toBe(false);
    expect(policies.allows(flow('gpu-task', 'gateway', httpPort('gateway')))).toBe(false);
    expect(policies.egressAllows({ ...flow('gpu-task', KUBE_DNS, 53), protocol: 'UDP' })).toBe(
      true,
    );
  });
});

describe(PolicySet.name, () => {
  const here = { 'kubernetes.io/metadata.name': 'ns' };
  const a: Endpoint = { namespaceLabels: here, podLabels: { app: 'a' } };
  const b: Endpoint = { namespaceLabels: here, podLabels: { app: 'b' }, namedPorts: { http: 80 } };
  const policy = (spec: NonNullable<INetworkPolicy['spec']>): INetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p' },
    spec,
  });

  it('allows everything until a policy selects a pod, then only what a rule allows', () => {
    expect(new PolicySet([], here).allows({ from: a, to: b, port: 1 })).toBe(true);
    const sut = new PolicySet(
      [
        policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
        policy({
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [
            { from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] },
          ],
        }),
      ],
      here,
    );
    expect(sut.ingressAllows({ from: a, to: b, port: 80 })).toBe(true);
    expect(sut.ingressAllows({ from: a, to: b, port: 81 })).toBe(false);
    expect(sut.allows({ from: a, to: b, port: 80 })).toBe(false); // a's egress is still denied
  });

  it('reads a peer without namespaceSelector as the policy namespace only', () => {
    const elsewhere: Endpoint = {
      namespaceLabels: { 'kubernetes.io/metadata.name': 'x' },
      podLabels: { app: 'a' },
    };
    const sut = new PolicySet(
      [
        policy({
          podSelector: {},
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
        }),
      ],
      here,
    );
    expect(sut.ingressAllows({ from: a, to: b, port: 1 })).toBe(true);
    expect(sut.ingressAllows({ from: elsewhere, to: b, port: 1 })).toBe(false);
  });
});
