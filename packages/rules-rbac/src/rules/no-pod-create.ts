import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

/** CIS 5.1.4: no Role or ClusterRole gives create on Pods. */
export const noPodCreate: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-pod-create',
  meta: {
    title: 'Minimize access to create pods',
    description: 'Roles and ClusterRoles must not grant create on Pods, directly or through wildcards, aggregation or built-in roles',
    rationale:
      'Whoever can create a Pod in a namespace can run it as any ServiceAccount of that namespace and mount any of its Secrets, ConfigMaps and volumes; where admission allows it, the Pod can also be privileged or use host namespaces and paths, which reaches the node.',
    remediation:
      'Remove create on pods (and the wildcards that imply it) from the role. Let people deploy through controllers (Deployments, Jobs) or a delivery pipeline, and keep the right for the few identities that need it, bound in their namespaces only.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.4'],
      'cis-1.8': ['5.1.4'],
      'cis-1.9': ['5.1.4'],
      'cis-1.10': ['5.1.4'],
      'cis-1.11': ['5.1.4'],
      'cis-1.12': ['5.1.4'],
      'cis-2.0': ['5.1.4'],
    },
    tags: ['rbac', 'pods', 'escalation'],
    messages: {
      podCreate: '{role} can create Pods: {access} ({holders})',
      podCreateAggregated: '{role} aggregates rules that create Pods: {access} ({holders})',
      podCreateBuiltIn: '{binding} binds the Kubernetes default {role}, which creates Pods: {access} ({holders})',
      compliant: 'No Role or ClusterRole grants create on Pods ({count} checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [{ id: 'create', patterns: [{ verbs: ['create'], apiGroup: '', resource: 'pods', clusterScoped: false }] }],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'podCreate' : target === 'aggregated' ? 'podCreateAggregated' : 'podCreateBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
