// What kubeconform cannot see in a rendered release: objects that name each other. Selectors that
// select nothing, a Service port no container has, an HPA, PDB, RoleBinding or ServiceMonitor
// pointing at an object that is not there, a volume or env reference to a missing ConfigMap or
// Secret, a ServiceAccount that was never made, a name used twice.
import { type K8sObject } from '../k8s/manifests';

interface PodSpecLike {
  serviceAccountName?: string;
  containers?: ContainerLike[];
  volumes?: { name: string; configMap?: { name: string }; secret?: { secretName: string } }[];
}
interface ContainerLike {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; optional?: boolean } } }[];
}
interface Workload {
  readonly object: K8sObject;
  readonly labels: Record<string, string>;
  readonly pod: PodSpecLike;
}

const spec = (o: K8sObject): Record<string, unknown> =>
  (o['spec'] ?? {}) as Record<string, unknown>;
const matches = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function workloads(objects: readonly K8sObject[]): Workload[] {
  return objects.flatMap((object): Workload[] => {
    if (object.kind === 'Pod') {
      const labels = (object.metadata['labels'] ?? {}) as Record<string, string>;
      return [{ object, labels, pod: spec(object) as PodSpecLike }];
    }
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return [];
    const template = spec(object)['template'] as {
      metadata?: { labels?: Record<string, string> };
      spec: PodSpecLike;
    };
    return [{ object, labels: template.metadata?.labels ?? {}, pod: template.spec }];
  });
}

/**
 * Problems with the references between the objects of one release. `externalSecrets` are Secrets
 * an operator creates outside the chart (named in values), which may be referenced without being
 * rendered.
 */
export function releaseReferenceProblems(
  objects: readonly K8sObject[],
  externalSecrets: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const named = (kind: string): Set<string> =>
    new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const pods = workloads(objects);
  const id = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(id(o))) problems.push(`${id(o)} is rendered twice`);
    seen.add(id(o));
  }

  for (const w of pods) {
    if (w.object.kind !== 'Pod') {
      const selector = (spec(w.object)['selector'] as { matchLabels?: Record<string, string> })
        .matchLabels;
      if (!matches(selector, w.labels)) {
        problems.push(`${id(w.object)}: its selector does not match its pod labels`);
      }
    }
    const account = w.pod.serviceAccountName;
    if (account !== undefined && account !== 'default' && !named('ServiceAccount').has(account)) {
      problems.push(`${id(w.object)}: ServiceAccount ${account} is not rendered`);
    }
    for (const volume of w.pod.volumes ?? []) {
      if (volume.configMap && !named('ConfigMap').has(volume.configMap.name)) {
        problems.push(
          `${id(w.object)}: volume ${volume.name} names ConfigMap ${volume.configMap.name}, not rendered`,
        );
      }
    }
    for (const container of w.pod.containers ?? []) {
      const names = (container.env ?? []).map((e) => e.name);
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      if (twice.length > 0) {
        problems.push(`${id(w.object)}: ${container.name} sets ${twice.join(', ')} twice`);
      }
      for (const e of container.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (
          ref &&
          !ref.optional &&
          !named('Secret').has(ref.name) &&
          !externalSecrets.includes(ref.name)
        ) {
          problems.push(
            `${id(w.object)}: ${e.name} reads Secret ${ref.name}, neither rendered nor external`,
          );
        }
      }
    }
  }

  for (const service of objects.filter((o) => o.kind === 'Service')) {
    const selector = spec(service)['selector'] as Record<string, string> | undefined;
    const backends = pods.filter((w) => w.object.kind !== 'Pod' && matches(selector, w.labels));
    if (backends.length === 0) problems.push(`${id(service)}: selects no workload`);
    const ports = (spec(service)['ports'] ?? []) as { targetPort?: string | number }[];
    for (const port of ports) {
      const target = port.targetPort;
      const served = backends.some((w) =>
        (w.pod.containers ?? []).some((c) =>
          (c.ports ?? []).some((p) => p.name === target || p.containerPort === target),
        ),
      );
      if (backends.length > 0 && !served) {
        problems.push(`${id(service)}: no container has port ${String(target)}`);
      }
    }
  }

  const refersTo = (kind: string, from: K8sObject, name: string | undefined): void => {
    if (name === undefined || !named(kind).has(name)) {
      problems.push(`${id(from)}: ${kind} ${String(name)} is not rendered`);
    }
  };
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const target = spec(hpa)['scaleTargetRef'] as { kind: string; name: string };
    refersTo(target.kind, hpa, target.name);
  }
  for (const binding of objects.filter((o) => o.kind === 'RoleBinding')) {
    refersTo('Role', binding, (binding['roleRef'] as { name?: string } | undefined)?.name);
    for (const subject of (binding['subjects'] ?? []) as { kind: string; name: string }[]) {
      refersTo(subject.kind, binding, subject.name);
    }
  }
  for (const o of objects.filter((x) => x.kind === 'PodDisruptionBudget')) {
    const selector = (spec(o)['selector'] as { matchLabels?: Record<string, string> }).matchLabels;
    if (!pods.some((w) => w.object.kind !== 'Pod' && matches(selector, w.labels))) {
      problems.push(`${id(o)}: selects no workload`);
    }
  }
  for (const o of objects.filter((x) => x.kind === 'ServiceMonitor')) {
    const selector = (spec(o)['selector'] as { matchLabels?: Record<string, string> }).matchLabels;
    const services = objects.filter(
      (s) =>
        s.kind === 'Service' &&
        matches(selector, (s.metadata['labels'] ?? {}) as Record<string, string>),
    );
    if (services.length === 0) problems.push(`${id(o)}: selects no Service`);
  }
  return problems;
}
