import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';

type LabelSelector = NonNullable<INetworkPolicy['spec']>['podSelector'];

/** A pod as far as NetworkPolicies care: where it is, its labels, its named ports. */
export interface Endpoint {
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
  /** Container port names to numbers, for policies that name ports. */
  readonly namedPorts?: Readonly<Record<string, number>>;
}

/** One connection attempt. */
export interface Flow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
}

/** Label selector semantics of Kubernetes (an empty selector matches everything). */
export function selects(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${operator}`);
    }
  });
  return byLabel && byExpression;
}

/**
 * Whether a peer of a policy in `policyNamespace` matches an endpoint. An ipBlock is taken to match
 * no pod: pod-to-pod reachability is what these checks reason about, and the ipBlocks here open
 * external ports (443, 6443) only.
 */
function peerMatches(
  peer: INetworkPolicyPeer,
  policyNamespace: Readonly<Record<string, string>>,
  endpoint: Endpoint,
): boolean {
  if (peer.ipBlock !== undefined) return false;
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? sameNamespace(policyNamespace, endpoint.namespaceLabels)
      : selects(peer.namespaceSelector, endpoint.namespaceLabels);
  const podOk = peer.podSelector === undefined || selects(peer.podSelector, endpoint.podLabels);
  return namespaceOk && podOk;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';
const sameNamespace = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  a[NAME_LABEL] !== undefined && a[NAME_LABEL] === b[NAME_LABEL];

function portMatches(rule: INetworkPolicyPort, flow: Flow): boolean {
  if ((rule.protocol ?? 'TCP') !== (flow.protocol ?? 'TCP')) return false;
  if (rule.port === undefined) return true;
  const number = typeof rule.port === 'number' ? rule.port : flow.to.namedPorts?.[rule.port];
  if (number === undefined) return false;
  return flow.port >= number && flow.port <= (rule.endPort ?? number);
}

const portsMatch = (ports: INetworkPolicyPort[] | undefined, flow: Flow) =>
  ports === undefined || ports.length === 0 || ports.some((p) => portMatches(p, flow));

const peersMatch = (
  peers: INetworkPolicyPeer[] | undefined,
  namespace: Readonly<Record<string, string>>,
  endpoint: Endpoint,
) =>
  peers === undefined ||
  peers.length === 0 ||
  peers.some((p) => peerMatches(p, namespace, endpoint));

/** Evaluates the NetworkPolicies of one namespace, as the API defines them. */
export class PolicySet {
  constructor(
    private readonly policies: readonly INetworkPolicy[],
    /** Labels of the namespace the policies live in. */
    private readonly namespace: Readonly<Record<string, string>>,
  ) {}

  private isolating(endpoint: Endpoint, type: 'Ingress' | 'Egress'): INetworkPolicy[] {
    if (!sameNamespace(this.namespace, endpoint.namespaceLabels)) return [];
    return this.policies.filter((policy) => {
      // Unset policyTypes: Ingress, plus Egress when the policy has egress rules (API default).
      const types = policy.spec?.policyTypes ?? [
        'Ingress',
        ...(policy.spec?.egress ? ['Egress'] : []),
      ];
      return types.includes(type) && selects(policy.spec?.podSelector ?? {}, endpoint.podLabels);
    });
  }

  /** The source may send it: no policy isolates its egress, or some egress rule allows it. */
  egressAllows(flow: Flow): boolean {
    const policies = this.isolating(flow.from, 'Egress');
    return (
      policies.length === 0 ||
      policies.some((policy) =>
        (policy.spec?.egress ?? []).some(
          (rule) => peersMatch(rule.to, this.namespace, flow.to) && portsMatch(rule.ports, flow),
        ),
      )
    );
  }

  /** The destination may receive it: no policy isolates its ingress, or some rule allows it. */
  ingressAllows(flow: Flow): boolean {
    const policies = this.isolating(flow.to, 'Ingress');
    return (
      policies.length === 0 ||
      policies.some((policy) =>
        (policy.spec?.ingress ?? []).some(
          (rule) =>
            peersMatch(rule.from, this.namespace, flow.from) && portsMatch(rule.ports, flow),
        ),
      )
    );
  }

  /** Both ends let it through. */
  allows(flow: Flow): boolean {
    return this.egressAllows(flow) && this.ingressAllows(flow);
  }
}
