import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIORITY_GROUPS } from '@agentbus/contracts';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { readRepoFile, REPO_ROOT, serviceApps } from '../image/workspace';
import {
  configMaps,
  deployments,
  type K8sObject,
  named,
  ofKind,
  podLabelsOf,
  podTemplateOf,
  render,
  statefulSets,
} from './manifests';
import { selects } from './network-policy';

const APPS = serviceApps();
const WORKER = 'cpu-agent-worker';
const WORKER_QUEUE = PRIORITY_GROUPS.cpuWorker.cpuTasks;

/** Source files of the services (not their tests), for what they export. */
function serviceSources(dir = join(REPO_ROOT, 'apps')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : serviceSources(path);
    return /(?<!\.spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Label names of a prom-client metric some service registers, or undefined if none does. */
function exportedLabels(metric: string): string[] | undefined {
  const pattern = new RegExp(`name: '${metric}',[^}]*?labelNames: \\[([^\\]]*)\\]`, 's');
  for (const file of serviceSources()) {
    const match = pattern.exec(readFileSync(file, 'utf8'));
    if (match) return [...(match[1] as string).matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
  }
  return undefined;
}

/** Processes a durable serves at once before max_ack_pending stops it (libs/messaging). */
function poolLimit(): number {
  const match = /maxReplicas = (\d+)/.exec(readRepoFile('libs/messaging/core/src/names.ts'));
  if (match === null) throw new Error('libs/messaging/core/src/names.ts: no maxReplicas default');
  return Number(match[1]);
}

describe('the production overlay', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render('production');
  });
  const hpas = () =>
    ofKind<IHorizontalPodAutoscaler & K8sObject>(
      objects,
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
    );
  const pdbs = () =>
    ofKind<IPodDisruptionBudget & K8sObject>(objects, 'policy/v1', 'PodDisruptionBudget');

  describe('autoscales the CPU workers on their queue', () => {
    const hpa = () => named(hpas(), WORKER);

    it('with an HPA on the worker Deployment, which alone sets its replicas', () => {
      expect(hpas()).toHaveLength(1);
      expect(hpa().spec?.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: WORKER,
      });
      expect(named(deployments(objects), WORKER).spec?.replicas).toBeUndefined();
      expect(hpa().spec?.minReplicas).toBeGreaterThanOrEqual(2);
    });

    it("on the queue-depth metric a service exports, for the workers' own lanes (their group)", () => {
      const [metric, ...others] = hpa().spec?.metrics ?? [];
      expect(others).toEqual([]);
      expect(metric?.type).toBe('External');
      const name = metric?.external?.metric.name ?? '';
      expect(exportedLabels(name)).toEqual(['consumer']);
      expect(metric?.external?.metric.selector?.matchLabels).toEqual({
        consumer: WORKER_QUEUE.name,
      });
    });

    it('targeting one queue per worker of what a worker runs at once, within the pool limit', () => {
      const target = hpa().spec?.metrics?.[0]?.external?.target;
      expect(target?.type).toBe('AverageValue');
      expect(String(target?.averageValue)).toBe(String(WORKER_QUEUE.concurrency));
      expect(hpa().spec?.maxReplicas).toBeLessThanOrEqual(poolLimit());
    });
  });

  it('runs every service at least twice, spread over nodes', () => {
    for (const deployment of deployments(objects)) {
      const app = deployment.metadata.name;
      const replicas = deployment.spec?.replicas ?? named(hpas(), app).spec?.minReplicas;
      expect([app, replicas]).toEqual([app, expect.any(Number)]);
      expect(replicas).toBeGreaterThanOrEqual(2);
      const terms =
        podTemplateOf(deployment).spec?.affinity?.podAntiAffinity
          ?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      const own = terms.filter(
        (t) =>
          t.podAffinityTerm.topologyKey === 'kubernetes.io/hostname' &&
          selects(t.podAffinityTerm.labelSelector ?? {}, podLabelsOf(deployment)),
      );
      expect([app, own.length]).toEqual([app, 1]);
    }
  });

  it('keeps a disruption budget for every service and NATS that still lets a node drain', () => {
    const covered = [...deployments(objects), named(statefulSets(objects), 'nats')];
    for (const workload of covered) {
      const app = workload.metadata.name;
      const matching = pdbs().filter((pdb) =>
        selects(pdb.spec?.selector ?? {}, podLabelsOf(workload)),
      );
      expect([app, matching.length]).toEqual([app, 1]);
      const replicas = workload.spec?.replicas ?? named(hpas(), app).spec?.minReplicas ?? 0;
      const { minAvailable, maxUnavailable } = matching[0]?.spec ?? {};
      const allowed =
        maxUnavailable !== undefined ? Number(maxUnavailable) : replicas - Number(minAvailable);
      expect([app, allowed >= 1 && allowed < replicas]).toEqual([app, true]);
    }
  });

  it('runs NATS as a three-server JetStream cluster on three nodes, with routes to each', () => {
    const nats = named(statefulSets(objects), 'nats');
    expect(nats.spec?.replicas).toBe(3);
    const required =
      podTemplateOf(nats).spec?.affinity?.podAntiAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    expect(required.map((term) => term.topologyKey)).toEqual(['kubernetes.io/hostname']);
    const conf = named(configMaps(objects), 'nats-config').data?.['nats.conf'] ?? '';
    const routes = [...conf.matchAll(/nats:\/\/([a-z0-9-]+)\.([a-z0-9-]+):6222/g)];
    expect(routes.map((r) => r[1])).toEqual(['nats-0', 'nats-1', 'nats-2']);
    expect(new Set(routes.map((r) => r[2]))).toEqual(new Set([nats.spec?.serviceName]));
    expect(conf).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data\//s);
  });

  it('pulls versioned images, never :dev or :latest', () => {
    for (const deployment of deployments(objects)) {
      const image = podTemplateOf(deployment).spec?.containers[0]?.image ?? '';
      expect(image).toMatch(/:\d+\.\d+\.\d+$/);
    }
  });
});

describe('the dev overlay', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render('dev');
  });

  it('runs one replica of everything', () => {
    for (const workload of [...deployments(objects), ...statefulSets(objects)]) {
      expect([workload.metadata.name, workload.spec?.replicas]).toEqual([
        workload.metadata.name,
        1,
      ]);
    }
    expect(ofKind(objects, 'autoscaling/v2', 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('runs a standalone NATS, since one server never finds cluster peers', () => {
    const conf = named(configMaps(objects), 'nats-config').data?.['nats.conf'] ?? '';
    expect(conf).toMatch(/jetstream\s*\{/);
    expect(conf).not.toMatch(/^\s*cluster\s*\{/m);
  });

  it('uses the offline LLM, so it runs without keys or network', () => {
    expect(named(configMaps(objects), 'agent-bus-config').data?.['LLM_PROVIDER']).toBe('offline');
  });

  it.each(APPS)('runs the locally built image agent-bus/%s:dev', (app) => {
    const container = podTemplateOf(named(deployments(objects), app)).spec?.containers[0];
    expect(container?.image).toBe(`agent-bus/${app}:dev`);
    expect(container?.imagePullPolicy).toBe('IfNotPresent');
  });
});
