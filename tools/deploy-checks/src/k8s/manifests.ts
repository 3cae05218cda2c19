import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../image/workspace';

/** Any rendered Kubernetes object. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string } & Readonly<
    Record<string, unknown>
  >;
  readonly [field: string]: unknown;
}

/** The kustomize directory of an overlay (or the base). */
export const kustomizeDir = (name: 'dev' | 'production' | 'base'): string =>
  join(REPO_ROOT, 'deploy/k8s', name === 'base' ? 'base' : `overlays/${name}`);

/** Parses YAML documents into objects; every document must be a Kubernetes object. */
export function parseObjects(text: string, origin: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${origin}: ${document.errors[0]?.message}`);
    const value = document.toJS() as unknown;
    if (value === null) return [];
    const object = value as Partial<K8sObject>;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      throw new Error(`${origin}: a document without apiVersion/kind`);
    }
    return [object as K8sObject];
  });
}

/** What `kubectl kustomize <dir>` renders, as objects (kubectl's own kustomize, no cluster). */
export function render(name: 'dev' | 'production' | 'base'): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', kustomizeDir(name)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseObjects(text, `kubectl kustomize ${name}`);
}

/** Objects of one kind (and apiVersion), typed by the caller. */
export const ofKind = <T>(objects: readonly K8sObject[], apiVersion: string, kind: string): T[] =>
  objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind) as unknown as T[];

export const deployments = (objects: readonly K8sObject[]) =>
  ofKind<IDeployment & K8sObject>(objects, 'apps/v1', 'Deployment');
export const statefulSets = (objects: readonly K8sObject[]) =>
  ofKind<IStatefulSet & K8sObject>(objects, 'apps/v1', 'StatefulSet');
export const configMaps = (objects: readonly K8sObject[]) =>
  ofKind<IConfigMap & K8sObject>(objects, 'v1', 'ConfigMap');
export const secrets = (objects: readonly K8sObject[]) =>
  ofKind<ISecret & K8sObject>(objects, 'v1', 'Secret');

/** The one object of a kind and name (kustomize may have added a hash suffix to generated ones). */
export function named<T extends K8sObject>(objects: readonly T[], name: string): T {
  const found = objects.filter(
    (o) => o.metadata.name === name || new RegExp(`^${name}-[a-z0-9]{10}$`).test(o.metadata.name),
  );
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as T;
}

/** A workload's pod template, or an error naming the workload. */
export function podTemplateOf(workload: IDeployment | IStatefulSet): IPodTemplateSpec {
  const template = workload.spec?.template;
  if (template === undefined) throw new Error(`${workload.metadata?.name} has no pod template`);
  return template;
}

/** The single container of a workload (every workload here runs one). */
export function containerOf(workload: IDeployment | IStatefulSet): IContainer {
  const containers = podTemplateOf(workload).spec?.containers ?? [];
  if (containers.length !== 1) {
    throw new Error(`${workload.metadata?.name} runs ${containers.length} containers, not 1`);
  }
  return containers[0] as IContainer;
}

/** The labels of a workload's pods. */
export const podLabelsOf = (workload: IDeployment | IStatefulSet): Record<string, string> =>
  podTemplateOf(workload).metadata?.labels ?? {};
