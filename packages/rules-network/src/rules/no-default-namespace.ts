import { defineRule, type KubeObject, type Rule, type Snapshot } from '@kubecis/core';
import { isClusterScopedCustom } from '../engine/namespaces.js';
import { groupOf, str } from '../engine/read.js';

const defaultNamespace = 'default';

/** What Kubernetes itself keeps in the default namespace. */
function isBuiltIn(object: KubeObject): boolean {
  const group = groupOf(object);
  const name = object.metadata.name;
  switch (object.kind) {
    case 'Service':
    case 'Endpoints':
      return group === '' && name === 'kubernetes';
    case 'EndpointSlice':
      return group === 'discovery.k8s.io' && (name === 'kubernetes' || object.metadata.labels?.['kubernetes.io/service-name'] === 'kubernetes');
    case 'ServiceAccount':
      return group === '' && name === 'default';
    case 'ConfigMap':
      return group === '' && name === 'kube-root-ca.crt';
    case 'Secret':
      // The default ServiceAccount's token Secret, created by clusters before v1.24.
      return (
        group === '' &&
        str((object as { type?: unknown }).type) === 'kubernetes.io/service-account-token' &&
        object.metadata.annotations?.['kubernetes.io/service-account.name'] === 'default'
      );
    default:
      return false;
  }
}

/**
 * Kinds in the default namespace that are not a use of it: policies that restrict it, and objects
 * Kubernetes derives from others (reported through their source).
 */
const notUses: ReadonlySet<string> = new Set([
  'networking.k8s.io/NetworkPolicy',
  '/ResourceQuota',
  '/LimitRange',
  '/Event',
  'events.k8s.io/Event',
  'coordination.k8s.io/Lease',
  '/Endpoints',
  'discovery.k8s.io/EndpointSlice',
  'apps/ControllerRevision',
]);

/** Whether the object's controller is another object of the snapshot (a Secret made by a Certificate): the owner is reported. */
function ownedInSnapshot(snapshot: Snapshot, object: KubeObject): boolean {
  const owner = object.metadata.ownerReferences?.find((r) => r.controller === true);
  if (owner === undefined) return false;
  const found = snapshot.get(owner.kind, defaultNamespace, owner.name) ?? snapshot.get(owner.kind, null, owner.name);
  return found !== undefined && found !== object && (owner.uid === undefined || found.metadata.uid === undefined || found.metadata.uid === owner.uid);
}

/** CIS 5.7.4 / 5.6.4: the default namespace is not used. */
export const noDefaultNamespace: Rule = /* @__PURE__ */ defineRule({
  id: 'network/no-default-namespace',
  meta: {
    title: 'The default namespace should not be used',
    description: 'Workloads, Services, ConfigMaps, Secrets, ServiceAccounts, RBAC objects and other resources must not be placed in the default namespace',
    rationale:
      'Objects that name no namespace land in default, where they share RBAC, NetworkPolicies and Pod Security settings with everything else put there by accident; a dedicated namespace gives them their own boundary. ' +
      'The rule reports every namespaced object in the namespace named default (objects without a namespace are placed there), once per owner: a Deployment, not its ReplicaSets and Pods. ' +
      'It leaves out what Kubernetes keeps there itself (the kubernetes Service with its Endpoints and EndpointSlice, the default ServiceAccount and its legacy token Secret, the kube-root-ca.crt ConfigMap), ' +
      'objects that restrict the namespace (NetworkPolicy, ResourceQuota, LimitRange), and objects derived from others (Events, Leases, Endpoints, EndpointSlices, ControllerRevisions, objects controlled by another object of the snapshot).',
    remediation:
      'Create a namespace for the application and set metadata.namespace on its objects (or apply them with kubectl -n <namespace>); then delete them from default. Consider a ResourceQuota of zero pods in default to keep it empty.',
    severity: 'low',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.7.4'],
      'cis-1.8': ['5.7.4'],
      'cis-1.9': ['5.7.4'],
      'cis-1.10': ['5.7.4'],
      'cis-1.11': ['5.6.4'],
      'cis-1.12': ['5.6.4'],
      'cis-2.0': ['5.6.4'],
    },
    tags: ['namespaces'],
    messages: {
      inDefault: '{kind} {name} is in the default namespace',
      clean: 'The default namespace holds only what Kubernetes keeps there',
    },
  },
  *check(snapshot, context) {
    const folded = new Set<string>();
    for (const w of snapshot.workloads()) for (const ref of w.folded) folded.add(`${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`);
    let found = false;
    for (const object of snapshot.inNamespace(defaultNamespace)) {
      if (isBuiltIn(object) || isClusterScopedCustom(object) || notUses.has(`${groupOf(object)}/${object.kind}`)) continue;
      if (folded.has(`${object.kind}\u0000${defaultNamespace}\u0000${object.metadata.name}`) || ownedInSnapshot(snapshot, object)) continue;
      found = true;
      yield context.fail({ messageId: 'inDefault', data: { kind: object.kind, name: object.metadata.name }, resource: object, path: 'metadata.namespace' });
    }
    if (!found) yield context.pass({ messageId: 'clean' });
  },
});
