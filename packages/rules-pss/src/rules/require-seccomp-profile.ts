import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, offencesOf, pathOf, workloadPods } from '../internal/rule-support.js';

/**
 * CIS 5.7.2 (5.6.2 from cis-1.11): every container of a Linux pod runs with the RuntimeDefault or a
 * Localhost seccomp profile, set on the pod or on each container, as the Pod Security restricted
 * level requires. An explicit Unconfined (or empty) type fails even where containers override it.
 */
export const requireSeccompProfile: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/require-seccomp-profile',
  meta: {
    title: 'Ensure that the seccomp profile is set to RuntimeDefault in your Pod definitions',
    description: 'Linux pods must set securityContext.seccompProfile.type to RuntimeDefault or Localhost at pod level or on every container, and never to another type',
    rationale:
      'Without a seccomp profile a container runs Unconfined: every system call is available to an attacker, including the ones most kernel exploits need. RuntimeDefault blocks them at no cost for most workloads. The legacy seccomp annotations are ignored by current Kubernetes and by this rule.',
    remediation:
      'Set spec.securityContext.seccompProfile.type: RuntimeDefault in the pod template (or Localhost with a profile), and remove any Unconfined profile from the pod and its containers.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.7.2'],
      'cis-1.8': ['5.7.2'],
      'cis-1.9': ['5.7.2'],
      'cis-1.10': ['5.7.2'],
      'cis-1.11': ['5.6.2'],
      'cis-1.12': ['5.6.2'],
      'cis-2.0': ['5.6.2'],
    },
    tags: ['pod-security', 'restricted', 'seccomp'],
    messages: {
      podProfile: '{workload} sets the pod seccomp profile type to "{type}" (only RuntimeDefault or Localhost are allowed)',
      containerProfile: '{workload}: {container} sets its seccomp profile type to "{type}" (only RuntimeDefault or Localhost are allowed)',
      notSet: '{workload}: {container} has no seccomp profile, from the pod or its own, so it runs Unconfined',
      compliant: 'Every container runs with a RuntimeDefault or Localhost seccomp profile ({count} workloads checked)',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('seccompProfile_restricted', pod)) {
        failed = true;
        const path = pathOf(pod, offence.path);
        const c = offence.container;
        if (c === undefined) {
          yield context.fail({ messageId: 'podProfile', data: { workload: label, type: offence.value ?? '' }, resource: workload.object, path });
        } else if (offence.kind === 'explicit') {
          yield context.fail({ messageId: 'containerProfile', data: { workload: label, container: containerLabel(c), type: offence.value ?? '' }, resource: workload.object, path });
        } else {
          yield context.fail({ messageId: 'notSet', data: { workload: label, container: containerLabel(c) }, resource: workload.object, path });
        }
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
  },
});
