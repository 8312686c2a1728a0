import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noServiceAccountTokenCreate } from './no-service-account-token-create.js';

new RuleTester().run(noServiceAccountTokenCreate, {
  valid: [
    { name: 'creating ServiceAccounts is not creating tokens', objects: [role('a', 'sa-admin', [allow(['create', 'update'], ['serviceaccounts'])])] },
    { name: 'tokens in the wrong group', objects: [clusterRole('odd', [allow(['create'], ['serviceaccounts/token'], ['authentication.k8s.io'])])] },
    { name: 'serviceaccounts/* is a literal', objects: [role('a', 'literal', [allow(['create'], ['serviceaccounts/*'])])] },
    { name: 'reading a token subresource is not creating one', objects: [role('a', 'getter', [allow(['get'], ['serviceaccounts/token'])])] },
    { name: 'the built-in view', objects: [roleBinding('a', 'v', ref('ClusterRole', 'view'), [subject.user('alice')])] },
  ],
  invalid: [
    {
      name: 'token creators in two namespaces: named, and through */token',
      objects: [
        role('team-a', 'minter', [allow(['create'], ['serviceaccounts/token'], [''], ['deployer'])]),
        roleBinding('team-a', 'minter', ref('Role', 'minter'), [subject.user('ci')]),
        role('team-b', 'any-token', [allow(['create'], ['*/token'])]),
      ],
      findings: [
        { messageId: 'tokenCreate', resource: { kind: 'Role', namespace: 'team-a', name: 'minter' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'tokenCreate', resource: { kind: 'Role', namespace: 'team-b', name: 'any-token' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'bindings to built-in roles that mint tokens',
      objects: [roleBinding('team-a', 'editors', ref('ClusterRole', 'edit'), [subject.group('devs')]), clusterRoleBinding('kcm', ref('ClusterRole', 'system:kube-controller-manager'), [subject.user('kcm')])],
      findings: [
        { messageId: 'tokenCreateBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'editors' }, path: 'roleRef' },
        { messageId: 'tokenCreateBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'kcm' }, path: 'roleRef' },
      ],
    },
  ],
});

checkRuleProperties(noServiceAccountTokenCreate);
