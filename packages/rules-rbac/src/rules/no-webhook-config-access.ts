import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

const group = 'admissionregistration.k8s.io';
const verbs = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** CIS 5.1.12: no ClusterRole can write validating or mutating webhook configurations. */
export const noWebhookConfigAccess: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-webhook-config-access',
  meta: {
    title: 'Minimize access to webhook configuration objects',
    description: 'ClusterRoles must not grant create, update, patch or delete on ValidatingWebhookConfigurations or MutatingWebhookConfigurations',
    rationale:
      'An admission webhook sees every object the API server admits for the resources it registers, Secrets included, and a mutating webhook can rewrite them, for example to add a privileged container. Whoever can write webhook configurations can also remove the webhooks that enforce policy. The objects are cluster-scoped, so only ClusterRoles bound by ClusterRoleBindings grant the right.',
    remediation:
      'Remove write verbs on validatingwebhookconfigurations and mutatingwebhookconfigurations (and the wildcards that imply them) from the ClusterRole; keep the right for the operators that install their own webhooks, limited with resourceNames where possible.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.12'],
      'cis-1.8': ['5.1.12'],
      'cis-1.9': ['5.1.12'],
      'cis-1.10': ['5.1.12'],
      'cis-1.11': ['5.1.12'],
      'cis-1.12': ['5.1.12'],
      'cis-2.0': ['5.1.12'],
    },
    tags: ['rbac', 'admission'],
    messages: {
      webhookWrite: '{role} can write webhook configurations: {access} ({holders})',
      webhookWriteAggregated: '{role} aggregates rules that write webhook configurations: {access} ({holders})',
      webhookWriteBuiltIn: '{binding} binds the Kubernetes default {role}, which writes webhook configurations: {access} ({holders})',
      compliant: 'No ClusterRole can write webhook configurations ({count} roles checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [
        {
          id: 'write',
          patterns: [
            { verbs, apiGroup: group, resource: 'validatingwebhookconfigurations', clusterScoped: true },
            { verbs, apiGroup: group, resource: 'mutatingwebhookconfigurations', clusterScoped: true },
          ],
        },
      ],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'webhookWrite' : target === 'aggregated' ? 'webhookWriteAggregated' : 'webhookWriteBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
