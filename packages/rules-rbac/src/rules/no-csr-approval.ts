import { defineRule, type Rule, type Snapshot } from '@kubecis/core';
import type { AccessPattern } from '../engine/queries.js';
import { rbacIndex } from '../engine/rbac-index.js';
import type { BindingEntry } from '../engine/types.js';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings, roleGrants, type Access } from '../internal/permission.js';

const certificates = 'certificates.k8s.io';

/** Approving a CSR takes both: writing its approval subresource, and approve on the signer it names. */
const approval: Access = {
  id: 'approval',
  patterns: [{ verbs: ['update', 'patch'], apiGroup: certificates, resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true }],
};
const signers: Access = {
  id: 'signers',
  patterns: [{ verbs: ['approve'], apiGroup: certificates, resource: 'signers', clusterScoped: true } satisfies AccessPattern],
};

const subjectId = (s: { kind: string; namespace: string | null; name: string }): string => `${s.kind}|${s.namespace ?? ''}|${s.name}`;

/** The halves of the approval right each subject holds, across all its ClusterRoleBindings. */
function halvesBySubject(snapshot: Snapshot): Map<string, Set<string>> {
  const index = rbacIndex(snapshot);
  const out = new Map<string, Set<string>>();
  for (const binding of index.clusterBindings) {
    if (binding.role === null) continue;
    const ids = new Set(roleGrants(binding.role, [approval, signers]).map((g) => g.access));
    if (ids.size === 0) continue;
    for (const subject of binding.subjects) {
      const key = subjectId(subject);
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      for (const id of ids) set.add(id);
    }
  }
  return out;
}

/** CIS 5.1.11: no ClusterRole can approve certificate signing requests. */
export const noCsrApproval: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-csr-approval',
  meta: {
    title: 'Minimize access to the approval sub-resource of certificatesigningrequests objects',
    description:
      'ClusterRoles must not grant update or patch on certificatesigningrequests/approval, nor approve on signers, the two rights that together approve a certificate request',
    rationale:
      'Approving a CertificateSigningRequest makes the cluster sign a client certificate for whatever user and groups the request names, system:masters included, so the approver can mint credentials for any identity. Approval takes update on the approval subresource plus approve on the signer; each half is reported, and a grant of both (in one role, or held together by one subject) is the more severe.',
    remediation:
      'Remove update and patch on certificatesigningrequests/approval and approve on signers (and the wildcards that imply them) from the ClusterRole. Leave CSR approval to the built-in controllers, or limit a custom approver to its own signer with resourceNames.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.11'],
      'cis-1.8': ['5.1.11'],
      'cis-1.9': ['5.1.11'],
      'cis-1.10': ['5.1.11'],
      'cis-1.11': ['5.1.11'],
      'cis-1.12': ['5.1.11'],
      'cis-2.0': ['5.1.11'],
    },
    tags: ['rbac', 'certificates', 'escalation'],
    messages: {
      approveCsr: '{role} can approve certificate signing requests: {access} ({holders})',
      approvalOnly: '{role} can write the approval of certificate signing requests: {access} ({holders})',
      signerOnly: '{role} can approve for certificate signers: {access} ({holders})',
      approveCsrAggregated: '{role} aggregates rules that approve certificate signing requests: {access} ({holders})',
      approveCsrBuiltIn: '{binding} binds the Kubernetes default {role}, which takes part in approving certificate signing requests: {access} ({holders})',
      compliant: 'No ClusterRole can approve certificate signing requests ({count} roles checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    let halves: Map<string, Set<string>> | undefined;
    const heldTogether = (holders: readonly BindingEntry[]): boolean => {
      halves ??= halvesBySubject(snapshot);
      const map = halves;
      return holders.some((b) => b.subjects.some((s) => (map.get(subjectId(s))?.size ?? 0) >= 2));
    };
    return permissionFindings(snapshot, context, {
      accesses: [approval, signers],
      severity: 'high',
      messageId: (ids, target, roleIds) => {
        if (target === 'aggregated') return 'approveCsrAggregated';
        if (target === 'binding') return 'approveCsrBuiltIn';
        return roleIds.size >= 2 ? 'approveCsr' : ids.has('approval') ? 'approvalOnly' : 'signerOnly';
      },
      adjust: (_ids, holders, roleIds) => (roleIds.size >= 2 || heldTogether(holders) ? 0 : -1),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
