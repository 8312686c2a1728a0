import { defineRule, type Rule } from '@kubecis/core';
import { namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.12 (5.2.11 from cis-1.12): no pod mounts a hostPath volume. */
export const noHostPathVolumes: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-host-path-volumes',
  meta: {
    title: 'Minimize the admission of HostPath volumes',
    description: 'Pods must not declare hostPath volumes',
    rationale:
      "A hostPath volume exposes the node's filesystem to the pod: the container runtime socket, kubelet credentials, other pods' data. The Pod Security baseline level rejects hostPath volumes, and the restricted level allows only a short list of volume types.",
    remediation:
      'Replace hostPath volumes with emptyDir, configMap, secret, projected, persistentVolumeClaim or CSI volumes, and enforce at least the baseline Pod Security level on each namespace.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.12'],
      'cis-1.8': ['5.2.12'],
      'cis-1.9': ['5.2.12'],
      'cis-1.10': ['5.2.12'],
      'cis-1.11': ['5.2.12'],
      'cis-1.12': ['5.2.11'],
      'cis-2.0': ['5.2.11'],
    },
    tags: ['pod-security', 'baseline', 'volumes'],
    messages: {
      hostPath: '{workload} mounts the hostPath volume "{volume}"',
      compliant: 'No workload mounts a hostPath volume ({count} checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects hostPath volumes',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit hostPath volumes',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('hostPathVolumes', pod)) {
        failed = true;
        yield context.fail({ messageId: 'hostPath', data: { workload: label, volume: offence.value ?? '' }, resource: workload.object, path: pathOf(pod, offence.path) });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((spec) => (spec['volumes'] = [{ name: 'host', hostPath: { path: '/' } }]))]);
  },
});
