import { defineRule, type Rule } from '@kubecis/core';
import type { AccessPattern } from '../engine/queries.js';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

const rbac = 'rbac.authorization.k8s.io';
const authn = 'authentication.k8s.io';

/**
 * The requests behind each right. bind and escalate are checked in the namespace of the Role or
 * binding being written (bind on clusterroles too, for RoleBindings that reference a ClusterRole);
 * escalate on clusterroles and impersonation of users, groups, uids and extra fields are
 * cluster-scoped; impersonating a ServiceAccount is checked in its namespace.
 */
const bind: readonly AccessPattern[] = [
  { verbs: ['bind'], apiGroup: rbac, resource: 'roles', clusterScoped: false },
  { verbs: ['bind'], apiGroup: rbac, resource: 'clusterroles', clusterScoped: false },
];
const escalate: readonly AccessPattern[] = [
  { verbs: ['escalate'], apiGroup: rbac, resource: 'roles', clusterScoped: false },
  { verbs: ['escalate'], apiGroup: rbac, resource: 'clusterroles', clusterScoped: true },
];
const impersonate: readonly AccessPattern[] = [
  { verbs: ['impersonate'], apiGroup: '', resource: 'users', clusterScoped: true },
  { verbs: ['impersonate'], apiGroup: '', resource: 'groups', clusterScoped: true },
  { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts', clusterScoped: false },
  { verbs: ['impersonate'], apiGroup: authn, resource: 'uids', clusterScoped: true },
  { verbs: ['impersonate'], apiGroup: authn, resource: 'userextras', anySubresource: true, clusterScoped: true },
];

/** CIS 5.1.8: no Role or ClusterRole gives bind, escalate or impersonate. */
export const noBindEscalateImpersonate: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-bind-escalate-impersonate',
  meta: {
    title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
    description: 'Roles and ClusterRoles must not grant bind or escalate on roles, or impersonate on users, groups, service accounts, uids or user extras',
    rationale:
      'RBAC stops people from granting rights they do not hold, unless they have bind (create bindings to any role) or escalate (write roles with any rule). Impersonation lets a caller act as another user, group or ServiceAccount. Each of the three bypasses the privilege-escalation checks and can lead to cluster-admin.',
    remediation:
      'Remove bind, escalate and impersonate (and the wildcard verbs that imply them) from the role. Where delegation is needed, limit bind to the roles that may be handed out with resourceNames, and impersonation to named identities.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.8'],
      'cis-1.8': ['5.1.8'],
      'cis-1.9': ['5.1.8'],
      'cis-1.10': ['5.1.8'],
      'cis-1.11': ['5.1.8'],
      'cis-1.12': ['5.1.8'],
      'cis-2.0': ['5.1.8'],
    },
    tags: ['rbac', 'escalation'],
    messages: {
      escalation: '{role} grants {access} ({holders})',
      escalationAggregated: '{role} aggregates rules that grant {access} ({holders})',
      escalationBuiltIn: '{binding} binds the Kubernetes default {role}, which grants {access} ({holders})',
      compliant: 'No Role or ClusterRole grants bind, escalate or impersonate ({count} checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [
        { id: 'bind', patterns: bind },
        { id: 'escalate', patterns: escalate },
        { id: 'impersonate', patterns: impersonate },
      ],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'escalation' : target === 'aggregated' ? 'escalationAggregated' : 'escalationBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
