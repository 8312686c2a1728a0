import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/**
 * CIS 5.2.6: every container sets securityContext.allowPrivilegeEscalation to false. Unset counts
 * as allowed (the runtime default lets setuid binaries gain privileges), as in the Pod Security
 * restricted level; Windows pods are exempt (the field does not apply to them).
 */
export const noPrivilegeEscalation: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-privilege-escalation',
  meta: {
    title: 'Minimize the admission of containers with allowPrivilegeEscalation',
    description: 'Every container, init container and ephemeral container of a Linux pod must set securityContext.allowPrivilegeEscalation to false',
    rationale:
      'Unless allowPrivilegeEscalation is false, the container runs without no_new_privs, so a setuid binary or file capability can give a process more privileges than its parent. Leaving the field unset keeps that default. The Pod Security restricted level (v1.8 and later) requires an explicit false.',
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container of the pod template, and enforce the restricted Pod Security level on each namespace (label pod-security.kubernetes.io/enforce=restricted).',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.6'],
      'cis-1.8': ['5.2.6'],
      'cis-1.9': ['5.2.6'],
      'cis-1.10': ['5.2.6'],
      'cis-1.11': ['5.2.6'],
      'cis-1.12': ['5.2.6'],
      'cis-2.0': ['5.2.6'],
    },
    tags: ['pod-security', 'restricted'],
    messages: {
      escalationAllowed: '{workload}: {container} sets securityContext.allowPrivilegeEscalation=true',
      escalationNotDisabled: '{workload}: {container} does not set securityContext.allowPrivilegeEscalation=false, so privilege escalation is allowed',
      compliant: 'Every container sets allowPrivilegeEscalation=false ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers that allow privilege escalation',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers that allow privilege escalation',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('allowPrivilegeEscalation', pod)) {
        if (offence.container === undefined) continue;
        failed = true;
        yield context.fail({
          messageId: offence.kind === 'explicit' ? 'escalationAllowed' : 'escalationNotDisabled',
          data: { workload: label, container: containerLabel(offence.container) },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [
      probePod((_spec, _container, sc) => (sc['allowPrivilegeEscalation'] = true)),
      probePod((_spec, _container, sc) => delete sc['allowPrivilegeEscalation']),
    ]);
  },
});
