import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../image/workspace';
import { type K8sObject } from './manifests';

/**
 * Fields the Kubernetes API does not know, found by the TypeScript compiler: each object becomes an
 * object literal typed as its kubernetes-models interface, and excess-property checking reports
 * every misspelt or misplaced field (`readinesProbe`, a probe under the pod spec). The schemas'
 * `validate()` lets unknown fields through, as the API server's non-strict decoding would, silently
 * dropping them; this is the offline counterpart of `kubeconform -strict`.
 */
export function unknownFields(objects: readonly K8sObject[]): string[] {
  const imports = new Map<string, string>();
  const declarations = objects.map((object, index) => {
    const type = `T${imports.size}`;
    const module = `kubernetes-models/${object.apiVersion}/${object.kind}`;
    if (!imports.has(module)) imports.set(module, type);
    return `export const o${index}: ${imports.get(module)} = ${JSON.stringify(object)};`;
  });
  const source = [
    ...[...imports].map(([module, alias]) => {
      const kind = module.split('/').at(-1) as string;
      return `import type { I${kind} as ${alias} } from '${module}';`;
    }),
    ...declarations,
  ].join('\n');

  const fileName = join(REPO_ROOT, 'tools/deploy-checks/src/k8s/__rendered__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === fileName ? source : readFile(path));
  host.fileExists = (path) => path === fileName || ts.sys.fileExists(path);
  host.getSourceFile = (path, language) =>
    path === fileName ? ts.createSourceFile(path, source, language) : getSourceFile(path, language);
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const line =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
        : -1;
    const object = line >= imports.size ? objects[line - imports.size] : undefined;
    return object ? `${object.kind}/${object.metadata.name}: ${message}` : message;
  });
}
