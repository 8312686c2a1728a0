import { defineRule, type Rule } from '@kubecis/core';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** CIS 5.2.13 (5.2.12 from cis-1.12): no container port sets a non-zero hostPort. */
export const noHostPorts: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-host-ports',
  meta: {
    title: 'Minimize the admission of containers which use HostPorts',
    description: 'Container, init container and ephemeral container ports must not set a non-zero hostPort',
    rationale:
      "A hostPort binds the node's own network interfaces, which bypasses Services and NetworkPolicies, exposes the pod outside the cluster and limits scheduling to one such pod per node. The Pod Security baseline level rejects every non-zero hostPort.",
    remediation:
      'Remove hostPort from the container ports and expose the pod through a Service (NodePort or LoadBalancer if it must be reachable from outside); enforce at least the baseline Pod Security level on each namespace.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.13'],
      'cis-1.8': ['5.2.13'],
      'cis-1.9': ['5.2.13'],
      'cis-1.10': ['5.2.13'],
      'cis-1.11': ['5.2.13'],
      'cis-1.12': ['5.2.12'],
      'cis-2.0': ['5.2.12'],
    },
    tags: ['pod-security', 'baseline', 'network'],
    messages: {
      hostPort: '{workload}: {container} uses hostPort {port}',
      compliant: 'No container uses a hostPort ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers with host ports',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers with host ports',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      for (const offence of offencesOf('hostPorts', pod)) {
        if (offence.container === undefined) continue;
        failed = true;
        yield context.fail({
          messageId: 'hostPort',
          data: { workload: label, container: containerLabel(offence.container), port: offence.value ?? '' },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [probePod((_spec, container) => (container['ports'] = [{ containerPort: 8080, hostPort: 8080 }]))]);
  },
});
