import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, roleBinding, subject } from '../../test/rbac.js';
import { noWebhookConfigAccess } from './no-webhook-config-access.js';

const admission = 'admissionregistration.k8s.io';

new RuleTester().run(noWebhookConfigAccess, {
  valid: [
    { name: 'reading webhook configurations', objects: [clusterRole('reader', [allow(['get', 'list', 'watch'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], [admission])])] },
    { name: 'admission policies are not webhooks', objects: [clusterRole('vap', [allow(['create'], ['validatingadmissionpolicies'], [admission])])] },
    { name: 'a Role cannot write cluster-scoped webhooks', objects: [role('a', 'hooks', [allow(['create'], ['mutatingwebhookconfigurations'], [admission])])] },
    { name: 'a RoleBinding to cluster-admin cannot either', objects: [roleBinding('a', 'local-admin', ref('ClusterRole', 'cluster-admin'), [subject.user('alice')])] },
  ],
  invalid: [
    {
      name: 'writers of each kind, bound and not, including wildcards',
      objects: [
        clusterRole('injector', [allow(['get', 'patch'], ['mutatingwebhookconfigurations'], [admission], ['sidecar-injector'])]),
        clusterRoleBinding('injector', ref('ClusterRole', 'injector'), [subject.serviceAccount('injector', 'mesh')]),
        clusterRole('policy-engine', [allow(['create', 'delete'], ['validatingwebhookconfigurations'], [admission])]),
        clusterRole('admission-admin', [allow(['*'], ['*'], [admission])]),
      ],
      findings: [
        { messageId: 'webhookWrite', resource: { kind: 'ClusterRole', name: 'injector' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'webhookWrite', resource: { kind: 'ClusterRole', name: 'policy-engine' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'webhookWrite', resource: { kind: 'ClusterRole', name: 'admission-admin' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'a ClusterRoleBinding to cluster-admin',
      objects: [clusterRoleBinding('ops', ref('ClusterRole', 'cluster-admin'), [subject.group('ops')])],
      findings: [{ messageId: 'webhookWriteBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'ops' }, path: 'roleRef', severity: 'high' }],
    },
  ],
});

checkRuleProperties(noWebhookConfigAccess);
