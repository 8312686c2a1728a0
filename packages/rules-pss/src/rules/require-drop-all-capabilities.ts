import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.10 (5.2.9 from cis-1.12): every container of a Linux pod drops ALL capabilities. */
export const requireDropAllCapabilities: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/require-drop-all-capabilities',
  meta: {
    title: 'Minimize the admission of containers with capabilities assigned',
    description: 'Every container, init container and ephemeral container of a Linux pod must list ALL in securityContext.capabilities.drop',
    rationale:
      'Container runtimes give every container a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID and more) that most applications never use. Dropping ALL removes them; the Pod Security restricted level (v1.22 and later) requires it for Linux pods. The match is exact: "all" or dropping each capability one by one does not count.',
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] on every container, add back only NET_BIND_SERVICE if needed, and enforce the restricted Pod Security level on each namespace.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.10'],
      'cis-1.8': ['5.2.10'],
      'cis-1.9': ['5.2.10'],
      'cis-1.10': ['5.2.10'],
      'cis-1.11': ['5.2.10'],
      'cis-1.12': ['5.2.9'],
      'cis-2.0': ['5.2.9'],
    },
    tags: ['pod-security', 'restricted', 'capabilities'],
    messages: {
      notDropped: '{workload}: {container} does not drop ALL capabilities',
      compliant: 'Every container drops ALL capabilities ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers that keep default capabilities',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers that keep default capabilities',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('capabilities_restricted', pod)) {
        if (offence.kind !== 'missingDropAll' || offence.container === undefined) continue;
        failed = true;
        yield context.fail({
          messageId: 'notDropped',
          data: { workload: label, container: containerLabel(offence.container) },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((_spec, _container, sc) => delete sc['capabilities'])]);
  },
});
