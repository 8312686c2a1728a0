import { defineRule, type Rule } from '@kubecis/core';
import { boolField } from '../engine/read.js';
import type { ContainerView } from '../engine/pod.js';
import { containerLabel, offencesOf, pathOf, workloadPods } from '../internal/rule-support.js';
import { rootOffences } from '../internal/run-as-root.js';

/**
 * CIS 5.7.3 (5.6.3 from cis-1.11): every container runs with a hardened security context: a
 * non-root user, allowPrivilegeEscalation false, capabilities drop ALL and a read-only root
 * filesystem. The last three do not apply to Windows pods. One finding per container and setting.
 */
export const requireSecurityContext: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/require-security-context',
  meta: {
    title: 'Apply SecurityContext to your Pods and Containers',
    description: 'Every container must run as non-root, set allowPrivilegeEscalation to false, drop ALL capabilities and use a read-only root filesystem',
    rationale:
      'A security context is the cheapest hardening a workload gets: a non-root user, no privilege escalation, no default capabilities and an immutable root filesystem each remove a step an attacker needs after compromising the application. The Pod Security restricted level covers the first three; nothing in Pod Security enforces readOnlyRootFilesystem.',
    remediation:
      'On every container set securityContext: { runAsNonRoot: true (or a non-zero runAsUser), allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true }, mounting emptyDir volumes where the application writes.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.7.3'],
      'cis-1.8': ['5.7.3'],
      'cis-1.9': ['5.7.3'],
      'cis-1.10': ['5.7.3'],
      'cis-1.11': ['5.6.3'],
      'cis-1.12': ['5.6.3'],
      'cis-2.0': ['5.6.3'],
    },
    tags: ['pod-security', 'restricted'],
    messages: {
      runsAsRoot: '{workload}: {container} runs as root (runAsUser=0)',
      mayRunAsRoot: '{workload}: {container} may run as root: set runAsNonRoot=true or a non-zero runAsUser',
      privilegeEscalation: '{workload}: {container} does not set allowPrivilegeEscalation=false',
      capabilitiesNotDropped: '{workload}: {container} does not drop ALL capabilities',
      writableRootFilesystem: '{workload}: {container} does not set readOnlyRootFilesystem=true',
      compliant: 'Every container has a hardened security context ({count} workloads checked)',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      const findings: { messageId: string; container: ContainerView; path: string }[] = [];
      for (const o of rootOffences(pod)) findings.push({ messageId: o.kind, container: o.container, path: pathOf(pod, o.path) });
      for (const o of offencesOf('allowPrivilegeEscalation', pod)) {
        if (o.container !== undefined) findings.push({ messageId: 'privilegeEscalation', container: o.container, path: pathOf(pod, o.path) });
      }
      for (const o of offencesOf('capabilities_restricted', pod)) {
        if (o.kind === 'missingDropAll' && o.container !== undefined) findings.push({ messageId: 'capabilitiesNotDropped', container: o.container, path: pathOf(pod, o.path) });
      }
      if (!pod.windows) {
        for (const c of pod.containers) {
          if (boolField(c.sc, 'readOnlyRootFilesystem') === true) continue;
          findings.push({ messageId: 'writableRootFilesystem', container: c, path: pathOf(pod, [...c.path, 'securityContext', 'readOnlyRootFilesystem']) });
        }
      }
      // Container by container, in visiting order.
      const order = new Map(pod.containers.map((c, i) => [c, i]));
      findings.sort((a, b) => (order.get(a.container) ?? 0) - (order.get(b.container) ?? 0));
      for (const f of findings) {
        failed = true;
        yield context.fail({ messageId: f.messageId, data: { workload: label, container: containerLabel(f.container) }, resource: workload.object, path: f.path });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
  },
});
