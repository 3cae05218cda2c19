import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { type AppConfigLoader, appConfigOf, unknownKeys } from '../image/app-config';
import {
  environmentOf as imageEnvironmentOf,
  lastOf,
  parseDockerfile,
  stageNamed,
} from '../image/dockerfile';
import { readRepoFile, serviceApps } from '../image/workspace';
import { environmentOf, renderedSecrets, templateSecrets } from './environment';
import {
  configMaps,
  containerOf,
  deployments,
  type K8sObject,
  named,
  ofKind,
  podLabelsOf,
  podTemplateOf,
  render,
  statefulSets,
} from './manifests';

const APPS = serviceApps();
const dockerfile = parseDockerfile(readRepoFile('Dockerfile'));

/** What the image of an app says about itself: its port and its user. */
function imageOf(app: string): { port: number; uid: number } {
  const stage = stageNamed(dockerfile, `runtime-${app}`);
  if (stage === undefined) throw new Error(`no runtime-${app} stage`);
  const port = Number(imageEnvironmentOf(dockerfile, stage).get('HTTP_PORT'));
  const uid = Number(lastOf(dockerfile, stage, 'USER')?.args.split(':')[0]);
  return { port, uid };
}

/** The port number a probe or Service targets, resolving a named container port. */
function portNumber(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

const httpGetOf = (probe: IProbe | undefined) => probe?.httpGet;

const sleepSecondsOf = (container: IContainer): number => {
  const command = container.lifecycle?.preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
};

describe.each(['dev', 'production'] as const)('the %s overlay', (overlay) => {
  let objects: K8sObject[];
  const configs = new Map<string, AppConfigLoader>();
  beforeAll(async () => {
    objects = render(overlay);
    for (const app of APPS) configs.set(app, await appConfigOf(app));
  }, 120_000);

  const deploymentOf = (app: string): IDeployment => {
    const found = deployments(objects).find((d) => d.metadata.name === app);
    if (found === undefined) throw new Error(`no Deployment ${app} in ${overlay}`);
    return found;
  };

  it('runs one Deployment per service and nothing else as a Deployment', () => {
    expect(
      deployments(objects)
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(APPS);
  });

  it('shares only settings some service reads (a misspelt key would be ignored silently)', () => {
    const shared = named(configMaps(objects), 'agent-bus-config').data ?? {};
    const unread = Object.keys(shared).filter((key) =>
      [...configs.values()].every((config) => unknownKeys(config, { [key]: '' }).length > 0),
    );
    expect(Object.keys(shared).length).toBeGreaterThan(2);
    expect(unread).toEqual([]);
  });

  describe.each(APPS)('%s', (app) => {
    it('probes /healthz (liveness) and /readyz (readiness) on the port the app listens on', () => {
      const container = containerOf(deploymentOf(app));
      const { port } = imageOf(app);
      const liveness = httpGetOf(container.livenessProbe);
      const readiness = httpGetOf(container.readinessProbe);
      expect(liveness?.path).toBe('/healthz');
      expect(readiness?.path).toBe('/readyz');
      expect(portNumber(container, liveness?.port)).toBe(port);
      expect(portNumber(container, readiness?.port)).toBe(port);
      expect(container.ports?.map((p) => p.containerPort)).toContain(port);
      expect(container.env?.find((e) => e.name === 'HTTP_PORT')?.value ?? String(port)).toBe(
        String(port),
      );
    });

    it("is exposed by a Service that selects its pods and targets the app's port", () => {
      const deployment = deploymentOf(app);
      const container = containerOf(deployment);
      const service = ofKind<
        K8sObject & {
          spec: { selector: Record<string, string>; ports: { targetPort?: number | string }[] };
        }
      >(objects, 'v1', 'Service').find((s) => s.metadata.name === app);
      expect(service).toBeDefined();
      const labels = podLabelsOf(deployment);
      expect(Object.entries(service?.spec.selector ?? {}).every(([k, v]) => labels[k] === v)).toBe(
        true,
      );
      const target = service?.spec.ports[0]?.targetPort;
      expect(portNumber(container, target)).toBe(imageOf(app).port);
    });

    it('starts with an environment its config accepts, and no variable it does not know', () => {
      const container = containerOf(deploymentOf(app));
      const secrets = overlay === 'dev' ? renderedSecrets(objects) : templateSecrets();
      const { fromConfigMaps, own } = environmentOf(objects, container, secrets);
      const config = configs.get(app) as AppConfigLoader;
      expect(unknownKeys(config, own)).toEqual([]);
      expect(() => config.load({ ...fromConfigMaps, ...own })).not.toThrow();
    });

    it('runs non-root, read-only, without capabilities or privilege escalation', () => {
      const deployment = deploymentOf(app);
      const pod = podTemplateOf(deployment).spec;
      const container = containerOf(deployment);
      expect(pod?.securityContext?.runAsNonRoot).toBe(true);
      expect(pod?.securityContext?.runAsUser).toBe(imageOf(app).uid);
      expect(pod?.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      // The image's TMPDIR must be writable with a read-only root.
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
      const volume = pod?.volumes?.find((v) => v.name === tmp?.name);
      expect(volume?.emptyDir).toBeDefined();
      // A command would replace the image's ENTRYPOINT (tini), and signals would stop at a shell.
      expect(container.command).toBeUndefined();
    });

    it('sets requests and limits for CPU and memory', () => {
      const { requests, limits } = containerOf(deploymentOf(app)).resources ?? {};
      for (const resources of [requests, limits]) {
        expect(resources?.['cpu']).toBeDefined();
        expect(resources?.['memory']).toBeDefined();
      }
    });

    it('spreads its replicas over zones and nodes', () => {
      const deployment = deploymentOf(app);
      const constraints = podTemplateOf(deployment).spec?.topologySpreadConstraints ?? [];
      expect(constraints.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const constraint of constraints) {
        expect(constraint.labelSelector?.matchLabels).toEqual(
          deployment.spec?.selector.matchLabels,
        );
      }
    });

    it('gets time to drain: preStop plus SHUTDOWN_TIMEOUT_MS fit in the grace period', () => {
      const deployment = deploymentOf(app);
      const container = containerOf(deployment);
      const grace = podTemplateOf(deployment).spec?.terminationGracePeriodSeconds ?? 30;
      const shutdown = (configs.get(app) as AppConfigLoader).load({
        SHUTDOWN_TIMEOUT_MS: container.env?.find((e) => e.name === 'SHUTDOWN_TIMEOUT_MS')?.value,
      })['SHUTDOWN_TIMEOUT_MS'] as number;
      expect(sleepSecondsOf(container) * 1000 + shutdown).toBeLessThan(grace * 1000);
    });

    it('reaches the Kubernetes API only if it is the gpu-job-controller', () => {
      const pod = podTemplateOf(deploymentOf(app)).spec;
      const gpu = app === 'gpu-job-controller';
      expect(pod?.serviceAccountName).toBe(gpu ? 'gpu-job-controller' : 'agent-bus');
      expect(pod?.automountServiceAccountToken).toBe(gpu);
    });
  });

  describe('stateful services (NATS, Postgres, Chroma)', () => {
    const sets = (): IStatefulSet[] => statefulSets(objects);

    it('are NATS, Postgres and Chroma, each with its data on a PersistentVolumeClaim', () => {
      expect(
        sets()
          .map((s) => s.metadata?.name)
          .sort(),
      ).toEqual(['chroma', 'nats', 'postgres']);
      for (const set of sets()) {
        const claim = set.spec?.volumeClaimTemplates?.[0];
        expect(claim?.spec?.resources?.requests?.['storage']).toBeDefined();
        const mounts = containerOf(set).volumeMounts?.map((m) => m.name) ?? [];
        expect(mounts).toContain(claim?.metadata?.name);
      }
    });

    it('meet the restricted Pod Security Standard the namespace enforces, with probes and resources', () => {
      for (const set of sets()) {
        const pod = podTemplateOf(set).spec;
        const container = containerOf(set);
        expect(pod?.securityContext?.runAsNonRoot).toBe(true);
        expect(pod?.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.readinessProbe).toBeDefined();
        expect(container.livenessProbe).toBeDefined();
        expect(container.resources?.limits?.['memory']).toBeDefined();
      }
    });
  });
});
