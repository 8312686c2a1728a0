import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

/** CIS 5.1.2: no Role or ClusterRole gives get, list or watch on Secrets. */
export const noSecretRead: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-secret-read',
  meta: {
    title: 'Minimize access to secrets',
    description: 'Roles and ClusterRoles must not grant get, list or watch on Secrets, directly or through wildcards, aggregation or built-in roles',
    rationale:
      'Reading a Secret reveals its contents: ServiceAccount tokens, registry credentials, TLS keys and database passwords. list and watch return every Secret of the scope at once. Whoever can read Secrets can often act as the workloads that own them, so the right escalates.',
    remediation:
      'Remove get, list and watch on secrets (and the wildcards that imply them) from the role, or narrow it with resourceNames to the Secrets the workload needs. Bind roles that keep the access only to the subjects that need it, in the namespaces where they need it; prefer RoleBindings to ClusterRoleBindings.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.2'],
      'cis-1.8': ['5.1.2'],
      'cis-1.9': ['5.1.2'],
      'cis-1.10': ['5.1.2'],
      'cis-1.11': ['5.1.2'],
      'cis-1.12': ['5.1.2'],
      'cis-2.0': ['5.1.2'],
    },
    tags: ['rbac', 'secrets'],
    messages: {
      secretRead: '{role} can read Secrets: {access} ({holders})',
      secretReadAggregated: '{role} aggregates rules that read Secrets: {access} ({holders})',
      secretReadBuiltIn: '{binding} binds the Kubernetes default {role}, which reads Secrets: {access} ({holders})',
      compliant: 'No Role or ClusterRole grants read access to Secrets ({count} checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [{ id: 'read', patterns: [{ verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets', clusterScoped: false }] }],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'secretRead' : target === 'aggregated' ? 'secretReadAggregated' : 'secretReadBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
