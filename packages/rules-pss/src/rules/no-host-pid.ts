import { defineRule, type Rule } from '@kubecis/core';
import { namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.3: no pod shares the host's PID namespace (spec.hostPID). */
export const noHostPid: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-host-pid',
  meta: {
    title: 'Minimize the admission of containers wishing to share the host process ID namespace',
    description: 'Pods must not set spec.hostPID to true',
    rationale:
      "A pod in the host's PID namespace sees every process on the node, can signal them and read their environment through /proc; combined with other rights it can escalate to the node. The Pod Security baseline level rejects it.",
    remediation:
      'Remove spec.hostPID (or set it to false) from the pod template, and enforce at least the baseline Pod Security level on each namespace (label pod-security.kubernetes.io/enforce=baseline).',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.3'],
      'cis-1.8': ['5.2.3'],
      'cis-1.9': ['5.2.3'],
      'cis-1.10': ['5.2.3'],
      'cis-1.11': ['5.2.3'],
      'cis-1.12': ['5.2.3'],
      'cis-2.0': ['5.2.3'],
    },
    tags: ['pod-security', 'baseline'],
    messages: {
      hostPID: '{workload} sets spec.hostPID=true',
      compliant: 'No workload shares the host PID namespace ({count} checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers sharing the host PID namespace',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers sharing the host PID namespace',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('hostNamespaces', pod)) {
        if (offence.kind !== 'hostPID') continue;
        failed = true;
        yield context.fail({ messageId: 'hostPID', data: { workload: label }, resource: workload.object, path: pathOf(pod, offence.path) });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((spec) => (spec['hostPID'] = true))]);
  },
});
