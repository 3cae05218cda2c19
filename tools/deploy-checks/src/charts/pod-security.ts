// Pod Security "restricted" (the profile the kustomize namespace enforces) for every pod a release
// renders, plus this project's own rule: a read-only root filesystem in every container.
import { type K8sObject } from '../k8s/manifests';

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type?: string };
}
interface PodSpec {
  securityContext?: SecurityContext;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { hostPath?: unknown }[];
  containers?: { name: string; securityContext?: SecurityContext }[];
  initContainers?: { name: string; securityContext?: SecurityContext }[];
}

/** The pod spec of a Pod, Deployment, StatefulSet, Job or CronJob-free workload, if any. */
export function podSpecOf(object: K8sObject): PodSpec | undefined {
  const spec = object['spec'] as { template?: { spec?: PodSpec } } | undefined;
  if (object.kind === 'Pod') return object['spec'] as PodSpec;
  return spec?.template?.spec;
}

/** One line per rule a pod of the object breaks. */
export function podSecurityProblems(object: K8sObject): string[] {
  const pod = podSpecOf(object);
  if (pod === undefined) return [];
  const where = `${object.kind}/${object.metadata.name}`;
  const problems: string[] = [];
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${where}: host namespaces`);
  if ((pod.volumes ?? []).some((v) => v.hostPath !== undefined)) {
    problems.push(`${where}: hostPath volume`);
  }
  const podContext = pod.securityContext ?? {};
  for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    const c = container.securityContext ?? {};
    const at = `${where} ${container.name}`;
    if (!(c.runAsNonRoot ?? podContext.runAsNonRoot)) {
      problems.push(`${at}: runAsNonRoot is not true`);
    }
    if ((c.runAsUser ?? podContext.runAsUser) === 0) problems.push(`${at}: runs as uid 0`);
    if (c.allowPrivilegeEscalation !== false) {
      problems.push(`${at}: allowPrivilegeEscalation is not false`);
    }
    if (c.privileged) problems.push(`${at}: privileged`);
    if (!(c.capabilities?.drop ?? []).includes('ALL')) {
      problems.push(`${at}: does not drop ALL capabilities`);
    }
    if ((c.capabilities?.add ?? []).some((cap) => cap !== 'NET_BIND_SERVICE')) {
      problems.push(`${at}: adds capabilities`);
    }
    const seccomp = (c.seccompProfile ?? podContext.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      problems.push(`${at}: no RuntimeDefault seccomp profile`);
    }
    if (c.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is writable`);
  }
  return problems;
}
