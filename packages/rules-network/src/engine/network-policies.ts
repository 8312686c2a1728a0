// Which network policies each namespace has, and how much of it they isolate.
import { matchesLabelSelector, type KindMap, type KubeObject, type Snapshot, type Workload } from '@kubecis/core';
import { namespaceLabels, userNamespaces, type UserNamespace } from './namespaces.js';
import { at, groupOf, isEmptySelector, readSelector, record, sortedByRef, objectsOfGroup } from './read.js';

type NetworkPolicy = KindMap['NetworkPolicy'];

/** Namespaced network policies of CNIs, beside Kubernetes' own (group → kinds). */
const cniNamespacedPolicies: readonly (readonly [string, string])[] = [
  ['crd.projectcalico.org', 'NetworkPolicy'],
  ['projectcalico.org', 'NetworkPolicy'],
  ['cilium.io', 'CiliumNetworkPolicy'],
  ['crd.antrea.io', 'NetworkPolicy'],
];

/** Cluster-wide network policies: they may isolate a namespace without any policy in it. */
const clusterWidePolicies: readonly (readonly [string, string])[] = [
  ['crd.projectcalico.org', 'GlobalNetworkPolicy'],
  ['projectcalico.org', 'GlobalNetworkPolicy'],
  ['cilium.io', 'CiliumClusterwideNetworkPolicy'],
  ['crd.antrea.io', 'ClusterNetworkPolicy'],
  ['policy.networking.k8s.io', 'AdminNetworkPolicy'],
  ['policy.networking.k8s.io', 'BaselineAdminNetworkPolicy'],
  ['policy.networking.k8s.io', 'ClusterNetworkPolicy'],
];

const isKind = (table: readonly (readonly [string, string])[], object: KubeObject): boolean =>
  table.some(([group, kind]) => object.kind === kind && groupOf(object) === group);

/** The directions a Kubernetes NetworkPolicy isolates, with the API server's defaulting of `policyTypes`. */
export function policyDirections(policy: NetworkPolicy): { ingress: boolean; egress: boolean } {
  const types = policy.spec.policyTypes;
  if (types !== undefined && types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: true, egress: (policy.spec.egress ?? []).length > 0 };
}

/** Whether a NetworkPolicy selects every pod of its namespace (an empty, or absent, podSelector). */
export function selectsAllPods(policy: NetworkPolicy): boolean {
  const selector = policy.spec.podSelector;
  return selector === undefined || selector === null || isEmptySelector(selector);
}

function selectsPod(policy: NetworkPolicy, labels: Readonly<Record<string, string>>): boolean {
  return selectsAllPods(policy) || matchesLabelSelector(labels, policy.spec.podSelector);
}

export interface Isolation {
  /** A policy with an empty podSelector isolates every pod in this direction. */
  readonly all: boolean;
  /** Workloads of the namespace that no policy selects in this direction. */
  readonly unselected: number;
}

export interface NamespacePolicies {
  readonly namespace: UserNamespace;
  /** Kubernetes NetworkPolicies in the namespace, sorted by name. */
  readonly policies: readonly NetworkPolicy[];
  /** CNI-specific namespaced policies (Calico, Cilium, Antrea). */
  readonly cniPolicies: readonly KubeObject[];
  /** Cluster-wide policies that may apply to the namespace. */
  readonly clusterWide: readonly KubeObject[];
  readonly workloads: number;
  readonly ingress: Isolation;
  readonly egress: Isolation;
}

export interface NetworkPolicyIndex {
  readonly namespaces: readonly NamespacePolicies[];
}

/** Whether a cluster-wide policy may reach pods of the namespace; AdminNetworkPolicy subjects are evaluated, other kinds are assumed to. */
function mayApply(snapshot: Snapshot, policy: KubeObject, namespace: string): boolean {
  if (groupOf(policy) !== 'policy.networking.k8s.io') return true;
  const subject = record(at(policy, 'spec', 'subject'));
  if (subject === undefined) return false;
  const labels = namespaceLabels(snapshot, namespace);
  const direct = readSelector(subject['namespaces']);
  const pods = record(subject['pods']);
  const viaPods = pods === undefined ? null : readSelector(pods['namespaceSelector']);
  for (const selector of [direct, viaPods]) {
    if (selector === null || selector === 'invalid') continue;
    if (matchesLabelSelector(labels, selector)) return true;
  }
  return false;
}

function buildIndex(snapshot: Snapshot): NetworkPolicyIndex {
  const clusterWide = sortedByRef(
    snapshot,
    [...new Set(clusterWidePolicies.map(([group]) => group))].flatMap((group) => objectsOfGroup(snapshot, group).filter((o) => isKind(clusterWidePolicies, o))),
  );
  const workloadsByNamespace = new Map<string, Workload[]>();
  for (const w of snapshot.workloads()) {
    let group = workloadsByNamespace.get(w.namespace);
    if (!group) workloadsByNamespace.set(w.namespace, (group = []));
    group.push(w);
  }
  const namespaces = userNamespaces(snapshot).map((namespace): NamespacePolicies => {
    const objects = snapshot.inNamespace(namespace.name);
    const policies = sortedByRef(
      snapshot,
      objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy' && groupOf(o) === 'networking.k8s.io'),
    );
    const cniPolicies = sortedByRef(snapshot, objects.filter((o) => isKind(cniNamespacedPolicies, o)));
    const workloads = workloadsByNamespace.get(namespace.name) ?? [];
    const isolation = (direction: 'ingress' | 'egress'): Isolation => {
      const relevant = policies.filter((p) => policyDirections(p)[direction]);
      return {
        all: relevant.some(selectsAllPods),
        unselected: workloads.filter((w) => !relevant.some((p) => selectsPod(p, w.podMetadata.labels ?? {}))).length,
      };
    };
    return {
      namespace,
      policies,
      cniPolicies,
      clusterWide: clusterWide.filter((p) => mayApply(snapshot, p, namespace.name)),
      workloads: workloads.length,
      ingress: isolation('ingress'),
      egress: isolation('egress'),
    };
  });
  return { namespaces };
}

/** The network policies of every user namespace, computed once per snapshot. */
export function networkPolicyIndex(snapshot: Snapshot): NetworkPolicyIndex {
  return snapshot.derive(buildIndex);
}
