import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { aggregatedClusterRole, allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noSecretRead } from './no-secret-read.js';

const read = ['get', 'list', 'watch'];

new RuleTester().run(noSecretRead, {
  valid: [
    { name: 'roles that read other resources', objects: [role('a', 'cm', [allow(read, ['configmaps'])]), clusterRole('pods', [allow(['*'], ['pods', 'pods/log'])])] },
    { name: 'secrets/* is a literal that grants nothing', objects: [role('a', 'literal', [allow(read, ['secrets/*'])])] },
    { name: 'secrets in the wrong API group grant nothing', objects: [clusterRole('apps-secrets', [allow(read, ['secrets'], ['apps'])])] },
    { name: 'other verbs on secrets', objects: [role('a', 'writer', [allow(['create', 'update', 'delete'], ['secrets'])])] },
    { name: 'a rule without apiGroups grants nothing', objects: [role('a', 'no-groups', [{ verbs: ['get'], resources: ['secrets'] }])] },
    {
      name: 'bindings to the built-in view, and to a role that does not exist',
      objects: [
        roleBinding('a', 'viewers', ref('ClusterRole', 'view'), [subject.user('alice')]),
        clusterRoleBinding('ghost', ref('ClusterRole', 'not-here'), [subject.user('bob')]),
      ],
    },
    {
      name: 'ignoreUnbound: an unbound reader is quiet',
      options: { ignoreUnbound: true },
      objects: [clusterRole('reader', [allow(read, ['secrets'])])],
    },
    { name: 'allowRoles accepts a named role', options: { allowRoles: ['team-a/vault-sync'] }, objects: [role('team-a', 'vault-sync', [allow(['get'], ['secrets'])])] },
  ],
  invalid: [
    {
      name: 'direct readers in two namespaces',
      objects: [role('team-a', 'reader', [allow(['get'], ['secrets'])]), role('team-b', 'lister', [allow(['list'], ['configmaps', 'secrets'])])],
      findings: [
        { messageId: 'secretRead', resource: { kind: 'Role', namespace: 'team-a', name: 'reader' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'secretRead', resource: { kind: 'Role', namespace: 'team-b', name: 'lister' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'every wildcard counts: verbs, resources, API groups',
      objects: [
        clusterRole('all-verbs', [allow(['*'], ['secrets'])]),
        clusterRole('all-resources', [allow(['watch'], ['*'])]),
        clusterRole('all-groups', [allow(['list'], ['secrets'], ['*'])]),
        clusterRole('second-rule', [allow(['get'], ['pods']), allow(['get'], ['secrets'])]),
      ],
      findings: [
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'all-verbs' }, path: 'rules[0]' },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'all-resources' }, path: 'rules[0]' },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'all-groups' }, path: 'rules[0]' },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'second-rule' }, path: 'rules[1]' },
      ],
    },
    {
      name: 'bound grants are more severe; anonymous grants are critical; named grants are less severe',
      objects: [
        clusterRole('reader', [allow(read, ['secrets'])]),
        roleBinding('team-a', 'readers', ref('ClusterRole', 'reader'), [subject.user('alice')]),
        clusterRole('open', [allow(['get'], ['secrets'])]),
        clusterRoleBinding('open', ref('ClusterRole', 'open'), [subject.group('system:unauthenticated')]),
        role('team-a', 'one-secret', [allow(['get'], ['secrets'], [''], ['tls'])]),
      ],
      findings: [
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'reader' }, path: 'rules[0]', severity: 'high' },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'open' }, path: 'rules[0]', severity: 'critical' },
        { messageId: 'secretRead', resource: { kind: 'Role', namespace: 'team-a', name: 'one-secret' }, path: 'rules[0]', severity: 'low' },
      ],
    },
    {
      name: 'an aggregated ClusterRole is reported on its aggregationRule, beside the role it aggregates',
      objects: [
        aggregatedClusterRole('monitoring', { 'example.com/aggregate-to-monitoring': 'true' }),
        clusterRole('secret-scraper', [allow(['list'], ['secrets'])], { labels: { 'example.com/aggregate-to-monitoring': 'true' } }),
        clusterRoleBinding('monitoring', ref('ClusterRole', 'monitoring'), [subject.serviceAccount('prometheus', 'monitoring')]),
      ],
      findings: [
        { messageId: 'secretReadAggregated', resource: { kind: 'ClusterRole', name: 'monitoring' }, path: 'aggregationRule', severity: 'high' },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'secret-scraper' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'bindings to built-in roles that read secrets are reported on the binding',
      objects: [
        roleBinding('team-a', 'editors', ref('ClusterRole', 'edit'), [subject.group('devs')]),
        clusterRoleBinding('admins', ref('ClusterRole', 'cluster-admin'), [subject.user('root')]),
        roleBinding('team-b', 'viewers', ref('ClusterRole', 'view'), [subject.group('devs')]),
      ],
      findings: [
        { messageId: 'secretReadBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'editors' }, path: 'roleRef', severity: 'high' },
        { messageId: 'secretReadBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'admins' }, path: 'roleRef', severity: 'high' },
      ],
    },
    {
      name: "the snapshot's own definition of a built-in role wins",
      objects: [clusterRole('view', [allow(['get'], ['secrets'])]), roleBinding('team-a', 'viewers', ref('ClusterRole', 'view'), [subject.group('devs')])],
      findings: [{ messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'view' }, path: 'rules[0]', severity: 'high' }],
    },
    {
      name: 'a custom role aggregated into the built-in view makes bindings to view read secrets',
      objects: [
        clusterRole('leaky', [allow(['get'], ['secrets'])], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }),
        roleBinding('team-a', 'viewers', ref('ClusterRole', 'view'), [subject.group('devs')]),
      ],
      findings: [
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'leaky' }, path: 'rules[0]' },
        { messageId: 'secretReadBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'viewers' }, path: 'roleRef' },
      ],
    },
    {
      name: 'in a live-cluster dump the default roles are defined and exempted, but the user binding to them counts',
      evaluateOptions: { strict: false },
      objects: [
        build.clusterRole({
          name: 'edit',
          labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
          aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }] },
        }),
        build.clusterRole({
          name: 'system:aggregate-to-edit',
          labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
          rules: [allow(read, ['secrets'])],
        }),
        roleBinding('team-a', 'editors', ref('ClusterRole', 'edit'), [subject.group('devs')]),
      ],
      findings: [
        { messageId: 'secretReadAggregated', resource: { kind: 'ClusterRole', name: 'edit' }, path: 'aggregationRule', exempted: true },
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'system:aggregate-to-edit' }, path: 'rules[0]', exempted: true },
        { messageId: 'secretReadBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'editors' }, path: 'roleRef', exempted: false, severity: 'high' },
      ],
    },
    {
      name: 'a bootstrap default is still reported (evaluate exempts it)',
      objects: [build.clusterRole({ name: 'system:thing', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, rules: [allow(['get'], ['secrets'])] })],
      findings: [{ messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'system:thing' }, path: 'rules[0]' }],
    },
    {
      name: 'exempted by default in non-strict mode',
      evaluateOptions: { strict: false },
      objects: [build.clusterRole({ name: 'system:thing', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, rules: [allow(['get'], ['secrets'])] }), role('kube-system', 'sys', [allow(['get'], ['secrets'])])],
      findings: [
        { messageId: 'secretRead', resource: { kind: 'ClusterRole', name: 'system:thing' }, exempted: true },
        { messageId: 'secretRead', resource: { kind: 'Role', namespace: 'kube-system', name: 'sys' }, exempted: true },
      ],
    },
  ],
});

checkRuleProperties(noSecretRead);
