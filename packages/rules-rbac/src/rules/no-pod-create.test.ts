import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noPodCreate } from './no-pod-create.js';

new RuleTester().run(noPodCreate, {
  valid: [
    { name: 'controllers, not pods', objects: [role('a', 'deployer', [allow(['create', 'update'], ['deployments'], ['apps'])])] },
    { name: 'pods in another API group', objects: [clusterRole('weird', [allow(['create'], ['pods'], ['metrics.k8s.io'])])] },
    { name: 'create cannot be restricted by resourceNames: such a rule grants nothing', objects: [role('a', 'named', [allow(['create'], ['pods'], [''], ['web'])])] },
    { name: 'subresources are not pods', objects: [role('a', 'exec', [allow(['create'], ['pods/exec', 'pods/eviction'])])] },
    { name: 'a literal pods/* is not pods', objects: [role('a', 'literal', [allow(['create'], ['pods/*'])])] },
    { name: 'the built-in view creates nothing', objects: [clusterRoleBinding('view', ref('ClusterRole', 'view'), [subject.group('devs')])] },
  ],
  invalid: [
    {
      name: 'pod creators in two namespaces, one bound',
      objects: [
        role('team-a', 'runner', [allow(['create'], ['pods'])]),
        role('team-b', 'all-verbs', [allow(['*'], ['pods', 'services'])]),
        roleBinding('team-b', 'runners', ref('Role', 'all-verbs'), [subject.serviceAccount('ci', 'team-b')]),
      ],
      findings: [
        { messageId: 'podCreate', resource: { kind: 'Role', namespace: 'team-a', name: 'runner' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'podCreate', resource: { kind: 'Role', namespace: 'team-b', name: 'all-verbs' }, path: 'rules[0]', severity: 'high' },
      ],
    },
    {
      name: 'wildcard resources and groups, bound to every authenticated user',
      objects: [clusterRole('broad', [allow(['create'], ['*'], ['*'])]), clusterRoleBinding('broad', ref('ClusterRole', 'broad'), [subject.group('system:authenticated')])],
      findings: [{ messageId: 'podCreate', resource: { kind: 'ClusterRole', name: 'broad' }, path: 'rules[0]', severity: 'critical' }],
    },
    {
      name: 'RoleBindings to the built-in edit and admin',
      objects: [roleBinding('team-a', 'editors', ref('ClusterRole', 'edit'), [subject.group('devs')]), roleBinding('team-b', 'admins', ref('ClusterRole', 'admin'), [subject.group('leads')])],
      findings: [
        { messageId: 'podCreateBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'editors' }, path: 'roleRef' },
        { messageId: 'podCreateBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-b', name: 'admins' }, path: 'roleRef' },
      ],
    },
  ],
});

checkRuleProperties(noPodCreate);
