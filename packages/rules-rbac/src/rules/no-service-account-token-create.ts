import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

/** CIS 5.1.13: no Role or ClusterRole gives create on serviceaccounts/token. */
export const noServiceAccountTokenCreate: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-service-account-token-create',
  meta: {
    title: 'Minimize access to the service account token creation',
    description: 'Roles and ClusterRoles must not grant create on the serviceaccounts/token subresource, directly or through wildcards, aggregation or built-in roles',
    rationale:
      'Creating a token for a ServiceAccount (the TokenRequest API) yields a credential that acts with every right of that ServiceAccount, for as long as the caller asks within the limits, without running any Pod. It is an escalation path to the most privileged ServiceAccount in reach.',
    remediation:
      'Remove create on serviceaccounts/token (and the wildcards that imply it, such as * or */token) from the role; where a component needs it, limit it with resourceNames to the ServiceAccounts it must mint tokens for.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.13'],
      'cis-1.8': ['5.1.13'],
      'cis-1.9': ['5.1.13'],
      'cis-1.10': ['5.1.13'],
      'cis-1.11': ['5.1.13'],
      'cis-1.12': ['5.1.13'],
      'cis-2.0': ['5.1.13'],
    },
    tags: ['rbac', 'service-accounts', 'escalation'],
    messages: {
      tokenCreate: '{role} can create ServiceAccount tokens: {access} ({holders})',
      tokenCreateAggregated: '{role} aggregates rules that create ServiceAccount tokens: {access} ({holders})',
      tokenCreateBuiltIn: '{binding} binds the Kubernetes default {role}, which creates ServiceAccount tokens: {access} ({holders})',
      compliant: 'No Role or ClusterRole grants create on serviceaccounts/token ({count} checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [{ id: 'create', patterns: [{ verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token', clusterScoped: false }] }],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'tokenCreate' : target === 'aggregated' ? 'tokenCreateAggregated' : 'tokenCreateBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
