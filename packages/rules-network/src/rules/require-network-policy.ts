import { defineRule, type Evidence, type Rule } from '@kubecis/core';
import { networkPolicyIndex, policyDirections, type Isolation, type NamespacePolicies } from '../engine/network-policies.js';
import { joinNames, pathIf, plural } from '../engine/read.js';

function policiesText(entry: NamespacePolicies): string {
  const counts = new Map<string, number>();
  if (entry.policies.length > 0) counts.set('NetworkPolicy', entry.policies.length);
  for (const p of entry.cniPolicies) {
    const kind = p.kind === 'NetworkPolicy' ? `${p.apiVersion.split('/')[0] ?? ''} NetworkPolicy` : p.kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts].map(([kind, n]) => plural(n, kind, kind.endsWith('Policy') ? `${kind.slice(0, -1)}ies` : `${kind}s`));
  return parts.length <= 1 ? (parts[0] ?? 'no policies') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

function gap(direction: 'ingress' | 'egress', isolation: Isolation, workloads: number, anyPolicy: boolean): string | undefined {
  if (isolation.all) return undefined;
  if (!anyPolicy) return direction === 'ingress' ? 'no policy isolates ingress' : 'no policy restricts egress';
  if (workloads > 0 && isolation.unselected > 0) {
    return `${String(isolation.unselected)} of ${plural(workloads, 'workload')} ${isolation.unselected === 1 ? 'is' : 'are'} selected by no ${direction} policy`;
  }
  return `no ${direction} policy selects every pod (an empty podSelector), so pods added later are not isolated`;
}

function gapsOf(entry: NamespacePolicies): string[] {
  const gaps: string[] = [];
  const ingressAny = entry.policies.some((p) => policyDirections(p).ingress);
  const ingress = gap('ingress', entry.ingress, entry.workloads, ingressAny);
  const egressAny = entry.policies.some((p) => policyDirections(p).egress);
  const egress = gap('egress', entry.egress, entry.workloads, egressAny);
  if (entry.policies.length > 0 || entry.cniPolicies.length === 0) {
    if (ingress) gaps.push(ingress);
    if (egress) gaps.push(egress);
  }
  if (entry.cniPolicies.length > 0) gaps.push(`its CNI-specific policies (${joinNames([...new Set(entry.cniPolicies.map((p) => p.kind))])}) were not analysed for coverage`);
  return gaps;
}

/** CIS 5.3.2: every namespace has NetworkPolicies. */
export const requireNetworkPolicy: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-network-policy',
  meta: {
    title: 'Ensure that all Namespaces have NetworkPolicies defined',
    description: 'Every user namespace must have at least one NetworkPolicy',
    rationale:
      'Pods that no NetworkPolicy selects accept connections from any pod in the cluster and can connect anywhere, so one compromised pod can reach every other. ' +
      'The rule looks at each user namespace, declared or only implied by the objects in it (system namespaces are left out): one without any NetworkPolicy fails. ' +
      'Namespaced Calico, Cilium and Antrea policies count as policies of the namespace. When a namespace has none, but cluster-wide policies (Calico GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy, Antrea ClusterNetworkPolicy, or an AdminNetworkPolicy whose subject selects it) may apply, the result is a WARN to check by hand. ' +
      'For namespaces that have policies, the rule also says whether a policy with an empty podSelector isolates every pod for ingress and for egress (PASS), or which direction and how many workloads are left open (INFO): CIS asks only that policies exist, so partial coverage is reported as evidence, not as a failure.',
    remediation:
      'Add a NetworkPolicy to each namespace; start with a default-deny policy (podSelector: {}, policyTypes: [Ingress, Egress]) and allow the traffic each workload needs, including DNS egress.',
    severity: 'medium',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.3.2'],
      'cis-1.8': ['5.3.2'],
      'cis-1.9': ['5.3.2'],
      'cis-1.10': ['5.3.2'],
      'cis-1.11': ['5.3.2'],
      'cis-1.12': ['5.3.2'],
      'cis-2.0': ['5.3.2'],
    },
    tags: ['network', 'network-policy', 'namespaces'],
    messages: {
      missing: 'Namespace {namespace} has no NetworkPolicy: its pods accept traffic from anywhere and can reach anything',
      clusterWideOnly: 'Namespace {namespace} has no NetworkPolicy of its own; cluster-wide policies may isolate it ({policies}): check that they select its pods',
      isolated: 'Namespace {namespace} has {policies}; a policy with an empty podSelector isolates every pod for ingress and egress',
      partial: 'Namespace {namespace} has {policies}, but {gaps}',
    },
  },
  *check(snapshot, context) {
    for (const entry of networkPolicyIndex(snapshot).namespaces) {
      const ns = entry.namespace;
      const policyEvidence: Evidence[] = [...entry.policies, ...entry.cniPolicies].map((p) => ({
        resource: snapshot.refOf(p),
        path: pathIf(p, 'spec.podSelector'),
        relation: 'isolated-by',
      }));
      if (entry.policies.length === 0 && entry.cniPolicies.length === 0) {
        if (entry.clusterWide.length > 0) {
          yield context.warn({
            messageId: 'clusterWideOnly',
            data: { namespace: ns.name, policies: joinNames(entry.clusterWide.map((p) => `${p.kind} ${p.metadata.name}`), 3) },
            resource: ns.resource,
            evidence: entry.clusterWide.map((p) => ({ resource: snapshot.refOf(p), path: null, relation: 'may-isolate' })),
          });
        } else {
          yield context.fail({ messageId: 'missing', data: { namespace: ns.name }, resource: ns.resource });
        }
        continue;
      }
      const gaps = gapsOf(entry);
      if (gaps.length === 0) {
        yield context.pass({ messageId: 'isolated', data: { namespace: ns.name, policies: policiesText(entry) }, resource: ns.resource, evidence: policyEvidence });
      } else {
        yield context.info({ messageId: 'partial', data: { namespace: ns.name, policies: policiesText(entry), gaps: gaps.join('; ') }, resource: ns.resource, evidence: policyEvidence });
      }
    }
  },
});
