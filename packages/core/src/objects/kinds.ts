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

export const knownKinds: readonly KnownKind[] = Object.keys(kindSchemas) as KnownKind[];

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
 * Kinds that are cluster-scoped. Built-in kinds are listed by name; for other kinds a
 * `metadata.namespace` makes them namespaced, and a missing one is read by
 * {@link isClusterScoped}'s heuristics.
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
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CertificateSigningRequest',
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
  // Common cluster-scoped custom resources.
  'ConstraintTemplate',
  'Profile',
  'GlobalNetworkPolicy',
  'GlobalNetworkSet',
  'HostEndpoint',
  'IPPool',
  'FelixConfiguration',
  'BGPConfiguration',
  'KubeControllersConfiguration',
]);

const clusterScopedGroups = new Set(['constraints.gatekeeper.sh', 'mutations.gatekeeper.sh']);

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Whether objects of this kind live outside namespaces. */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  if (clusterScopedKinds.has(kind)) return true;
  if (clusterScopedGroups.has(apiGroupOf(apiVersion))) return true;
  // Kubernetes and most projects name cluster-scoped variants "Cluster…" (ClusterIssuer, ClusterPolicy).
  return /^Cluster[A-Z]/.test(kind);
}

export function schemaForKind(kind: string): z.ZodType<KubeObject> {
  return (isKnownKind(kind) ? kindSchemas[kind] : ObjectEnvelope) as z.ZodType<KubeObject>;
}
