import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { aggregatedClusterRole, allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noWildcards } from './no-wildcards.js';

new RuleTester().run(noWildcards, {
  valid: [
    { name: 'explicit verbs, groups and resources', objects: [role('a', 'app', [allow(['get', 'list'], ['pods', 'pods/log'], ['', 'apps'])]), clusterRole('urls', [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }])] },
    { name: 'a literal pods/* is not a wildcard (it is reported as information)', objects: [role('a', 'literal', [allow(['get'], ['pods/*'])])] },
    { name: 'a * resourceName is a literal name', objects: [role('a', 'named', [allow(['get'], ['secrets'], [''], ['*'])])] },
    { name: 'bindings to built-in roles without wildcards', objects: [roleBinding('a', 'edit', ref('ClusterRole', 'edit'), [subject.user('alice')])] },
    { name: "an aggregated role's own rules are ignored", objects: [aggregatedClusterRole('agg', { x: 'y' }, { rules: [allow(['*'], ['*'], ['*'])] })] },
  ],
  invalid: [
    {
      name: 'a wildcard in each field, pointing at the first one, in two namespaces',
      objects: [
        role('team-a', 'verbs', [allow(['get'], ['pods']), allow(['get', '*'], ['pods'])]),
        role('team-b', 'groups', [allow(['get'], ['deployments'], ['apps', '*'])]),
        clusterRole('resources', [allow(['update'], ['*/scale'], ['apps'])]),
        clusterRole('urls', [{ verbs: ['get'], nonResourceURLs: ['/metrics', '/debug/*'] }]),
      ],
      findings: [
        { messageId: 'wildcard', resource: { kind: 'Role', namespace: 'team-a', name: 'verbs' }, path: 'rules[1].verbs[1]', severity: 'low' },
        { messageId: 'wildcard', resource: { kind: 'Role', namespace: 'team-b', name: 'groups' }, path: 'rules[0].apiGroups[1]', severity: 'low' },
        { messageId: 'wildcard', resource: { kind: 'ClusterRole', name: 'resources' }, path: 'rules[0].resources[0]', severity: 'low' },
        { messageId: 'wildcard', resource: { kind: 'ClusterRole', name: 'urls' }, path: 'rules[0].nonResourceURLs[1]', severity: 'low' },
      ],
    },
    {
      name: 'a cluster-admin equivalent bound across the cluster',
      objects: [clusterRole('god', [allow(['*'], ['*'], ['*'])]), clusterRoleBinding('god', ref('ClusterRole', 'god'), [subject.user('alice')])],
      findings: [{ messageId: 'wildcard', resource: { kind: 'ClusterRole', name: 'god' }, path: 'rules[0].verbs[0]', severity: 'high' }],
    },
    {
      name: 'an aggregated role that gathers a wildcard rule, and the role it gathers',
      objects: [aggregatedClusterRole('agg', { tier: 'ops' }), clusterRole('ops', [allow(['*'], ['pods'])], { labels: { tier: 'ops' } })],
      findings: [
        { messageId: 'wildcardAggregated', resource: { kind: 'ClusterRole', name: 'agg' }, path: 'aggregationRule' },
        { messageId: 'wildcard', resource: { kind: 'ClusterRole', name: 'ops' }, path: 'rules[0].verbs[0]' },
      ],
    },
    {
      name: 'bindings to built-in roles with wildcards',
      objects: [
        clusterRoleBinding('admins', ref('ClusterRole', 'cluster-admin'), [subject.group('ops')]),
        roleBinding('team-a', 'local-admin', ref('ClusterRole', 'cluster-admin'), [subject.user('alice')]),
      ],
      findings: [
        { messageId: 'wildcardBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'admins' }, path: 'roleRef', severity: 'high' },
        { messageId: 'wildcardBuiltIn', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'local-admin' }, path: 'roleRef', severity: 'high' },
      ],
    },
  ],
});

checkRuleProperties(noWildcards);
