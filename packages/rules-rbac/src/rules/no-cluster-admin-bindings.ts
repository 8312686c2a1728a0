import { defineRule, type Evidence, type Rule, type Severity } from '@kubecis/core';
import { rbacIndex } from '../engine/rbac-index.js';
import { describeSubject, subjectObjectRef, subjectReach } from '../engine/subjects.js';
import type { BindingEntry } from '../engine/types.js';
import { optionsSchema, stringList } from '../internal/options.js';

export interface NoClusterAdminBindingsOptions {
  allow: string[];
}

function bindingSeverity(binding: BindingEntry): Severity {
  if (binding.subjects.some((s) => subjectReach(s) === 'anonymous' || subjectReach(s) === 'everyone')) return 'critical';
  if (binding.subjects.length === 0) return 'medium';
  return binding.kind === 'ClusterRoleBinding' ? 'high' : 'medium';
}

const label = (b: BindingEntry): string => `${b.kind} ${b.namespace === null ? '' : `${b.namespace}/`}${b.name}`;

/** CIS 5.1.1: the cluster-admin ClusterRole is bound only where required. */
export const noClusterAdminBindings: Rule<NoClusterAdminBindingsOptions> = /* @__PURE__ */ defineRule<NoClusterAdminBindingsOptions>({
  id: 'rbac/no-cluster-admin-bindings',
  meta: {
    title: 'Ensure that the cluster-admin role is only used where required',
    description: 'No ClusterRoleBinding or RoleBinding may reference the cluster-admin ClusterRole, except the bindings the options allow',
    rationale:
      'cluster-admin allows every action on every resource. Bound by a ClusterRoleBinding it controls the whole cluster; bound by a RoleBinding it controls everything in that namespace, Secrets, Roles and RoleBindings included. Kubernetes binds it by default only to the system:masters group.',
    remediation:
      'Bind a role with only the rights the subject needs, and delete the binding: kubectl delete clusterrolebinding <name> (or rolebinding -n <namespace> <name>). Keep break-glass access outside everyday identities, and list accepted bindings in the allow option.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.1'],
      'cis-1.8': ['5.1.1'],
      'cis-1.9': ['5.1.1'],
      'cis-1.10': ['5.1.1'],
      'cis-1.11': ['5.1.1'],
      'cis-1.12': ['5.1.1'],
      'cis-2.0': ['5.1.1'],
    },
    tags: ['rbac', 'cluster-admin'],
    messages: {
      clusterAdmin: '{binding} grants cluster-admin {scope} to {subjects}',
      allowed: '{binding} grants cluster-admin and is allowed by the rule options',
      compliant: 'No binding references cluster-admin ({count} bindings checked)',
    },
    options: /* @__PURE__ */ optionsSchema({
      allow: /* @__PURE__ */ stringList('Names of bindings, or of subjects (users, groups, service accounts), allowed to hold cluster-admin'),
    }),
  },
  *check(snapshot, context) {
    const index = rbacIndex(snapshot);
    const allow = new Set(context.options.allow);
    let failed = 0;
    for (const binding of index.bindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') continue;
      const allowed = allow.has(binding.name) || (binding.subjects.length > 0 && binding.subjects.every((s) => allow.has(s.name)));
      if (allowed) {
        yield context.info({ messageId: 'allowed', data: { binding: label(binding) }, resource: binding.object, path: 'roleRef' });
        continue;
      }
      failed++;
      const evidence: Evidence[] = [];
      if (binding.role) evidence.push({ resource: binding.role.ref, path: null, relation: 'granted-by', ...(binding.role.builtIn ? { builtIn: true as const } : {}) });
      for (const s of binding.subjects) evidence.push({ resource: subjectObjectRef(s), path: null, relation: 'subject' });
      yield context.fail({
        messageId: 'clusterAdmin',
        data: {
          binding: label(binding),
          scope: binding.namespace === null ? 'across the cluster' : `in namespace ${binding.namespace}`,
          subjects: binding.subjects.length === 0 ? 'no subject' : binding.subjects.map(describeSubject).join(', '),
        },
        resource: binding.object,
        path: 'roleRef',
        severity: bindingSeverity(binding),
        evidence,
      });
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count: index.bindings.length } });
  },
});
