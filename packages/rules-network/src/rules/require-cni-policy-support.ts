import { defineRule, type Rule } from '@kubecis/core';
import { cniReport, type CniComponent, type Enforcement } from '../engine/cni.js';
import { joinNames } from '../engine/read.js';

/** Components grouped by CNI and verdict, so that a CNI's DaemonSet, operator and controllers give one finding. */
function grouped(components: readonly CniComponent[], enforces: Enforcement): CniComponent[][] {
  const groups = new Map<string, CniComponent[]>();
  for (const c of components) {
    if (c.enforces !== enforces) continue;
    const key = c.id;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(c);
  }
  return [...groups.values()];
}

/** CIS 5.3.1: the CNI in use supports (enforces) NetworkPolicies. */
export const requireCniPolicySupport: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-cni-policy-support',
  meta: {
    title: 'Ensure that the CNI in use supports NetworkPolicies',
    description: 'The cluster must run a CNI plugin, or a policy engine beside it, that enforces NetworkPolicies',
    rationale:
      'NetworkPolicy objects are only data: the CNI plugin (or a policy engine running beside it) enforces them, and with a plugin that does not, every policy is silently ignored. ' +
      'The rule recognises the CNI from its DaemonSets, Deployments and Pods (images, names) and from Calico\'s operator Installation: Calico, Canal, Cilium, GKE Dataplane V2 (anetd), Antrea, Weave Net (with weave-npc), kube-router (firewall on), ' +
      'OVN-Kubernetes, Kube-OVN, kube-network-policies, Azure NPM and the AWS VPC CNI with its network policy agent enabled enforce policies; flannel alone, Azure CNI alone, the AWS VPC CNI without an enabled agent, Cilium with enable-policy=never ' +
      'and kindnet before kind v0.24.0 (kindnetd v20240813) or standalone kindnet v1.3.0 do not. A CNI that runs outside the API (managed control planes, k3s\'s embedded flannel) cannot be seen and gives a WARN.',
    remediation:
      'Use a CNI plugin that enforces NetworkPolicies (for example Calico, Cilium or Antrea), or add a policy engine beside the current one (Calico in policy-only mode, kube-router\'s firewall, kube-network-policies); ' +
      'on EKS enable the VPC CNI network policy agent (enableNetworkPolicy: "true"); on AKS choose a network policy engine (Azure NPM, Calico or Cilium).',
    severity: 'high',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.3.1'],
      'cis-1.8': ['5.3.1'],
      'cis-1.9': ['5.3.1'],
      'cis-1.10': ['5.3.1'],
      'cis-1.11': ['5.3.1'],
      'cis-1.12': ['5.3.1'],
      'cis-2.0': ['5.3.1'],
    },
    tags: ['network', 'cni', 'network-policy'],
    messages: {
      supported: '{cni} enforces NetworkPolicies: {reason}',
      alongside: '{cni} does not enforce NetworkPolicies by itself ({reason}); they are enforced by {enforcers}',
      alongsideUncertain: '{cni} does not enforce NetworkPolicies by itself ({reason}); whether {enforcers} enforces them could not be settled',
      unsupported: 'The CNI in use, {cni}, does not enforce NetworkPolicies: {reason}; no policy engine was found beside it',
      uncertain: '{cni} may not enforce NetworkPolicies: {reason}',
      unrecognised:
        'No known CNI plugin or network-policy engine was found among the workloads; check that the CNI in use enforces NetworkPolicies (managed and embedded CNIs, such as k3s\'s flannel, run outside the API)',
    },
  },
  *check(snapshot, context) {
    const { components } = cniReport(snapshot);
    const enforcing = grouped(components, 'yes');
    const evidenceOf = (group: readonly CniComponent[]) => group.flatMap((c) => c.evidence);
    if (enforcing.length > 0) {
      const enforcers = joinNames([...new Set(enforcing.map((g) => g[0]!.name))], 3);
      for (const group of enforcing) {
        const first = group[0]!;
        yield context.pass({ messageId: 'supported', data: { cni: first.name, reason: first.reason }, resource: first.object, path: first.path, evidence: evidenceOf(group) });
      }
      for (const group of [...grouped(components, 'no'), ...grouped(components, 'unknown')]) {
        const first = group[0]!;
        yield context.info({ messageId: 'alongside', data: { cni: first.name, reason: first.reason, enforcers }, resource: first.object, path: first.path, evidence: evidenceOf(group) });
      }
      return;
    }
    // The verdicts below are about the cluster, not the (often kube-system) workload: the
    // workload is evidence, so that system-namespace exemptions do not hide a cluster-wide gap.
    const uncertain = grouped(components, 'unknown');
    for (const group of uncertain) {
      const first = group[0]!;
      yield context.warn({ messageId: 'uncertain', data: { cni: first.name, reason: first.reason }, evidence: evidenceOf(group) });
    }
    for (const group of grouped(components, 'no')) {
      const first = group[0]!;
      if (uncertain.length > 0) {
        const enforcers = joinNames([...new Set(uncertain.map((g) => g[0]!.name))], 3);
        yield context.info({ messageId: 'alongsideUncertain', data: { cni: first.name, reason: first.reason, enforcers }, resource: first.object, path: first.path, evidence: evidenceOf(group) });
      } else {
        yield context.fail({ messageId: 'unsupported', data: { cni: first.name, reason: first.reason }, evidence: evidenceOf(group) });
      }
    }
    if (components.length === 0) yield context.warn({ messageId: 'unrecognised' });
  },
});
