import { defineRule, type Rule } from '@kubecis/core';
import { optionsSchema, permissionOptionFields, type PermissionOptions } from '../internal/options.js';
import { permissionFindings } from '../internal/permission.js';

/** CIS 5.1.9: no ClusterRole gives create on PersistentVolumes. */
export const noPersistentVolumeCreate: Rule<PermissionOptions> = /* @__PURE__ */ defineRule<PermissionOptions>({
  id: 'rbac/no-persistent-volume-create',
  meta: {
    title: 'Minimize access to create persistent volumes',
    description: 'ClusterRoles must not grant create on PersistentVolumes, directly or through wildcards, aggregation or built-in roles',
    rationale:
      'A PersistentVolume can point at a hostPath, so whoever creates one can mount any directory of a node into a Pod through a claim, even where Pod Security forbids hostPath volumes. PersistentVolumes are cluster-scoped: only ClusterRoles bound by ClusterRoleBindings grant the right (a Role or a RoleBinding never does).',
    remediation:
      'Remove create on persistentvolumes (and the wildcards that imply it) from the ClusterRole. Let users request storage through PersistentVolumeClaims and StorageClasses with dynamic provisioning.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.1.9'],
      'cis-1.8': ['5.1.9'],
      'cis-1.9': ['5.1.9'],
      'cis-1.10': ['5.1.9'],
      'cis-1.11': ['5.1.9'],
      'cis-1.12': ['5.1.9'],
      'cis-2.0': ['5.1.9'],
    },
    tags: ['rbac', 'storage'],
    messages: {
      pvCreate: '{role} can create PersistentVolumes: {access} ({holders})',
      pvCreateAggregated: '{role} aggregates rules that create PersistentVolumes: {access} ({holders})',
      pvCreateBuiltIn: '{binding} binds the Kubernetes default {role}, which creates PersistentVolumes: {access} ({holders})',
      compliant: 'No ClusterRole grants create on PersistentVolumes ({count} roles checked)',
    },
    options: /* @__PURE__ */ optionsSchema(permissionOptionFields),
  },
  check(snapshot, context) {
    return permissionFindings(snapshot, context, {
      accesses: [{ id: 'create', patterns: [{ verbs: ['create'], apiGroup: '', resource: 'persistentvolumes', clusterScoped: true }] }],
      severity: 'medium',
      messageId: (_ids, target) => (target === 'rule' ? 'pvCreate' : target === 'aggregated' ? 'pvCreateAggregated' : 'pvCreateBuiltIn'),
      passMessageId: 'compliant',
      ignoreUnbound: context.options.ignoreUnbound,
      allowRoles: context.options.allowRoles,
    });
  },
});
