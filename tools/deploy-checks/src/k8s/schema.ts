import { type K8sObject } from './manifests';

/** A rendered object failed its Kubernetes schema, or has no schema to be checked against. */
export class SchemaError extends Error {
  constructor(object: K8sObject, problem: string) {
    super(`${object.apiVersion} ${object.kind} ${object.metadata.name}: ${problem}`);
    this.name = 'SchemaError';
  }
}

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: unknown): { validate(): void };
}

const isModelClass = (value: unknown): value is ModelClass =>
  typeof value === 'function' &&
  typeof (value as { apiVersion?: unknown }).apiVersion === 'string' &&
  typeof (value as { kind?: unknown }).kind === 'string';

/** `apps/v1` -> `kubernetes-models/apps/v1`; the core group `v1` -> `kubernetes-models/v1`. */
const modulePathOf = (apiVersion: string): string => `kubernetes-models/${apiVersion}`;

/**
 * The kubernetes-models class for an apiVersion and kind (the Kubernetes 1.27 OpenAPI schemas,
 * compiled), or undefined when the package has none: a CRD, a typo, or a removed API version.
 */
export async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  let module: Record<string, unknown>;
  try {
    module = (await import(modulePathOf(apiVersion))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return Object.values(module).find(
    (value): value is ModelClass =>
      isModelClass(value) && value.apiVersion === apiVersion && value.kind === kind,
  );
}

/**
 * The object as the API server decodes it. kustomize wraps long base64 values of Secret `data` over
 * lines; Go's base64 decoder skips line breaks, the schema's "byte" format does not.
 */
function asDecoded(object: K8sObject): K8sObject {
  if (object.apiVersion !== 'v1' || (object.kind !== 'Secret' && object.kind !== 'ConfigMap')) {
    return object;
  }
  const field = object.kind === 'Secret' ? 'data' : 'binaryData';
  const values = object[field] as Record<string, string> | undefined;
  if (values === undefined) return object;
  const unwrapped = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value.replace(/[\r\n]/g, '')]),
  );
  return { ...object, [field]: unwrapped };
}

/**
 * Validates an object against its Kubernetes schema; throws {@link SchemaError} when it does not
 * conform, or when its kind has no schema and is not in `withoutSchema` (`<apiVersion>/<kind>`).
 */
export async function validateObject(
  object: K8sObject,
  withoutSchema: readonly string[] = [],
): Promise<void> {
  const model = await modelFor(object.apiVersion, object.kind);
  if (model === undefined) {
    if (withoutSchema.includes(`${object.apiVersion}/${object.kind}`)) return;
    throw new SchemaError(object, 'no schema for this kind; allow it explicitly if it is a CRD');
  }
  try {
    new model(asDecoded(object)).validate();
  } catch (error) {
    throw new SchemaError(object, (error as Error).message);
  }
}
