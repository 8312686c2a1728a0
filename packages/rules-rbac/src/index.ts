// The public surface of @kubecis/rules-rbac. Explicit named re-exports only.
import { definePack, type Pack } from '@kubecis/core';
import { noBindEscalateImpersonate } from './rules/no-bind-escalate-impersonate.js';
import { noClusterAdminBindings } from './rules/no-cluster-admin-bindings.js';
import { noCsrApproval } from './rules/no-csr-approval.js';
import { noDefaultServiceAccount } from './rules/no-default-service-account.js';
import { noNodeProxy } from './rules/no-node-proxy.js';
import { noPersistentVolumeCreate } from './rules/no-persistent-volume-create.js';
import { noPodCreate } from './rules/no-pod-create.js';
import { noSecretRead } from './rules/no-secret-read.js';
import { noServiceAccountTokenCreate } from './rules/no-service-account-token-create.js';
import { noSystemMasters } from './rules/no-system-masters.js';
import { noUnneededTokenMount } from './rules/no-unneeded-token-mount.js';
import { noWebhookConfigAccess } from './rules/no-webhook-config-access.js';
import { noWildcards } from './rules/no-wildcards.js';

// Rules, in CIS order (5.1.1 to 5.1.13).
export { noClusterAdminBindings } from './rules/no-cluster-admin-bindings.js';
export type { NoClusterAdminBindingsOptions } from './rules/no-cluster-admin-bindings.js';
export { noSecretRead } from './rules/no-secret-read.js';
export { noWildcards } from './rules/no-wildcards.js';
export { noPodCreate } from './rules/no-pod-create.js';
export { noDefaultServiceAccount } from './rules/no-default-service-account.js';
export { noUnneededTokenMount } from './rules/no-unneeded-token-mount.js';
export { noSystemMasters } from './rules/no-system-masters.js';
export { noBindEscalateImpersonate } from './rules/no-bind-escalate-impersonate.js';
export { noPersistentVolumeCreate } from './rules/no-persistent-volume-create.js';
export { noNodeProxy } from './rules/no-node-proxy.js';
export { noCsrApproval } from './rules/no-csr-approval.js';
export { noWebhookConfigAccess } from './rules/no-webhook-config-access.js';
export { noServiceAccountTokenCreate } from './rules/no-service-account-token-create.js';
export type { PermissionOptions } from './internal/options.js';

// Engine: the authorizer's matching, the RBAC index and its queries.
export {
  apiGroupMatches,
  combinedResource,
  isNonResourceRequest,
  nonResourceURLMatches,
  normaliseResource,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
  wildcard,
} from './engine/match.js';
export type { AccessRequest, NonResourceRequest, ResourceRequest } from './engine/match.js';
export { buildRbacIndex, rbacIndex } from './engine/rbac-index.js';
export type { BindingEntry, RbacIndex, RbacNote, RoleEntry, RuleRef, SubjectEntry, SubjectRef } from './engine/types.js';
export { canI, implicitGroups, matchPattern, permissionsOf, rolesGranting, whoCan } from './engine/queries.js';
export type {
  AccessPattern,
  CanIResult,
  Grant,
  GrantRule,
  HeldBinding,
  Identity,
  NonResourceWhoCanQuery,
  PatternMatch,
  RoleGrant,
  SubjectPermissions,
  WhoCanQuery,
  WhoCanResult,
} from './engine/queries.js';
export { builtInRole, builtInRoles } from './engine/builtin-roles.js';
export type { BuiltInRole } from './engine/builtin-roles.js';
export { describeSubject, subjectReach } from './engine/subjects.js';
export type { SubjectReach } from './engine/subjects.js';
export { isResourceWildcard, isUrlWildcard, wildcardsOf } from './engine/wildcards.js';
export type { Wildcards } from './engine/wildcards.js';

/** Every rule of the pack, in CIS order. */
export const pack: Pack = /* @__PURE__ */ definePack({
  name: 'rbac',
  description: 'CIS 5.1.1-5.1.13: RBAC and service accounts, on an engine faithful to the Kubernetes RBAC authorizer',
  rules: [
    noClusterAdminBindings,
    noSecretRead,
    noWildcards,
    noPodCreate,
    noDefaultServiceAccount,
    noUnneededTokenMount,
    noSystemMasters,
    noBindEscalateImpersonate,
    noPersistentVolumeCreate,
    noNodeProxy,
    noCsrApproval,
    noWebhookConfigAccess,
    noServiceAccountTokenCreate,
  ],
});
