import { defineRule, type Rule, type Workload } from '@kubecis/core';
import { userNamespaces } from '../engine/namespaces.js';
import { joinNames, namespaceRef, plural } from '../engine/read.js';

/** CIS 5.7.1 / 5.6.1: namespaces separate the cluster's workloads into administrative boundaries. */
export const requireNamespaceBoundaries: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-namespace-boundaries',
  meta: {
    title: 'Create administrative boundaries between resources using namespaces',
    description: 'User workloads must be spread over namespaces rather than share one, and must not all live in the default namespace',
    rationale:
      'Namespaces are the unit of RBAC, NetworkPolicy, Pod Security Admission, quotas and limits: workloads that share one namespace share every one of these boundaries, so access to one is access to all. ' +
      'The rule counts user workloads (pod templates and pods not owned by another workload in the snapshot, outside the system namespaces): when there are two or more and they all share one namespace, or when all of them live in the default namespace, it fails. ' +
      'The evidence lists each namespace with its workload count. Whether the existing namespaces match the organisation\'s boundaries is for a person to judge.',
    remediation:
      'Create a namespace per application, team or environment (kubectl create namespace <name>) and move each workload into the namespace of its owner; grant access per namespace with RoleBindings.',
    severity: 'low',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.7.1'],
      'cis-1.8': ['5.7.1'],
      'cis-1.9': ['5.7.1'],
      'cis-1.10': ['5.7.1'],
      'cis-1.11': ['5.6.1'],
      'cis-1.12': ['5.6.1'],
      'cis-2.0': ['5.6.1'],
    },
    tags: ['namespaces', 'workloads'],
    messages: {
      separated: 'User workloads are spread over {count} namespaces: {namespaces}',
      singleNamespace: 'All {workloads} share namespace {namespace}: no namespace boundary separates them',
      allInDefault: 'All {workloads} live in the default namespace: no namespace boundary separates them',
      alone: 'The only user workload lives in namespace {namespace}',
      noWorkloads: 'The snapshot has no user workloads to separate',
    },
  },
  *check(snapshot, context) {
    const byNamespace = new Map<string, Workload[]>();
    for (const w of snapshot.workloads()) {
      if (snapshot.isSystemNamespace(w.namespace)) continue;
      let group = byNamespace.get(w.namespace);
      if (!group) byNamespace.set(w.namespace, (group = []));
      group.push(w);
    }
    const names = [...byNamespace.keys()].sort();
    const total = names.reduce((n, ns) => n + (byNamespace.get(ns)?.length ?? 0), 0);
    const evidence = names.map((ns) => ({ resource: namespaceRef(ns), path: null, relation: `contains ${plural(byNamespace.get(ns)?.length ?? 0, 'workload')}` }));
    if (total === 0) {
      yield context.info({ messageId: 'noWorkloads' });
      return;
    }
    const summary = joinNames(names.map((ns) => `${ns} (${String(byNamespace.get(ns)?.length ?? 0)})`), 10);
    const only = names.length === 1 ? names[0]! : undefined;
    const resourceOf = (name: string) => userNamespaces(snapshot).find((n) => n.name === name)?.resource ?? namespaceRef(name);
    if (only === 'default') {
      yield context.fail({ messageId: 'allInDefault', data: { workloads: plural(total, 'user workload') }, resource: resourceOf(only), evidence });
    } else if (only !== undefined && total >= 2) {
      yield context.fail({ messageId: 'singleNamespace', data: { workloads: plural(total, 'user workload'), namespace: only }, resource: resourceOf(only), evidence });
    } else if (only !== undefined) {
      yield context.pass({ messageId: 'alone', data: { namespace: only }, resource: resourceOf(only), evidence });
    } else {
      yield context.pass({ messageId: 'separated', data: { count: names.length, namespaces: summary }, evidence });
    }
  },
});
