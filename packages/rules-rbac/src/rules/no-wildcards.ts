import { defineRule, type Evidence, type Rule, type Severity } from '@kubecis/core';
import { rbacIndex } from '../engine/rbac-index.js';
import type { RuleRef } from '../engine/types.js';
import { isResourceWildcard, wildcardsOf, type Wildcards } from '../engine/wildcards.js';
import { maxSeverity } from '../engine/subjects.js';
import { bindingEvidence, describeHolders, describeRole, grantSeverity, isDefaultRole } from '../internal/permission.js';

function severityFor(wildcards: readonly Wildcards[], restricted: boolean, holders: Parameters<typeof grantSeverity>[1]): Severity {
  // Non-resource URL prefixes (`/metrics/*`) reach read-only endpoints; resource wildcards reach objects.
  const base: Severity = wildcards.some((w) => w.full) ? 'high' : wildcards.every((w) => w.fields.length === 1 && w.fields[0] === 'nonResourceURLs') ? 'low' : 'medium';
  return maxSeverity('low', grantSeverity(base, holders, restricted));
}

/** CIS 5.1.3: no Role or ClusterRole uses wildcards. */
export const noWildcards: Rule = /* @__PURE__ */ defineRule({
  id: 'rbac/no-wildcards',
  meta: {
    title: 'Minimize wildcard use in Roles and ClusterRoles',
    description: 'Roles and ClusterRoles must not use * in verbs, apiGroups or resources (including */subresource) or a wildcard non-resource URL',
    rationale:
      'A wildcard grants every present and future verb, API group or resource, including custom resources installed later and subresources such as pods/exec and serviceaccounts/token, so the role silently grows. A literal such as secrets/* is not a wildcard at all: it matches nothing and usually hides a mistake.',
    remediation:
      'Replace each * with the verbs, API groups and resources the workload needs (kubectl auth can-i --list, or the audit log, shows what it uses). Bind the built-in roles that use wildcards (cluster-admin, some system: roles) only where required.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.3'],
      'cis-1.8': ['5.1.3'],
      'cis-1.9': ['5.1.3'],
      'cis-1.10': ['5.1.3'],
      'cis-1.11': ['5.1.3'],
      'cis-1.12': ['5.1.3'],
      'cis-2.0': ['5.1.3'],
    },
    tags: ['rbac', 'least-privilege'],
    messages: {
      wildcard: '{role} uses a wildcard in {fields} ({holders})',
      wildcardAggregated: '{role} aggregates rules with wildcards in {fields}, from {sources} ({holders})',
      wildcardBuiltIn: '{binding} binds the Kubernetes default {role}, which uses wildcards in {fields} ({holders})',
      literalSubresource: '{role} lists the resource "{resource}", a literal that matches no request (wildcards only work as * or */subresource)',
      compliant: 'No Role or ClusterRole uses wildcards ({count} checked)',
    },
  },
  *check(snapshot, context) {
    const index = rbacIndex(snapshot);
    let failed = 0;
    let checked = 0;
    const wildcardRules = (rules: readonly RuleRef[]): { ref: RuleRef; wildcards: Wildcards }[] =>
      rules.flatMap((ref) => {
        const wildcards = wildcardsOf(ref.rule, ref.path);
        return wildcards ? [{ ref, wildcards }] : [];
      });
    for (const role of index.roles) {
      if (role.object === null) continue;
      checked++;
      const holders = index.bindingsOf(role);
      if (role.aggregationRule !== null) {
        const found = wildcardRules(role.rules);
        if (found.length === 0) continue;
        failed++;
        const sources = [...new Set(found.map((f) => describeRole(f.ref.role)))];
        const evidence: Evidence[] = found.map((f) => ({
          resource: f.ref.role.ref,
          path: f.ref.path,
          relation: 'aggregated-from',
          ...(f.ref.role.builtIn ? { builtIn: true as const } : {}),
        }));
        yield context.fail({
          messageId: 'wildcardAggregated',
          data: { role: describeRole(role), fields: [...new Set(found.flatMap((f) => f.wildcards.fields))].join(', '), sources: sources.join(', '), holders: describeHolders(holders) },
          resource: role.object,
          path: 'aggregationRule',
          severity: severityFor(
            found.map((f) => f.wildcards),
            found.every((f) => (f.ref.rule.resourceNames ?? []).length > 0),
            holders,
          ),
          evidence: [...evidence, ...bindingEvidence(holders)],
        });
        continue;
      }
      for (const ref of role.ownRules) {
        const wildcards = wildcardsOf(ref.rule, ref.path);
        if (wildcards === null) {
          const resources = ref.rule.resources ?? [];
          const literal = resources.findIndex((r) => r.endsWith('/*') && !isResourceWildcard(r));
          if (literal !== -1) {
            yield context.info({
              messageId: 'literalSubresource',
              data: { role: describeRole(role), resource: resources[literal] ?? '' },
              resource: role.object,
              path: `${ref.path}.resources[${String(literal)}]`,
            });
          }
          continue;
        }
        failed++;
        yield context.fail({
          messageId: 'wildcard',
          data: { role: describeRole(role), fields: wildcards.fields.join(', '), holders: describeHolders(holders) },
          resource: role.object,
          path: wildcards.first,
          severity: severityFor([wildcards], (ref.rule.resourceNames ?? []).length > 0, holders),
          evidence: bindingEvidence(holders),
        });
      }
    }
    for (const binding of index.bindings) {
      const role = binding.role;
      if (role === null || !isDefaultRole(role)) continue;
      const found = wildcardRules(role.rules);
      if (found.length === 0) continue;
      failed++;
      const evidence: Evidence[] = found.map((f) => ({
        resource: f.ref.role.ref,
        path: f.ref.path,
        relation: 'granted-by',
        ...(f.ref.role.builtIn ? { builtIn: true as const } : {}),
      }));
      yield context.fail({
        messageId: 'wildcardBuiltIn',
        data: {
          binding: `${binding.kind} ${binding.namespace === null ? '' : `${binding.namespace}/`}${binding.name}`,
          role: describeRole(role),
          fields: [...new Set(found.flatMap((f) => f.wildcards.fields))].join(', '),
          holders: describeHolders([binding]),
        },
        resource: binding.object,
        path: 'roleRef',
        severity: severityFor(
          found.map((f) => f.wildcards),
          false,
          [binding],
        ),
        evidence: [...evidence, ...bindingEvidence([binding]).filter((e) => e.relation === 'subject')],
      });
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count: checked } });
  },
});

