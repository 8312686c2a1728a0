import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, subject } from '../../test/rbac.js';
import { noNodeProxy } from './no-node-proxy.js';

new RuleTester().run(noNodeProxy, {
  valid: [
    { name: 'metrics and stats, not proxy', objects: [clusterRole('metrics', [allow(['get'], ['nodes', 'nodes/metrics', 'nodes/stats'])])] },
    { name: 'the proxy verb on nodes is not the subresource', objects: [clusterRole('legacy', [allow(['proxy'], ['nodes'])])] },
    { name: 'a Role cannot reach nodes', objects: [role('a', 'proxy', [allow(['get'], ['nodes/proxy'])])] },
    { name: 'nodes/* is a literal', objects: [clusterRole('literal', [allow(['get'], ['nodes/*'])])] },
  ],
  invalid: [
    {
      name: 'direct, */proxy and * resources',
      objects: [
        clusterRole('direct', [allow(['get'], ['nodes/proxy'])]),
        clusterRoleBinding('direct', ref('ClusterRole', 'direct'), [subject.serviceAccount('agent', 'monitoring')]),
        clusterRole('any-proxy', [allow(['create'], ['*/proxy'])]),
        clusterRole('everything', [allow(['get'], ['*'], ['*'])]),
      ],
      findings: [
        { messageId: 'nodeProxy', resource: { kind: 'ClusterRole', name: 'direct' }, path: 'rules[0]', severity: 'high' },
        { messageId: 'nodeProxy', resource: { kind: 'ClusterRole', name: 'any-proxy' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'nodeProxy', resource: { kind: 'ClusterRole', name: 'everything' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'a ClusterRoleBinding to system:kubelet-api-admin',
      objects: [clusterRoleBinding('apiserver-kubelet', ref('ClusterRole', 'system:kubelet-api-admin'), [subject.user('kube-apiserver')])],
      findings: [{ messageId: 'nodeProxyBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'apiserver-kubelet' }, path: 'roleRef' }],
    },
  ],
});

checkRuleProperties(noNodeProxy);
