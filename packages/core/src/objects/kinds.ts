import type { z } from 'zod';
import { ObjectEnvelope, type KubeObject } from './meta.js';
import {
  Namespace,
  Pod,
  PodTemplate,
  ReplicationController,
  Secret,
  Service,
  ServiceAccount,
} from './core-v1.js';
import { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './apps-v1.js';
import { CronJob, Job } from './batch-v1.js';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from './rbac-v1.js';
import { NetworkPolicy } from './networking-v1.js';
import {
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from './admissionregistration-v1.js';

/** The kinds the snapshot validates and types. Every other kind is kept as a {@link KubeObject}. */
export const kindSchemas = {
  Namespace,
  Pod,
  PodTemplate,
  ReplicationController,
  Service,
  ServiceAccount,
  Secret,
  Deployment,
  ReplicaSet,
  StatefulSet,
  DaemonSet,
  Job,
  CronJob,
  Role,
  ClusterRole,
  RoleBinding,
  ClusterRoleBinding,
  NetworkPolicy,
  ValidatingWebhookConfiguration,
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} as const;

export type KnownKind = keyof typeof kindSchemas;
/** The typed object of a known kind, by kind name. */
export type KindMap = { [K in KnownKind]: z.infer<(typeof kindSchemas)[K]> };
/** Every known kind, or a generic object for any other kind. */
export type ObjectOfKind<K extends string> = K extends KnownKind ? KindMap[K] : KubeObject;

export const knownKinds: readonly KnownKind[] = /* @__PURE__ */ Object.keys(kindSchemas) as KnownKind[];

export function isKnownKind(kind: string): kind is KnownKind {
  return Object.prototype.hasOwnProperty.call(kindSchemas, kind);
}

/** The API group of each known kind (`""` is the core group). */
export const kindGroups: Readonly<Record<KnownKind, string>> = {
  Namespace: '',
  Pod: '',
  PodTemplate: '',
  ReplicationController: '',
  Service: '',
  ServiceAccount: '',
  Secret: '',
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  Role: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io',
  RoleBinding: 'rbac.authorization.k8s.io',
  ClusterRoleBinding: 'rbac.authorization.k8s.io',
  NetworkPolicy: 'networking.k8s.io',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io',
  ValidatingAdmissionPolicy: 'admissionregistration.k8s.io',
  ValidatingAdmissionPolicyBinding: 'admissionregistration.k8s.io',
};

/**
 * Kinds that are cluster-scoped. Kubernetes' own kinds are listed by name and are authoritative;
 * a custom resource is namespaced when it has a `metadata.namespace`, and otherwise read by
 * {@link isClusterScoped}'s list and heuristics.
 */
const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'VolumeAttributesClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CertificateSigningRequest',
  'ClusterTrustBundle',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'PodSecurityPolicy',
  'SelfSubjectReview',
  'TokenReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'ServiceCIDR',
  'IPAddress',
  'DeviceClass',
  'ResourceSlice',
  'StorageVersion',
  'StorageVersionMigration',
]);

