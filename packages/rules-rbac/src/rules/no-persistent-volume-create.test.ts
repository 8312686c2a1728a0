import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noPersistentVolumeCreate } from './no-persistent-volume-create.js';

new RuleTester().run(noPersistentVolumeCreate, {
  valid: [
    { name: 'claims, not volumes', objects: [clusterRole('claims', [allow(['create'], ['persistentvolumeclaims'])])] },
    { name: 'a Role cannot grant a cluster-scoped resource', objects: [role('a', 'pv', [allow(['create'], ['persistentvolumes'])])] },
    { name: 'a RoleBinding to cluster-admin cannot create cluster-scoped objects', objects: [roleBinding('a', 'local-admin', ref('ClusterRole', 'cluster-admin'), [subject.user('alice')])] },
    { name: 'create cannot be restricted by name: such a rule grants nothing', objects: [clusterRole('named', [allow(['create'], ['persistentvolumes'], [''], ['pv-1'])])] },
    { name: 'other verbs on volumes', objects: [clusterRole('reader', [allow(['get', 'list', 'delete'], ['persistentvolumes'])])] },
  ],
  invalid: [
    {
      name: 'ClusterRoles that create volumes, directly and through wildcards',
      objects: [
        clusterRole('provisioner', [allow(['create', 'delete'], ['persistentvolumes'])]),
        clusterRoleBinding('provisioner', ref('ClusterRole', 'provisioner'), [subject.serviceAccount('csi', 'storage')]),
        clusterRole('storage-admin', [allow(['*'], ['*'])]),
      ],
      findings: [
        { messageId: 'pvCreate', resource: { kind: 'ClusterRole', name: 'provisioner' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'pvCreate', resource: { kind: 'ClusterRole', name: 'storage-admin' }, path: 'rules[0]', severity: 'low' },
      ],
    },
    {
      name: 'a ClusterRoleBinding to a built-in role that creates volumes',
      objects: [clusterRoleBinding('csi', ref('ClusterRole', 'system:persistent-volume-provisioner'), [subject.serviceAccount('csi', 'storage')])],
      findings: [{ messageId: 'pvCreateBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'csi' }, path: 'roleRef' }],
    },
  ],
});

checkRuleProperties(noPersistentVolumeCreate);
