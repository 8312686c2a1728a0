import { defineRule, type Evidence, type Rule } from '@kubecis/core';
import { rbacIndex } from '../engine/rbac-index.js';

/** CIS 5.1.7: no binding names the system:masters group. */
export const noSystemMasters: Rule = /* @__PURE__ */ defineRule({
  id: 'rbac/no-system-masters',
  meta: {
    title: 'Avoid use of system:masters group',
    description: 'No ClusterRoleBinding or RoleBinding may name the system:masters group as a subject',
    rationale:
      'Members of system:masters bypass RBAC altogether: the API server allows them everything before any binding is consulted, and removing bindings cannot take the right away. Credentials in the group (client certificates with O=system:masters) cannot be revoked short of rotating the cluster CA. Bindings that name the group show that it is in use.',
    remediation:
      'Give administrators their own groups bound to the roles they need, and remove system:masters from the binding. Do not issue certificates or tokens in the system:masters group beyond the break-glass credential kubeadm creates.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.7'],
      'cis-1.8': ['5.1.7'],
      'cis-1.9': ['5.1.7'],
      'cis-1.10': ['5.1.7'],
      'cis-1.11': ['5.1.7'],
      'cis-1.12': ['5.1.7'],
      'cis-2.0': ['5.1.7'],
    },
    tags: ['rbac', 'cluster-admin'],
    messages: {
      systemMasters: '{binding} names the system:masters group (bound to {role})',
      compliant: 'No binding names the system:masters group ({count} bindings checked)',
    },
  },
  *check(snapshot, context) {
    const index = rbacIndex(snapshot);
    let failed = 0;
    for (const binding of index.bindings) {
      for (const subject of binding.subjects) {
        if (subject.kind !== 'Group' || subject.name !== 'system:masters') continue;
        failed++;
        const evidence: Evidence[] = binding.role
          ? [{ resource: binding.role.ref, path: null, relation: 'granted-by', ...(binding.role.builtIn ? { builtIn: true as const } : {}) }]
          : [];
        yield context.fail({
          messageId: 'systemMasters',
          data: {
            binding: `${binding.kind} ${binding.namespace === null ? '' : `${binding.namespace}/`}${binding.name}`,
            role: `${binding.roleRef.kind} ${binding.roleRef.name}`,
          },
          resource: binding.object,
          path: subject.path,
          evidence,
        });
      }
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count: index.bindings.length } });
  },
});
