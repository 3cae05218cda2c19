import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { parse } from 'yaml';
import { secretTemplate } from './environment';
import {
  configMaps,
  deployments,
  type K8sObject,
  named,
  ofKind,
  podTemplateOf,
  render,
  secrets,
  statefulSets,
} from './manifests';
import { modelFor, SchemaError, validateObject } from './schema';
import { unknownFields } from './unknown-fields';

const NAMESPACE = 'agent-bus';

/** Names a pod template refers to: ConfigMaps, Secrets, ServiceAccounts. */
function referencesOf(object: K8sObject): { kind: string; name: string }[] {
  if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return [];
  const pod = podTemplateOf(object as never).spec;
  const refs: { kind: string; name: string }[] = [];
  for (const container of pod?.containers ?? []) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) {
        refs.push({ kind: 'ConfigMap', name: source.configMapRef.name ?? '' });
      }
    }
    for (const variable of container.env ?? []) {
      const secret = variable.valueFrom?.secretKeyRef;
      if (secret) refs.push({ kind: 'Secret', name: secret.name ?? '' });
    }
  }
  for (const volume of pod?.volumes ?? []) {
    if (volume.configMap) refs.push({ kind: 'ConfigMap', name: volume.configMap.name ?? '' });
    if (volume.secret) refs.push({ kind: 'Secret', name: volume.secret.secretName ?? '' });
  }
  if (pod?.serviceAccountName) refs.push({ kind: 'ServiceAccount', name: pod.serviceAccountName });
  return refs;
}

describe.each(['dev', 'production'] as const)('kubectl kustomize overlays/%s', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(overlay);
  });

  it('renders objects that all validate against the Kubernetes schemas', async () => {
    expect(objects.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const object of objects) {
      await validateObject(object).catch((error: Error) => failures.push(error.message));
    }
    expect(failures).toEqual([]);
  });

  it('has no field the Kubernetes API does not know (misspelt or misplaced), template included', () => {
    const job = parse(
      named(configMaps(objects), 'gpu-job-template').data?.['job.yaml'] ?? '',
    ) as K8sObject;
    expect(unknownFields([...objects, job])).toEqual([]);
  }, 60_000);

  it('puts everything in the agent-bus namespace and nothing cluster-wide but the namespace', () => {
    const [namespace, ...others] = objects.filter((o) => o.kind === 'Namespace');
    expect(others).toEqual([]);
    expect(namespace?.metadata.name).toBe(NAMESPACE);
    const stray = objects
      .filter((o) => o.kind !== 'Namespace')
      .filter((o) => o.metadata.namespace !== NAMESPACE)
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(stray).toEqual([]);
  });

  it('refers only to ConfigMaps, Secrets and ServiceAccounts that exist (or that operators create)', () => {
    const exists = (kind: string, name: string) =>
      objects.some((o) => o.kind === kind && o.metadata.name === name);
    // production expects the operator's Secret (base/secret.template.yaml); dev generates it.
    const operatorMade =
      overlay === 'production' ? [`Secret/${secretTemplate().metadata.name}`] : [];
    const dangling = objects
      .flatMap(referencesOf)
      .filter(({ kind, name }) => !exists(kind, name) && !operatorMade.includes(`${kind}/${name}`))
      .map(({ kind, name }) => `${kind}/${name}`);
    expect(dangling).toEqual([]);
  });

  it('ships the GPU Job template as a valid batch/v1 Job asking for one NVIDIA GPU', async () => {
    const map = named(configMaps(objects), 'gpu-job-template');
    const job = parse(map.data?.['job.yaml'] ?? '') as IJob & K8sObject;
    await expect(validateObject(job)).resolves.toBeUndefined();
    const pod = job.spec?.template.spec;
    const container = pod?.containers[0];
    expect(container?.resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(pod?.restartPolicy).toBe('Never');
    expect(pod?.tolerations?.some((t) => t.key === 'nvidia.com/gpu')).toBe(true);
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(job.spec?.backoffLimit).toBe(0); // the orchestrator owns retries (DESIGN §4)
    expect(job.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(job.spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(job.spec?.template.metadata?.labels?.['app.kubernetes.io/component']).toBe('gpu-job');
    const controller = deployments(objects).find((d) => d.metadata.name === 'gpu-job-controller');
    const volumes = podTemplateOf(controller as never).spec?.volumes ?? [];
    expect(volumes.some((v) => v.configMap?.name === map.metadata.name)).toBe(true);
  });

  it('runs NATS, Postgres and Chroma as StatefulSets', () => {
    expect(
      statefulSets(objects)
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['chroma', 'nats', 'postgres']);
  });

  it(overlay === 'dev' ? 'generates the Secret' : 'commits no Secret', () => {
    expect(secrets(objects)).toHaveLength(overlay === 'dev' ? 1 : 0);
  });
});

describe('the Secret template', () => {
  it('is a valid Secret holding every key a workload reads from it', async () => {
    const template = secretTemplate();
    await expect(validateObject(template)).resolves.toBeUndefined();
    const used = new Set(
      render('production')
        .flatMap((o) =>
          o.kind === 'Deployment' || o.kind === 'StatefulSet'
            ? (podTemplateOf(o as never).spec?.containers ?? [])
            : [],
        )
        .flatMap((c) => c.env ?? [])
        .map((e) => e.valueFrom?.secretKeyRef)
        .filter((ref) => ref?.name === template.metadata.name)
        .map((ref) => ref?.key),
    );
    expect([...used].sort()).toEqual(Object.keys(template.stringData ?? {}).sort());
  });

  it('holds placeholders, not secrets', () => {
    for (const value of Object.values(secretTemplate().stringData ?? {})) {
      expect(value).toMatch(/REPLACE-ME/);
    }
  });
});

describe(validateObject.name, () => {
  const deployment = (port: unknown): K8sObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'x', image: 'x', ports: [{ containerPort: port }] }] },
      },
    },
  });

  it('accepts a valid object and rejects one that breaks the schema', async () => {
    await expect(validateObject(deployment(3000))).resolves.toBeUndefined();
    await expect(validateObject(deployment('3000'))).rejects.toThrow(SchemaError);
  });

  it('rejects a kind without a schema unless it is allowed by name', async () => {
    const monitor: K8sObject = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'x' },
    };
    await expect(validateObject(monitor)).rejects.toThrow(/no schema/);
    await expect(
      validateObject(monitor, ['monitoring.coreos.com/v1/ServiceMonitor']),
    ).resolves.toBeUndefined();
    await expect(
      validateObject({ ...monitor, apiVersion: 'apps/v1', kind: 'Deploymnet' }),
    ).rejects.toThrow(/no schema/);
  });

  it('leaves unknown fields to unknownFields, which reports them', () => {
    const object = deployment(3000) as K8sObject & {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const container = object.spec.template.spec.containers[0] as Record<string, unknown>;
    container['readinesProbe'] = { httpGet: { path: '/readyz', port: 3000 } };
    return validateObject(object).then(() => {
      expect(unknownFields([object])).toEqual([
        expect.stringMatching(/^Deployment\/x: .*readinesProbe/),
      ]);
    });
  }, 60_000);

  it('knows the autoscaling and disruption kinds production uses', async () => {
    expect(await modelFor('autoscaling/v2', 'HorizontalPodAutoscaler')).toBeDefined();
    expect(await modelFor('policy/v1', 'PodDisruptionBudget')).toBeDefined();
    expect(ofKind([], 'v1', 'Pod')).toEqual([]);
  });
});
