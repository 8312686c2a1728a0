import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { clusterRoleBinding, ref, roleBinding, subject } from '../../test/rbac.js';
import { noClusterAdminBindings } from './no-cluster-admin-bindings.js';

new RuleTester().run(noClusterAdminBindings, {
  valid: [
    { name: 'no bindings', objects: [] },
    { name: 'bindings to admin and edit', objects: [roleBinding('a', 'admins', ref('ClusterRole', 'admin'), [subject.user('alice')]), clusterRoleBinding('editors', ref('ClusterRole', 'edit'), [subject.group('devs')])] },
    { name: 'a Role named cluster-admin is not the ClusterRole', objects: [roleBinding('a', 'local', ref('Role', 'cluster-admin'), [subject.user('alice')])] },
    { name: 'allowed by binding name', options: { allow: ['break-glass'] }, objects: [clusterRoleBinding('break-glass', ref('ClusterRole', 'cluster-admin'), [subject.user('oncall')])] },
    { name: 'allowed by subject name', options: { allow: ['ci-admin'] }, objects: [clusterRoleBinding('ci', ref('ClusterRole', 'cluster-admin'), [subject.serviceAccount('ci-admin', 'ci')])] },
  ],
  invalid: [
    {
      name: 'a ClusterRoleBinding and RoleBindings in two namespaces',
      objects: [
        clusterRoleBinding('ops', ref('ClusterRole', 'cluster-admin'), [subject.group('ops')]),
        roleBinding('team-a', 'local-admin', ref('ClusterRole', 'cluster-admin'), [subject.user('alice')]),
        roleBinding('team-b', 'local-admin', ref('ClusterRole', 'cluster-admin'), [subject.serviceAccount('deployer', 'team-b')]),
      ],
      findings: [
        { messageId: 'clusterAdmin', resource: { kind: 'ClusterRoleBinding', name: 'ops' }, path: 'roleRef', severity: 'high' },
        { messageId: 'clusterAdmin', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'local-admin' }, path: 'roleRef', severity: 'medium' },
        { messageId: 'clusterAdmin', resource: { kind: 'RoleBinding', namespace: 'team-b', name: 'local-admin' }, path: 'roleRef', severity: 'medium' },
      ],
    },
    {
      name: 'cluster-admin for everyone or anonymous is critical',
      objects: [clusterRoleBinding('oops', ref('ClusterRole', 'cluster-admin'), [subject.group('system:authenticated')]), clusterRoleBinding('anon', ref('ClusterRole', 'cluster-admin'), [subject.user('system:anonymous')])],
      findings: [
        { messageId: 'clusterAdmin', resource: { kind: 'ClusterRoleBinding', name: 'oops' }, severity: 'critical' },
        { messageId: 'clusterAdmin', resource: { kind: 'ClusterRoleBinding', name: 'anon' }, severity: 'critical' },
      ],
    },
    {
      name: 'the allow list does not cover other subjects',
      options: { allow: ['ci-admin'] },
      objects: [clusterRoleBinding('mixed', ref('ClusterRole', 'cluster-admin'), [subject.user('ci-admin'), subject.user('mallory')])],
      findings: [{ messageId: 'clusterAdmin', resource: { kind: 'ClusterRoleBinding', name: 'mixed' }, path: 'roleRef' }],
    },
  ],
});

checkRuleProperties(noClusterAdminBindings);
