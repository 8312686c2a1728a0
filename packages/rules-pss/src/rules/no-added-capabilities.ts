import { defineRule, type Rule } from '@kubecis/core';
import { listField, objField, strValue } from '../engine/read.js';
import { containerLabel, namespaceAdmission, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/**
 * CIS 5.2.9 (cis-1.7 to cis-1.11; removed from cis-1.12): no container adds a capability. Any
 * entry of securityContext.capabilities.add is reported, NET_BIND_SERVICE included.
 */
export const noAddedCapabilities: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-added-capabilities',
  meta: {
    title: 'Minimize the admission of containers with added capabilities',
    description: 'Containers, init containers and ephemeral containers must not add capabilities in securityContext.capabilities.add',
    rationale:
      'Each added capability widens what a compromised process can do beyond the runtime defaults. CIS asks that no policy allows added capabilities. The Pod Security baseline level still allows the 13 runtime-default capabilities, and the restricted level (v1.22 and later) allows only NET_BIND_SERVICE, so a namespace counts as forbidding added capabilities when it enforces restricted; an added NET_BIND_SERVICE is still reported on the workload.',
    remediation:
      'Remove securityContext.capabilities.add from every container (use a port above 1023 instead of NET_BIND_SERVICE), and enforce the restricted Pod Security level on each namespace.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.9'],
      'cis-1.8': ['5.2.9'],
      'cis-1.9': ['5.2.9'],
      'cis-1.10': ['5.2.9'],
      'cis-1.11': ['5.2.9'],
    },
    tags: ['pod-security', 'capabilities'],
    messages: {
      added: '{workload}: {container} adds the {capability} capability',
      compliant: 'No container adds capabilities ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers that add capabilities (other than NET_BIND_SERVICE, which the restricted level allows)',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers that add capabilities (other than NET_BIND_SERVICE, which the restricted level allows)',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const c of pod.containers) {
        const add = listField(objField(c.sc, 'capabilities'), 'add');
        for (let i = 0; i < add.length; i++) {
          failed = true;
          yield context.fail({
            messageId: 'added',
            data: { workload: label, container: containerLabel(c), capability: strValue(add[i]) },
            resource: workload.object,
            path: pathOf(pod, [...c.path, 'securityContext', 'capabilities', 'add', i]),
          });
        }
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [
      probePod((_spec, _container, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['SYS_ADMIN'] })),
      probePod((_spec, _container, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['CHOWN'] })),
    ]);
  },
});
