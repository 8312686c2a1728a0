import type { KubeObject, NamespaceEntry, ObjectRef, Snapshot } from '@kubecis/core';
import { groupOf, namespaceRef } from './read.js';

/**
 * Custom kinds that are cluster-scoped although their names do not say so. Core's heuristic puts
 * them in the default namespace when they name none; here they neither make a namespace exist
 * nor count as objects in one.
 */
const clusterScopedCustomKinds: ReadonlySet<string> = new Set([
  'cilium.io/CiliumClusterwideNetworkPolicy',
  'cilium.io/CiliumClusterwideEnvoyConfig',
  'cilium.io/CiliumNode',
  'cilium.io/CiliumIdentity',
  'cilium.io/CiliumExternalWorkload',
  'cilium.io/CiliumLoadBalancerIPPool',
  'cilium.io/CiliumBGPPeeringPolicy',
  'policy.networking.k8s.io/AdminNetworkPolicy',
  'policy.networking.k8s.io/BaselineAdminNetworkPolicy',
  'policies.kyverno.io/ValidatingPolicy',
  'policies.kyverno.io/ImageValidatingPolicy',
  'policies.kyverno.io/MutatingPolicy',
  'policies.kyverno.io/GeneratingPolicy',
  'policies.kyverno.io/DeletingPolicy',
  'kyverno.io/UpdateRequest',
  'operator.tigera.io/Installation',
  'operator.tigera.io/APIServer',
  'operator.tigera.io/Whisker',
  'operator.tigera.io/Goldmane',
  'crd.projectcalico.org/Tier',
  'projectcalico.org/Tier',
  'crd.antrea.io/Tier',
  'config.ratify.deislabs.io/Verifier',
  'config.ratify.deislabs.io/Store',
  'config.ratify.deislabs.io/Policy',
  'config.ratify.deislabs.io/KeyManagementProvider',
  'config.ratify.deislabs.io/CertificateStore',
  'policies.kubewarden.io/PolicyServer',
  'templates.gatekeeper.sh/ConstraintTemplate',
  'secrets-store.csi.x-k8s.io/SecretProviderClassPodStatus',
]);

/** Whether an object is of a cluster-scoped custom kind that core may have placed in a namespace. */
export function isClusterScopedCustom(object: KubeObject): boolean {
  return clusterScopedCustomKinds.has(`${groupOf(object)}/${object.kind}`);
}

/** The label every namespace carries (Kubernetes sets it on creation). */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export interface UserNamespace {
  readonly name: string;
  /** The Namespace object, or `null` when no object declares it. */
  readonly object: NamespaceEntry['object'];
  /** The Namespace object when declared, else its identity. */
  readonly resource: KubeObject | ObjectRef;
  /** Its labels, with `kubernetes.io/metadata.name` as Kubernetes adds it. */
  readonly labels: Readonly<Record<string, string>>;
}

function buildUserNamespaces(snapshot: Snapshot): readonly UserNamespace[] {
  const out: UserNamespace[] = [];
  for (const entry of snapshot.namespaces()) {
    if (entry.system) continue;
    if (entry.implicit && snapshot.inNamespace(entry.name).every(isClusterScopedCustom)) continue;
    out.push(namespaceOf(entry));
  }
  return out;
}

function namespaceOf(entry: NamespaceEntry): UserNamespace {
  const declared = entry.object?.metadata.labels ?? {};
  return {
    name: entry.name,
    object: entry.object,
    resource: entry.object ?? namespaceRef(entry.name),
    labels: { ...declared, [namespaceNameLabel]: entry.name },
  };
}

/** The user namespaces (declared or implied by objects; not system namespaces), sorted by name. */
export function userNamespaces(snapshot: Snapshot): readonly UserNamespace[] {
  return snapshot.derive(buildUserNamespaces);
}

/** Labels of any namespace of the snapshot (declared labels plus the name label). */
export function namespaceLabels(snapshot: Snapshot, name: string): Readonly<Record<string, string>> {
  const declared = snapshot.get('Namespace', null, name)?.metadata.labels ?? {};
  return { ...declared, [namespaceNameLabel]: name };
}

/** Namespaced objects in a namespace, without cluster-scoped custom kinds core put there. */
export function objectsIn(snapshot: Snapshot, namespace: string): readonly KubeObject[] {
  return snapshot.inNamespace(namespace).filter((o) => !isClusterScopedCustom(o));
}
