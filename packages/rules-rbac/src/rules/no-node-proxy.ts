import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

/** CIS 5.1.10: no ClusterRole gives access to the nodes/proxy subresource. */
export const noNodeProxy: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-node-proxy',
  meta: {
    title: 'Minimize access to the proxy sub-resource of nodes',
    description: 'ClusterRoles must not grant any verb on the nodes/proxy subresource, directly or through wildcards, aggregation or built-in roles',
    rationale:
      "nodes/proxy reaches the kubelet API of every node through the API server. The kubelet authorizes its endpoints by the verb alone, so even get lets a caller run commands in any container of the node (through the exec and run endpoints), bypassing the API server's audit and admission.",
    remediation:
      'Remove nodes/proxy (and the wildcard resources and subresources that imply it, such as * or */proxy) from the ClusterRole. Monitoring agents that need node metrics can use nodes/metrics and nodes/stats instead.',
    severity: 'high',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.10'],
      'cis-1.8': ['5.1.10'],
      'cis-1.9': ['5.1.10'],
      'cis-1.10': ['5.1.10'],
      'cis-1.11': ['5.1.10'],
      'cis-1.12': ['5.1.10'],
      'cis-2.0': ['5.1.10'],
    },
    tags: ['rbac', 'nodes'],
    messages: {
      nodeProxy: '{role} grants access to nodes/proxy: {access} ({holders})',
      nodeProxyAggregated: '{role} aggregates rules that grant access to nodes/proxy: {access} ({holders})',
      nodeProxyBuiltIn: '{binding} binds the Kubernetes default {role}, which grants access to nodes/proxy: {access} ({holders})',
      compliant: 'No ClusterRole grants access to nodes/proxy ({count} roles checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [
        {
          id: 'proxy',
          patterns: [{ verbs: ['get', 'create', 'update', 'patch', 'delete'], apiGroup: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true }],
        },
      ],
      severity: 'high',
      messageId: (_ids, target) => (target === 'rule' ? 'nodeProxy' : target === 'aggregated' ? 'nodeProxyAggregated' : 'nodeProxyBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
