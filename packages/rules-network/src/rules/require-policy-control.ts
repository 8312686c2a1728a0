import { defineRule, type Evidence, type Rule } from '@kubecis/core';
import { admissionIndex, psaEnforceLabel, psaReportOnlyLabels, type NamespaceAdmission, type PolicySource } from '../engine/admission.js';
import { joinNames } from '../engine/read.js';

function labels(sources: readonly PolicySource[]): string {
  return joinNames([...new Set(sources.map((s) => s.label))], 3);
}

function evidenceOf(sources: readonly PolicySource[]): Evidence[] {
  return sources.flatMap((s) => s.evidence);
}

function psaEvidence(entry: NamespaceAdmission): Evidence[] {
  const object = entry.namespace.object;
  if (object === null || entry.psa === undefined) return [];
  return [{ resource: { apiVersion: object.apiVersion, kind: 'Namespace', namespace: null, name: object.metadata.name }, path: `metadata.labels[${JSON.stringify(psaEnforceLabel)}]`, relation: 'enforced-by' }];
}

/** CIS 5.2.1: every user namespace is covered by an admission mechanism that enforces pod policy. */
export const requirePolicyControl: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-policy-control',
  meta: {
    title: 'Ensure that the cluster has at least one active policy control mechanism in place',
    description:
      'Every user namespace must be covered by Pod Security Admission enforce labels or by an admission policy engine (Kyverno, Gatekeeper, ValidatingAdmissionPolicy, Kubewarden) whose policies validate its pods',
    rationale:
      'Without an admission mechanism that enforces pod policy, any user who can create a pod in a namespace can run privileged, host-namespace or root containers there. ' +
      'Pod Security Admission is the built-in mechanism, configured per namespace with the pod-security.kubernetes.io/enforce label; external engines do the same with their own policies. ' +
      'The rule looks at each user namespace (declared or only implied by objects in it; the system namespaces are left out): a namespace is covered when it has a valid enforce label above privileged ' +
      '(an invalid level is enforced as restricted), or when a Kyverno ClusterPolicy/Policy with a validate rule, a Gatekeeper constraint, a ValidatingAdmissionPolicy with a binding, a Kyverno ValidatingPolicy or a Kubewarden policy ' +
      'matches every pod or pod controller created there. Policies that only audit or warn (Kyverno Audit, Gatekeeper dryrun/warn, bindings without Deny, Kubewarden monitor) give a WARN, as does a policy engine whose webhook intercepts pods when its policies are not in the snapshot. ' +
      'Cluster-wide Pod Security Admission defaults set in the API server\'s AdmissionConfiguration are not visible in objects.',
    remediation:
      'Label each user namespace with pod-security.kubernetes.io/enforce: baseline or restricted (kubectl label namespace <ns> pod-security.kubernetes.io/enforce=restricted), ' +
      'or deploy policies of an admission engine in Enforce/deny mode that match pods in every user namespace. If the API server enforces a cluster-wide default through its AdmissionConfiguration, exempt this control with that reason.',
    severity: 'high',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.2.1'],
      'cis-1.8': ['5.2.1'],
      'cis-1.9': ['5.2.1'],
      'cis-1.10': ['5.2.1'],
      'cis-1.11': ['5.2.1'],
      'cis-1.12': ['5.2.1'],
      'cis-2.0': ['5.2.1'],
    },
    tags: ['admission', 'pod-security', 'namespaces'],
    messages: {
      uncovered: 'Namespace {namespace} has no active policy control: no Pod Security Admission enforce label and no admission policy that validates its pods{detail}',
      privilegedOnly: 'Namespace {namespace} enforces the privileged Pod Security level, which admits every pod, and no admission policy validates its pods{detail}',
      auditOnly: 'Namespace {namespace} is covered only by policies that report violations without blocking them: {sources}',
      webhookOnly: 'Namespace {namespace}: the {sources} intercepts its pods, but the policies it applies are not in the snapshot; check them in the cluster',
      covered: 'Namespace {namespace} is covered by {sources}',
    },
  },
  *check(snapshot, context) {
    const index = admissionIndex(snapshot);
    const installedHint =
      index.installed.length > 0
        ? `; ${joinNames(index.installed.map((i) => i.engine), 3)} ${index.installed.length === 1 ? 'is' : 'are'} installed, but none of its policies or webhooks in the snapshot applies to all its pods`
        : '';
    const inactiveHint = index.inactive.length > 0 ? `; inactive: ${joinNames(index.inactive.map((i) => i.label), 3)}` : '';
    for (const entry of index.namespaces) {
      const ns = entry.namespace;
      const psa = entry.psa;
      const psaCovers = psa !== undefined && psa.level !== 'privileged';
      if (psaCovers || entry.enforcing.length > 0) {
        const parts: string[] = [];
        if (psa !== undefined && psaCovers) {
          parts.push(psa.valid ? `Pod Security Admission (enforce: ${psa.level})` : `Pod Security Admission (enforce label "${psa.value}" is invalid, so restricted is enforced)`);
        }
        if (entry.enforcing.length > 0) parts.push(labels(entry.enforcing));
        yield context.pass({
          messageId: 'covered',
          data: { namespace: ns.name, sources: parts.join('; ') },
          resource: ns.resource,
          evidence: [...(psaCovers ? psaEvidence(entry) : []), ...evidenceOf(entry.enforcing)],
        });
        continue;
      }
      if (entry.auditing.length > 0) {
        yield context.warn({
          messageId: 'auditOnly',
          data: { namespace: ns.name, sources: labels(entry.auditing) },
          resource: ns.resource,
          evidence: evidenceOf(entry.auditing),
        });
        continue;
      }
      if (entry.webhooks.length > 0) {
        yield context.warn({
          messageId: 'webhookOnly',
          data: { namespace: ns.name, sources: joinNames(entry.webhooks.map((w) => w.label), 3) },
          resource: ns.resource,
          evidence: entry.webhooks.flatMap((w) => w.evidence),
        });
        continue;
      }
      const reportOnly = psaReportOnlyLabels(ns);
      const labelHint = reportOnly.length > 0 ? `; its pod-security ${reportOnly.join(' and ')} labels only report violations` : '';
      yield context.fail({
        messageId: psa?.level === 'privileged' ? 'privilegedOnly' : 'uncovered',
        data: { namespace: ns.name, detail: `${labelHint}${installedHint}${inactiveHint}` },
        resource: ns.resource,
        evidence: [
          ...psaEvidence(entry),
          ...index.installed.map((i): Evidence => ({ resource: i.ref, path: null, relation: 'installed' })),
          ...index.inactive.map((i): Evidence => ({ resource: i.ref, path: null, relation: 'inactive' })),
        ],
      });
    }
  },
});
