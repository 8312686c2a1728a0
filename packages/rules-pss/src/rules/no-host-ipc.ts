import { defineRule, type Rule } from '@kubecis/core';
import { namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.4: no pod shares the host's IPC namespace (spec.hostIPC). */
export const noHostIpc: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-host-ipc',
  meta: {
    title: 'Minimize the admission of containers wishing to share the host IPC namespace',
    description: 'Pods must not set spec.hostIPC to true',
    rationale:
      "A pod in the host's IPC namespace can read and write the shared memory and message queues of every process on the node. The Pod Security baseline level rejects it.",
    remediation:
      'Remove spec.hostIPC (or set it to false) from the pod template, and enforce at least the baseline Pod Security level on each namespace (label pod-security.kubernetes.io/enforce=baseline).',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.4'],
      'cis-1.8': ['5.2.4'],
      'cis-1.9': ['5.2.4'],
      'cis-1.10': ['5.2.4'],
      'cis-1.11': ['5.2.4'],
      'cis-1.12': ['5.2.4'],
      'cis-2.0': ['5.2.4'],
    },
    tags: ['pod-security', 'baseline'],
    messages: {
      hostIPC: '{workload} sets spec.hostIPC=true',
      compliant: 'No workload shares the host IPC namespace ({count} checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers sharing the host IPC namespace',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers sharing the host IPC namespace',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('hostNamespaces', pod)) {
        if (offence.kind !== 'hostIPC') continue;
        failed = true;
        yield context.fail({ messageId: 'hostIPC', data: { workload: label }, resource: workload.object, path: pathOf(pod, offence.path) });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((spec) => (spec['hostIPC'] = true))]);
  },
});
