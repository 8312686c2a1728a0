import { defineRule, type Evidence, type Rule } from '@kubecis/core';
import { rbacIndex } from '../engine/rbac-index.js';
import type { BindingEntry, SubjectEntry } from '../engine/types.js';
import { workloadTokens } from '../internal/service-accounts.js';

const label = (b: BindingEntry): string => `${b.kind} ${b.namespace === null ? '' : `${b.namespace}/`}${b.name}`;

/** CIS 5.1.5: the default ServiceAccounts are not actively used. */
export const noDefaultServiceAccount: Rule = /* @__PURE__ */ defineRule({
  id: 'rbac/no-default-service-account',
  meta: {
    title: 'Ensure that default service accounts are not actively used',
    description:
      'Default ServiceAccounts must set automountServiceAccountToken to false, must not be granted rights by any binding, and no workload may run as one with a token mounted',
    rationale:
      'Every namespace has a default ServiceAccount, and every pod that names no ServiceAccount runs as it. Rights granted to it reach every such pod, so they cannot be reviewed per application, and its token is mounted into each of them unless automounting is turned off.',
    remediation:
      'Set automountServiceAccountToken: false on each default ServiceAccount (kubectl patch serviceaccount default -p \'{"automountServiceAccountToken": false}\'), create a dedicated ServiceAccount for each workload that needs the API and set serviceAccountName, and bind roles to those accounts instead of default.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.5'],
      'cis-1.8': ['5.1.5'],
      'cis-1.9': ['5.1.5'],
      'cis-1.10': ['5.1.5'],
      'cis-1.11': ['5.1.5'],
      'cis-1.12': ['5.1.5'],
      'cis-2.0': ['5.1.5'],
    },
    tags: ['service-accounts', 'tokens'],
    messages: {
      defaultAutomount: 'ServiceAccount {namespace}/default does not set automountServiceAccountToken: false',
      defaultBound: '{binding} grants {role} to ServiceAccount {namespace}/default',
      defaultBoundUnresolved: '{binding} names ServiceAccount {namespace}/default, bound to {role}, which is not in the snapshot',
      groupBound: '{binding} grants {role} to the group {group}, which includes the default ServiceAccount{scope}',
      defaultUsed: '{workload} runs as ServiceAccount {namespace}/default with its token mounted ({source})',
      implicitDefault: 'Namespace {namespace} has no default ServiceAccount in the snapshot; the one Kubernetes creates mounts its token unless patched',
      compliant: 'No default ServiceAccount is in use ({count} workloads checked)',
    },
  },
  *check(snapshot, context) {
    const index = rbacIndex(snapshot);
    let failed = 0;

    for (const sa of snapshot.ofKind('ServiceAccount')) {
      if (sa.metadata.name !== 'default' || sa.automountServiceAccountToken === false) continue;
      failed++;
      const namespace = snapshot.refOf(sa).namespace ?? '';
      yield context.fail({
        messageId: 'defaultAutomount',
        data: { namespace },
        resource: sa,
        path: sa.automountServiceAccountToken === true ? 'automountServiceAccountToken' : null,
      });
    }

    const roleLabel = (b: BindingEntry): string => `${b.roleRef.kind} ${b.roleRef.name}`;
    const granting = (b: BindingEntry): boolean => b.role !== null && b.role.rules.length > 0;
    for (const binding of index.bindings) {
      for (const subject of binding.subjects) {
        const evidence: Evidence[] = binding.role
          ? [{ resource: binding.role.ref, path: null, relation: 'granted-by', ...(binding.role.builtIn ? { builtIn: true as const } : {}) }]
          : [];
        if (subject.kind === 'ServiceAccount' && subject.name === 'default') {
          if (binding.role === null) {
            yield context.warn({
              messageId: 'defaultBoundUnresolved',
              data: { binding: label(binding), role: roleLabel(binding), namespace: subject.namespace ?? '' },
              resource: binding.object,
              path: subject.path,
            });
            continue;
          }
          if (!granting(binding)) continue;
          failed++;
          yield context.fail({
            messageId: 'defaultBound',
            data: { binding: label(binding), role: roleLabel(binding), namespace: subject.namespace ?? '' },
            resource: binding.object,
            path: subject.path,
            severity: 'high',
            evidence,
          });
        } else if (isServiceAccountGroup(subject) && granting(binding)) {
          failed++;
          const ns = subject.name.slice('system:serviceaccounts:'.length);
          yield context.fail({
            messageId: 'groupBound',
            data: {
              binding: label(binding),
              role: roleLabel(binding),
              group: subject.name,
              scope: subject.name === 'system:serviceaccounts' ? ' of every namespace' : ` of namespace ${ns}`,
            },
            resource: binding.object,
            path: subject.path,
            severity: 'high',
            evidence,
          });
        }
      }
    }

    const tokens = workloadTokens(snapshot);
    for (const token of tokens) {
      if (token.serviceAccount !== 'default' || !token.automount) continue;
      failed++;
      const { workload } = token;
      const source =
        token.automountSource === 'pod'
          ? 'the pod sets automountServiceAccountToken: true'
          : token.automountSource === 'service-account'
            ? 'the ServiceAccount sets automountServiceAccountToken: true'
            : 'automounting is on by default';
      yield context.fail({
        messageId: 'defaultUsed',
        data: { workload: `${workload.kind} ${workload.namespace}/${workload.ref.name}`, namespace: workload.namespace, source },
        resource: workload.object,
        path: token.serviceAccountPath ?? token.automountPath ?? workload.specPath,
        evidence: token.serviceAccountObject ? [{ resource: snapshot.refOf(token.serviceAccountObject), path: null, relation: 'service-account' }] : [],
      });
    }

    for (const entry of snapshot.namespaces()) {
      if (snapshot.get('ServiceAccount', entry.name, 'default') !== undefined) continue;
      yield context.info({
        messageId: 'implicitDefault',
        data: { namespace: entry.name },
        ...(entry.object ? { resource: entry.object } : {}),
      });
    }

    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count: tokens.length } });
  },
});

function isServiceAccountGroup(subject: SubjectEntry): boolean {
  return subject.kind === 'Group' && (subject.name === 'system:serviceaccounts' || subject.name.startsWith('system:serviceaccounts:'));
}
