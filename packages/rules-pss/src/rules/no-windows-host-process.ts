import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.11 (5.2.10 from cis-1.12): no pod or container sets windowsOptions.hostProcess. */
export const noWindowsHostProcess: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-windows-host-process',
  meta: {
    title: 'Minimize the admission of Windows HostProcess containers',
    description: 'Pods and their containers must not set securityContext.windowsOptions.hostProcess to true',
    rationale:
      'A Windows HostProcess container runs directly on the host with the privileges of a host process: it is the Windows equivalent of a privileged container. The Pod Security baseline level rejects it, at pod level even when every container overrides it.',
    remediation:
      'Remove securityContext.windowsOptions.hostProcess (or set it to false) at pod level and on every container, and enforce at least the baseline Pod Security level on each namespace.',
    severity: 'critical',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.11'],
      'cis-1.8': ['5.2.11'],
      'cis-1.9': ['5.2.11'],
      'cis-1.10': ['5.2.11'],
      'cis-1.11': ['5.2.11'],
      'cis-1.12': ['5.2.10'],
      'cis-2.0': ['5.2.10'],
    },
    tags: ['pod-security', 'baseline', 'windows'],
    messages: {
      podHostProcess: '{workload} sets securityContext.windowsOptions.hostProcess=true for the pod',
      containerHostProcess: '{workload}: {container} sets securityContext.windowsOptions.hostProcess=true',
      compliant: 'No pod or container is a Windows HostProcess ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects Windows HostProcess containers',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit Windows HostProcess containers',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('windowsHostProcess', pod)) {
        failed = true;
        const path = pathOf(pod, offence.path);
        yield offence.container === undefined
          ? context.fail({ messageId: 'podHostProcess', data: { workload: label }, resource: workload.object, path })
          : context.fail({ messageId: 'containerHostProcess', data: { workload: label, container: containerLabel(offence.container) }, resource: workload.object, path });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((_spec, _container, sc) => (sc['windowsOptions'] = { hostProcess: true }))]);
  },
});
