import type { IContainer } from 'kubernetes-models/v1/Container';
import { readRepoFile } from '../image/workspace';
import { configMaps, type K8sObject, parseObjects, secrets } from './manifests';

/** Looks up a Secret value: from a rendered Secret, or from the template an operator fills in. */
export type SecretSource = (secretName: string, key: string) => string | undefined;

/** Secret values from the Secrets an overlay renders (dev generates one). */
export function renderedSecrets(objects: readonly K8sObject[]): SecretSource {
  return (secretName, key) => {
    const secret = secrets(objects).find((s) => s.metadata.name === secretName);
    const encoded = secret?.data?.[key];
    if (encoded !== undefined) return Buffer.from(encoded, 'base64').toString('utf8');
    return secret?.stringData?.[key];
  };
}

/** The Secret template operators copy (base/secret.template.yaml), parsed. */
export function secretTemplate(): K8sObject & { stringData?: Record<string, string> } {
  const [template, ...rest] = parseObjects(
    readRepoFile('deploy/k8s/base/secret.template.yaml'),
    'secret.template.yaml',
  );
  if (template === undefined || rest.length > 0) throw new Error('one Secret in the template');
  return template as K8sObject & { stringData?: Record<string, string> };
}

/** Secret values from the template, by its name (the generated name carries no hash there). */
export function templateSecrets(): SecretSource {
  const template = secretTemplate();
  return (secretName, key) =>
    secretName === template.metadata.name ? template.stringData?.[key] : undefined;
}

/** A container's environment missing a required Secret or ConfigMap key. */
export class MissingEnvError extends Error {
  constructor(container: string, what: string) {
    super(`${container}: ${what}`);
    this.name = 'MissingEnvError';
  }
}

/**
 * The environment a container starts with: its ConfigMaps (envFrom), then its own `env` (literal
 * values and Secret keys). Optional Secret keys that are absent are left out, as the kubelet does.
 */
export function environmentOf(
  objects: readonly K8sObject[],
  container: IContainer,
  secretValue: SecretSource,
): { fromConfigMaps: Record<string, string>; own: Record<string, string> } {
  const fromConfigMaps: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    if (name === undefined) {
      throw new MissingEnvError(container.name, 'envFrom other than a ConfigMap');
    }
    const map = configMaps(objects).find((c) => c.metadata.name === name);
    if (map === undefined) throw new MissingEnvError(container.name, `no ConfigMap ${name}`);
    Object.assign(fromConfigMaps, map.data);
  }
  const own: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) {
      own[variable.name] = variable.value;
      continue;
    }
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref === undefined) continue; // fieldRef and the like: set by the kubelet
    const value = secretValue(ref.name ?? '', ref.key);
    if (value !== undefined) {
      own[variable.name] = value;
    } else if (ref.optional !== true) {
      throw new MissingEnvError(container.name, `no key ${ref.key} in Secret ${ref.name}`);
    }
  }
  return { fromConfigMaps, own };
}
