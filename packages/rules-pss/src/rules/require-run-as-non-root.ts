import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, pathOf, probePod, workloadPods } from '../internal/rule-support.js';
import { rootOffences } from '../internal/run-as-root.js';

/**
 * CIS 5.2.7: no container runs, or may run, as root. A container is non-root when its effective
 * runAsNonRoot is true or its effective runAsUser is non-zero (container values override the pod's).
 */
export const requireRunAsNonRoot: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/require-run-as-non-root',
  meta: {
    title: 'Minimize the admission of root containers',
    description: 'Every container must run as a non-root user: runAsNonRoot true or a non-zero runAsUser, set on the container or inherited from the pod',
    rationale:
      'A process running as UID 0 in a container is root on the node when it escapes, and owns every file of the host that is mounted into it. Without runAsNonRoot=true or a non-zero runAsUser, the image decides, and most images run as root. The Pod Security restricted level requires runAsNonRoot=true and forbids runAsUser=0.',
    remediation:
      'Set securityContext.runAsNonRoot: true at pod level (or on every container) and, where the image has no non-root USER, a non-zero runAsUser; remove any runAsUser: 0. Enforce the restricted Pod Security level on each namespace.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.7'],
      'cis-1.8': ['5.2.7'],
      'cis-1.9': ['5.2.7'],
      'cis-1.10': ['5.2.7'],
      'cis-1.11': ['5.2.7'],
      'cis-1.12': ['5.2.7'],
      'cis-2.0': ['5.2.7'],
    },
    tags: ['pod-security', 'restricted'],
    messages: {
      runsAsRoot: '{workload}: {container} runs as root (runAsUser=0)',
      mayRunAsRoot: '{workload}: {container} may run as root: neither runAsNonRoot=true nor a non-zero runAsUser applies to it',
      compliant: 'Every container runs as a non-root user ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers that may run as root',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers that may run as root',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of rootOffences(pod)) {
        failed = true;
        yield context.fail({
          messageId: offence.kind,
          data: { workload: label, container: containerLabel(offence.container) },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    // Restricted requires runAsNonRoot=true at every version; the kubelet refuses runAsUser=0 under it.
    yield* namespaceAdmission(snapshot, context, [probePod((spec) => (spec['securityContext'] = { seccompProfile: { type: 'RuntimeDefault' } }))]);
  },
});
