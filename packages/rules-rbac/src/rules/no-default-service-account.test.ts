import { arb, build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { clusterRoleBinding, ref, role, roleBinding, serviceAccount, subject } from '../../test/rbac.js';
import { noDefaultServiceAccount } from './no-default-service-account.js';

const withSa = (name: string) => ({ spec: { template: { spec: { serviceAccountName: name } } } });

new RuleTester().run(noDefaultServiceAccount, {
  valid: [
    { name: 'a workload with its own ServiceAccount', objects: [serviceAccount('shop', 'web'), build.deployment({ name: 'web', namespace: 'shop', ...withSa('web') })] },
    { name: 'the default ServiceAccount with automounting off, used by a workload', objects: [serviceAccount('shop', 'default', false), build.deployment({ name: 'web', namespace: 'shop' })] },
    {
      name: 'a pod that runs as default but turns automounting off',
      objects: [serviceAccount('shop', 'default', false), build.pod({ name: 'p', namespace: 'shop', spec: { automountServiceAccountToken: false } })],
    },
    { name: 'a namespace without a default ServiceAccount object is only information', objects: [build.namespace({ name: 'empty' })] },
    { name: 'a binding to default whose role grants nothing', objects: [role('shop', 'nothing', []), roleBinding('shop', 'b', ref('Role', 'nothing'), [subject.serviceAccount('default', 'shop')])] },
    { name: 'bindings to other ServiceAccounts', objects: [roleBinding('shop', 'b', ref('ClusterRole', 'view'), [subject.serviceAccount('web', 'shop')])] },
  ],
  invalid: [
    {
      name: 'default ServiceAccounts that leave automounting on, in two namespaces',
      objects: [serviceAccount('shop', 'default'), serviceAccount('blog', 'default', true)],
      findings: [
        { messageId: 'defaultAutomount', resource: { kind: 'ServiceAccount', namespace: 'shop', name: 'default' }, path: null },
        { messageId: 'defaultAutomount', resource: { kind: 'ServiceAccount', namespace: 'blog', name: 'default' }, path: 'automountServiceAccountToken' },
      ],
    },
    {
      name: 'bindings that grant the default ServiceAccount rights, directly (with the namespace defaulted) or through its groups',
      objects: [
        roleBinding('shop', 'direct', ref('ClusterRole', 'view'), [subject.user('alice'), { kind: 'ServiceAccount', name: 'default' }]),
        clusterRoleBinding('all-sas', ref('ClusterRole', 'view'), [subject.group('system:serviceaccounts')]),
        roleBinding('blog', 'ns-sas', ref('ClusterRole', 'edit'), [subject.group('system:serviceaccounts:blog')]),
      ],
      findings: [
        { messageId: 'defaultBound', resource: { kind: 'RoleBinding', namespace: 'shop', name: 'direct' }, path: 'subjects[1]', severity: 'high' },
        { messageId: 'groupBound', resource: { kind: 'ClusterRoleBinding', name: 'all-sas' }, path: 'subjects[0]' },
        { messageId: 'groupBound', resource: { kind: 'RoleBinding', namespace: 'blog', name: 'ns-sas' }, path: 'subjects[0]' },
      ],
    },
    {
      name: 'a binding to default whose role is not in the snapshot cannot be settled',
      objects: [roleBinding('shop', 'b', ref('Role', 'elsewhere'), [subject.serviceAccount('default', 'shop')])],
      findings: [{ messageId: 'defaultBoundUnresolved', status: 'WARN', resource: { kind: 'RoleBinding', name: 'b' }, path: 'subjects[0]' }],
    },
    {
      name: 'workloads that run as default with a token: implicitly, by name, by the legacy field, or with the pod forcing the mount',
      objects: [
        build.deployment({ name: 'implicit', namespace: 'shop' }),
        build.pod({ name: 'named', namespace: 'shop', spec: { serviceAccountName: 'default' } }),
        build.cronJob({ name: 'legacy', namespace: 'blog', spec: { jobTemplate: { spec: { template: { spec: { serviceAccount: 'default' } } } } } }),
        serviceAccount('ops', 'default', false),
        build.statefulSet({ name: 'forced', namespace: 'ops', spec: { template: { spec: { automountServiceAccountToken: true } } } }),
      ],
      findings: [
        { messageId: 'defaultUsed', resource: { kind: 'Deployment', namespace: 'shop', name: 'implicit' }, path: 'spec.template.spec' },
        { messageId: 'defaultUsed', resource: { kind: 'Pod', namespace: 'shop', name: 'named' }, path: 'spec.serviceAccountName' },
        { messageId: 'defaultUsed', resource: { kind: 'CronJob', namespace: 'blog', name: 'legacy' }, path: 'spec.jobTemplate.spec.template.spec.serviceAccount' },
        { messageId: 'defaultUsed', resource: { kind: 'StatefulSet', namespace: 'ops', name: 'forced' }, path: 'spec.template.spec.automountServiceAccountToken' },
      ],
    },
  ],
});

checkRuleProperties(noDefaultServiceAccount, { arbitraries: [arb.serviceAccount(), arb.workload()] });
