import { defineRule, type Rule } from '@kubecis/core';
import { namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.5: no pod shares the host's Network namespace (spec.hostNetwork). */
export const noHostNetwork: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-host-network',
  meta: {
    title: 'Minimize the admission of containers wishing to share the host network namespace',
    description: 'Pods must not set spec.hostNetwork to true',
    rationale:
      "A pod on the host network can bind to the node's interfaces, reach services that listen on localhost (the kubelet, etcd on control-plane nodes) and sniff traffic, bypassing NetworkPolicies. The Pod Security baseline level rejects it.",
    remediation:
      'Remove spec.hostNetwork (or set it to false) from the pod template, and enforce at least the baseline Pod Security level on each namespace (label pod-security.kubernetes.io/enforce=baseline).',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.5'],
      'cis-1.8': ['5.2.5'],
      'cis-1.9': ['5.2.5'],
      'cis-1.10': ['5.2.5'],
      'cis-1.11': ['5.2.5'],
      'cis-1.12': ['5.2.5'],
      'cis-2.0': ['5.2.5'],
    },
    tags: ['pod-security', 'baseline'],
    messages: {
      hostNetwork: '{workload} sets spec.hostNetwork=true',
      compliant: 'No workload shares the host network namespace ({count} checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers sharing the host network namespace',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers sharing the host network namespace',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('hostNamespaces', pod)) {
        if (offence.kind !== 'hostNetwork') continue;
        failed = true;
        yield context.fail({ messageId: 'hostNetwork', data: { workload: label }, resource: workload.object, path: pathOf(pod, offence.path) });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((spec) => (spec['hostNetwork'] = true))]);
  },
});