/** Cluster-scoped custom resources of common projects (`group/Kind`), read when an object has no namespace. */
const clusterScopedCustomKinds = new Set([
  'templates.gatekeeper.sh/ConstraintTemplate',
  'policies.kyverno.io/ValidatingPolicy',
  'policies.kyverno.io/ImageValidatingPolicy',
  'policies.kyverno.io/MutatingPolicy',
  'policies.kyverno.io/GeneratingPolicy',
  'policies.kyverno.io/DeletingPolicy',
  'policies.kubewarden.io/PolicyServer',
  'config.ratify.deislabs.io/Verifier',
  'config.ratify.deislabs.io/Store',
  'config.ratify.deislabs.io/Policy',
  'config.ratify.deislabs.io/KeyManagementProvider',
  'config.ratify.deislabs.io/CertificateStore',
  'secrets-store.csi.x-k8s.io/SecretProviderClassPodStatus',
  'operator.tigera.io/Installation',
  'operator.tigera.io/APIServer',
  'operator.tigera.io/Whisker',
  'operator.tigera.io/Goldmane',
  'crd.projectcalico.org/Tier',
  'projectcalico.org/Tier',
  'crd.antrea.io/Tier',
  'crd.projectcalico.org/GlobalNetworkPolicy',
  'projectcalico.org/GlobalNetworkPolicy',
  'crd.projectcalico.org/GlobalNetworkSet',
  'projectcalico.org/GlobalNetworkSet',
  'projectcalico.org/StagedGlobalNetworkPolicy',
  'crd.projectcalico.org/HostEndpoint',
  'projectcalico.org/HostEndpoint',
  'crd.projectcalico.org/IPPool',
  'projectcalico.org/IPPool',
  'crd.projectcalico.org/IPReservation',
  'crd.projectcalico.org/FelixConfiguration',
  'projectcalico.org/FelixConfiguration',
  'crd.projectcalico.org/BGPConfiguration',
  'projectcalico.org/BGPConfiguration',
  'crd.projectcalico.org/BGPPeer',
  'projectcalico.org/BGPPeer',
  'crd.projectcalico.org/KubeControllersConfiguration',
  'crd.projectcalico.org/ClusterInformation',
  'crd.projectcalico.org/CalicoNodeStatus',
  'cilium.io/CiliumClusterwideNetworkPolicy',
  'cilium.io/CiliumClusterwideEnvoyConfig',
  'cilium.io/CiliumNode',
  'cilium.io/CiliumIdentity',
  'cilium.io/CiliumExternalWorkload',
  'cilium.io/CiliumLoadBalancerIPPool',
  'cilium.io/CiliumBGPPeeringPolicy',
  'cilium.io/CiliumCIDRGroup',
  'kubeflow.org/Profile',
]);

const clusterScopedGroups = new Set(['constraints.gatekeeper.sh', 'mutations.gatekeeper.sh', 'policy.networking.k8s.io']);

/** Whether the API group is Kubernetes' own (the core group, `apps`, `*.k8s.io`). */
export function isKubernetesGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Whether objects of this kind live outside namespaces. Kubernetes' own kinds are known; a
 * custom resource with a `namespace` is namespaced, and one without is judged by its kind and
 * group (without API discovery that is the best a manifest allows).
 */
export function isClusterScoped(apiVersion: string, kind: string, namespace?: string): boolean {
  const group = apiGroupOf(apiVersion);
  if (clusterScopedGroups.has(group)) return true;
  if (isKubernetesGroup(group) && group !== 'policy.networking.k8s.io') return clusterScopedKinds.has(kind);
  if (namespace !== undefined && namespace !== '') return false;
  if (clusterScopedCustomKinds.has(`${group}/${kind}`)) return true;
  // Kubernetes and most projects name cluster-scoped variants "Cluster…" (ClusterIssuer, ClusterPolicy).
  return /^Cluster[A-Z]/.test(kind) || /Clusterwide[A-Z]/.test(kind);
}

/** Whether the object is the Kubernetes kind its name says (a Calico `NetworkPolicy` is not). */
export function isBuiltInKind(apiVersion: string, kind: string): boolean {
  return isKnownKind(kind) && kindGroups[kind] === apiGroupOf(apiVersion);
}

/**
 * The name the snapshot indexes an object's kind under: the kind itself, or `Kind.group` when a
 * custom resource reuses the name of a Kubernetes kind (kubectl's `networkpolicies.projectcalico.org`).
 */
export function indexKindOf(apiVersion: string, kind: string): string {
  return isKnownKind(kind) && !isBuiltInKind(apiVersion, kind) ? `${kind}.${apiGroupOf(apiVersion)}` : kind;
}

/** The schema an object is validated with: its kind's, or the envelope for every other kind and group. */
export function schemaFor(apiVersion: string, kind: string): z.ZodType<KubeObject> {
  return (isBuiltInKind(apiVersion, kind) ? kindSchemas[kind as KnownKind] : ObjectEnvelope) as z.ZodType<KubeObject>;
}
