import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/**
 * The cluster to talk to: the kubeconfig file when one is named (a developer or an out-of-cluster
 * controller), else the pod's service account (in-cluster). The namespace is the configured one,
 * else the kubeconfig context's or the service account's, else `default`.
 */
export function loadKubeConfig(
  kubeconfigPath: string | undefined,
  namespace: string | undefined,
): { kubeConfig: KubeConfig; namespace: string } {
  const kubeConfig = new KubeConfig();
  if (kubeconfigPath) {
    kubeConfig.loadFromFile(kubeconfigPath);
  } else {
    kubeConfig.loadFromCluster();
  }
  const fromContext = kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
  return {
    kubeConfig,
    namespace: namespace ?? fromContext ?? serviceAccountNamespace() ?? 'default',
  };
}

function serviceAccountNamespace(): string | undefined {
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
