import { defineRule, type Evidence, type Rule } from '@kubecis/core';
import { serviceAccountBindings, workloadTokens } from '../internal/service-accounts.js';

/** CIS 5.1.6: ServiceAccount tokens are mounted only where the workload has API rights to use them. */
export const noUnneededTokenMount: Rule = /* @__PURE__ */ defineRule({
  id: 'rbac/no-unneeded-token-mount',
  meta: {
    title: 'Ensure that Service Account Tokens are only mounted where necessary',
    description:
      'Workloads whose ServiceAccount is granted no rights by any binding must not mount its token; the pod setting of automountServiceAccountToken wins over the ServiceAccount setting',
    rationale:
      'A mounted token is a credential for the API server in every container of the pod. When the ServiceAccount has no rights the workload does not need it, yet an attacker who gets into the container can still use it (discovery, and any right granted later or to all service accounts).',
    remediation:
      'Set automountServiceAccountToken: false in the pod template, or on the ServiceAccount when none of its pods need the API. Workloads that do need it should run as a dedicated ServiceAccount bound to the roles they use.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.6'],
      'cis-1.8': ['5.1.6'],
      'cis-1.9': ['5.1.6'],
      'cis-1.10': ['5.1.6'],
      'cis-1.11': ['5.1.6'],
      'cis-1.12': ['5.1.6'],
      'cis-2.0': ['5.1.6'],
    },
    tags: ['service-accounts', 'tokens'],
    messages: {
      tokenNotNeeded: '{workload} mounts the token of ServiceAccount {serviceAccount}, which no binding grants any right ({source})',
      compliant: 'Every mounted token belongs to a ServiceAccount with granted rights ({mounted} of {count} workloads mount one)',
    },
  },
  *check(snapshot, context) {
    let failed = 0;
    let mounted = 0;
    const tokens = workloadTokens(snapshot);
    for (const token of tokens) {
      if (!token.automount) continue;
      mounted++;
      const { workload } = token;
      if (serviceAccountBindings(snapshot, workload.namespace, token.serviceAccount).length > 0) continue;
      failed++;
      const source =
        token.automountSource === 'pod'
          ? 'the pod sets automountServiceAccountToken: true'
          : token.automountSource === 'service-account'
            ? 'the ServiceAccount sets automountServiceAccountToken: true'
            : 'neither the pod nor the ServiceAccount sets automountServiceAccountToken: false';
      const evidence: Evidence[] = token.serviceAccountObject
        ? [{ resource: snapshot.refOf(token.serviceAccountObject), path: token.automountSource === 'service-account' ? 'automountServiceAccountToken' : null, relation: 'service-account' }]
        : [];
      yield context.fail({
        messageId: 'tokenNotNeeded',
        data: { workload: `${workload.kind} ${workload.namespace}/${workload.ref.name}`, serviceAccount: `${workload.namespace}/${token.serviceAccount}`, source },
        resource: workload.object,
        path: token.automountPath ?? workload.specPath,
        evidence,
      });
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { mounted, count: tokens.length } });
  },
});
