import { defineRule, type Rule } from '@kubecis/core';
import { listField, objField } from '../engine/read.js';
import type { ContainerView } from '../engine/pod.js';
import { containerLabel, namespaceAdmission, offencesOf, pathOf, probePod, workloadPods } from '../internal/rule-support.js';

/** `NET_RAW`, `net_raw`, `CAP_NET_RAW` all name the capability for this rule's purpose. */
const capabilityName = (value: string): string => value.toUpperCase().replace(/^CAP_/, '');
const grantsNetRaw = (value: string | undefined): boolean => value !== undefined && ['NET_RAW', 'ALL'].includes(capabilityName(value));
const dropsNetRaw = (container: ContainerView): boolean =>
  listField(objField(container.sc, 'capabilities'), 'drop').some((cap) => typeof cap === 'string' && grantsNetRaw(cap));

/**
 * CIS 5.2.8: no container has NET_RAW. Container runtimes grant NET_RAW by default, so a Linux
 * container has it unless it drops NET_RAW or ALL; adding NET_RAW (or ALL) grants it explicitly.
 */
export const noNetRaw: Rule = /* @__PURE__ */ defineRule({
  id: 'pss/no-net-raw',
  meta: {
    title: 'Minimize the admission of containers with the NET_RAW capability',
    description: 'Containers must not add NET_RAW (or ALL), and Linux containers must drop NET_RAW or ALL, which runtimes grant by default',
    rationale:
      'NET_RAW lets a process craft raw packets: ARP and DNS spoofing of other pods on the node, and a path for several kernel exploits. containerd and Docker grant it to every container unless it is dropped (CRI-O has left it out of its defaults since v1.18, but the runtime of a node is not visible in objects). The Pod Security baseline level rejects adding it; only the restricted level (v1.22 and later) makes containers drop it, through drop: ["ALL"].',
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] (or at least NET_RAW) on every container, never add NET_RAW or ALL, and enforce the restricted Pod Security level on each namespace.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.2.8'],
      'cis-1.8': ['5.2.8'],
      'cis-1.9': ['5.2.8'],
      'cis-1.10': ['5.2.8'],
      'cis-1.11': ['5.2.8'],
      'cis-1.12': ['5.2.8'],
      'cis-2.0': ['5.2.8'],
    },
    tags: ['pod-security', 'capabilities'],
    messages: {
      added: '{workload}: {container} adds capability {capability} to its securityContext (raw sockets)',
      notDropped: '{workload}: {container} keeps the default NET_RAW capability (it drops neither NET_RAW nor ALL)',
      compliant: 'No container has NET_RAW ({count} workloads checked)',
      namespaceForbids: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which rejects containers with NET_RAW',
      namespaceAdmits: 'Namespace {namespace} enforces Pod Security "{level}:{version}" ({setBy}), which would admit containers with NET_RAW',
    },
  },
  *check(snapshot, context) {
    let count = 0;
    let failed = false;
    for (const { workload, pod, label } of workloadPods(snapshot)) {
      count++;
      const adding = new Set<ContainerView>();
      for (const offence of offencesOf('capabilities_baseline', pod)) {
        if (offence.container === undefined || !grantsNetRaw(offence.value)) continue;
        failed = true;
        adding.add(offence.container);
        yield context.fail({
          messageId: 'added',
          data: { workload: label, container: containerLabel(offence.container), capability: offence.value ?? '' },
          resource: workload.object,
          path: pathOf(pod, offence.path),
        });
      }
      // Containers that do not drop ALL (Windows pods are exempt, as in the engine), less those that drop NET_RAW.
      for (const offence of offencesOf('capabilities_restricted', pod)) {
        const c = offence.container;
        if (offence.kind !== 'missingDropAll' || c === undefined || adding.has(c) || dropsNetRaw(c)) continue;
        failed = true;
        yield context.fail({ messageId: 'notDropped', data: { workload: label, container: containerLabel(c) }, resource: workload.object, path: pathOf(pod, offence.path) });
      }
    }
    if (!failed) yield context.pass({ messageId: 'compliant', data: { count } });
    yield* namespaceAdmission(snapshot, context, [
      probePod((_spec, _container, sc) => (sc['capabilities'] = { drop: ['ALL'], add: ['NET_RAW'] })),
      probePod((_spec, _container, sc) => delete sc['capabilities']),
    ]);
  },
});
