import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.2: no container (init and ephemeral included) runs privileged. */
export const noPrivileged: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-privileged',
  meta: {
    title: 'Minimize the admission of privileged containers',
    description: 'Containers, init containers and ephemeral containers must not set securityContext.privileged to true',
    rationale:
      'A privileged container has every capability and access to every host device; it can load kernel modules and take over the node. The Pod Security baseline level rejects it.',
    remediation:
      'Remove securityContext.privileged (or set it to false) in every container of the pod template, and enforce at least the baseline Pod Security level on each namespace (label pod-security.kubernetes.io/enforce=baseline).',
    severity: 'critical',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.2'],
      'cis-1.8': ['5.2.2'],
      'cis-1.9': ['5.2.2'],
      'cis-1.10': ['5.2.2'],
      'cis-1.11': ['5.2.2'],
      'cis-1.12': ['5.2.2'],
      'cis-2.0': ['5.2.2'],
    },
    tags: ['pod-security', 'baseline'],
    messages: {
      privileged: '{workload}: {container} sets securityContext.privileged=true',
      compliant: 'No container is privileged ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects privileged containers',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit privileged containers',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('privileged', pod)) {
        if (offence.container === undefined) continue;
        failed = true;
        yield context.fail({
          messageId: 'privileged',
          data: { workload: label, container: containerLabel(offence.container) },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((_spec, _container, sc) => (sc['privileged'] = true))]);
  },
});
