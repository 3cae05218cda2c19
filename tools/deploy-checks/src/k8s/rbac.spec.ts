import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { deployments, type K8sObject, named, ofKind, podTemplateOf, render } from './manifests';

const RBAC = 'rbac.authorization.k8s.io/v1';
const CONTROLLER = 'gpu-job-controller';

/** What the controller does in its namespace (DESIGN §11), as `<group>/<resource>: verbs`. */
const NEEDED = {
  'batch/jobs': ['create', 'delete', 'get', 'list', 'watch'],
  '/pods': ['get', 'list', 'watch'],
  '/pods/log': ['get'],
};

describe.each(['dev', 'production'] as const)('RBAC in the %s overlay', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(overlay);
  });

  it('grants nothing cluster-wide', () => {
    const clusterWide = objects.filter(
      (o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding',
    );
    expect(clusterWide).toEqual([]);
  });

  it('gives the gpu-job-controller exactly jobs, pods and pods/log in its own namespace', () => {
    const roles = ofKind<IRole & K8sObject>(objects, RBAC, 'Role');
    expect(roles.map((r) => r.metadata.name)).toEqual([CONTROLLER]);
    const granted: Record<string, string[]> = {};
    for (const rule of named(roles, CONTROLLER).rules ?? []) {
      expect(rule.resourceNames ?? []).toEqual([]);
      for (const group of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          granted[`${group}/${resource}`] = [
            ...(granted[`${group}/${resource}`] ?? []),
            ...rule.verbs,
          ].sort();
        }
      }
    }
    expect(granted).toEqual(NEEDED); // no '*', no secrets, no exec, no other kinds
  });

  it('binds that Role to the account the gpu-job-controller runs as, and to nobody else', () => {
    const bindings = ofKind<IRoleBinding & K8sObject>(objects, RBAC, 'RoleBinding');
    expect(bindings).toHaveLength(1);
    const [binding] = bindings;
    expect(binding?.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: CONTROLLER,
    });
    expect(binding?.subjects).toEqual([
      { kind: 'ServiceAccount', name: CONTROLLER, namespace: binding?.metadata.namespace },
    ]);
    const users = deployments(objects)
      .filter((d) => podTemplateOf(d).spec?.serviceAccountName === CONTROLLER)
      .map((d) => d.metadata.name);
    expect(users).toEqual([CONTROLLER]);
  });
});
