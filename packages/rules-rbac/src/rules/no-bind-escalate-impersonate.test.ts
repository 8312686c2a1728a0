import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noBindEscalateImpersonate } from './no-bind-escalate-impersonate.js';

const rbac = 'rbac.authorization.k8s.io';

new RuleTester().run(noBindEscalateImpersonate, {
  valid: [
    { name: 'reading and writing roles is not bind or escalate', objects: [role('a', 'role-admin', [allow(['get', 'create', 'update'], ['roles', 'rolebindings'], [rbac])])] },
    { name: 'impersonate in the wrong group grants nothing', objects: [clusterRole('odd', [allow(['impersonate'], ['users'], ['apps'])])] },
    {
      name: 'a Role cannot grant cluster-scoped rights: impersonating users, escalating ClusterRoles',
      objects: [role('a', 'cluster-things', [allow(['impersonate'], ['users', 'groups']), allow(['escalate'], ['clusterroles'], [rbac])])],
    },
    { name: 'the built-in view', objects: [clusterRoleBinding('v', ref('ClusterRole', 'view'), [subject.group('devs')])] },
  ],
  invalid: [
    {
      name: 'bind and escalate in two namespaces (bind on clusterroles works in a RoleBinding namespace)',
      objects: [role('team-a', 'binder', [allow(['bind'], ['clusterroles'], [rbac], ['view'])]), role('team-b', 'escalator', [allow(['escalate', 'update'], ['roles'], [rbac])])],
      findings: [
        { messageId: 'escalation', resource: { kind: 'Role', namespace: 'team-a', name: 'binder' }, path: 'rules[0]', severity: 'low' },
        { messageId: 'escalation', resource: { kind: 'Role', namespace: 'team-b', name: 'escalator' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'impersonation of users, groups, service accounts and user extras, and wildcard verbs on RBAC',
      objects: [
        clusterRole('impersonator', [allow(['impersonate'], ['users', 'groups'])]),
        clusterRoleBinding('impersonator', ref('ClusterRole', 'impersonator'), [subject.user('proxy')]),
        role('team-a', 'sa-impersonator', [allow(['impersonate'], ['serviceaccounts'])]),
        clusterRole('extras', [allow(['impersonate'], ['userextras/scopes'], ['authentication.k8s.io'])]),
        clusterRole('rbac-all', [allow(['*'], ['clusterroles'], [rbac])]),
      ],
      findings: [
        { messageId: 'escalation', resource: { kind: 'ClusterRole', name: 'impersonator' }, path: 'rules[0]', severity: 'high' },
        { messageId: 'escalation', resource: { kind: 'Role', namespace: 'team-a', name: 'sa-impersonator' }, path: 'rules[0]' },
        { messageId: 'escalation', resource: { kind: 'ClusterRole', name: 'extras' }, path: 'rules[0]' },
        { messageId: 'escalation', resource: { kind: 'ClusterRole', name: 'rbac-all' }, path: 'rules[0]' },
      ],
    },
    {
      name: 'the built-in edit impersonates service accounts',
      objects: [roleBinding('team-a', 'editors', ref('ClusterRole', 'edit'), [subject.group('devs')])],
      findings: [{ messageId: 'escalationBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'editors' }, path: 'roleRef' }],
    },
  ],
});

checkRuleProperties(noBindEscalateImpersonate);
