import { arb, build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { clusterRoleBinding, ref, role, roleBinding, serviceAccount, subject } from '../../test/rbac.js';
import { noUnneededTokenMount } from './no-unneeded-token-mount.js';

const runAs = (name: string, extra: Record<string, unknown> = {}) => ({ spec: { template: { spec: { serviceAccountName: name, ...extra } } } });

new RuleTester().run(noUnneededTokenMount, {
  valid: [
    { name: 'the pod turns automounting off', objects: [build.deployment({ name: 'web', namespace: 'shop', ...runAs('web', { automountServiceAccountToken: false }) })] },
    { name: 'the ServiceAccount turns automounting off', objects: [serviceAccount('shop', 'web', false), build.deployment({ name: 'web', namespace: 'shop', ...runAs('web') })] },
    {
      name: 'the ServiceAccount has rights, directly or through its groups',
      objects: [
        roleBinding('shop', 'web', ref('ClusterRole', 'view'), [subject.serviceAccount('web', 'shop')]),
        build.deployment({ name: 'web', namespace: 'shop', ...runAs('web') }),
        clusterRoleBinding('all-blog', ref('ClusterRole', 'view'), [subject.group('system:serviceaccounts:blog')]),
        build.deployment({ name: 'blog', namespace: 'blog', ...runAs('writer') }),
      ],
    },
    { name: 'a binding to a role defined elsewhere counts as rights', objects: [roleBinding('shop', 'web', ref('Role', 'elsewhere'), [subject.serviceAccount('web', 'shop')]), build.pod({ name: 'p', namespace: 'shop', spec: { serviceAccountName: 'web' } })] },
    { name: 'the pod setting wins over the ServiceAccount', objects: [serviceAccount('shop', 'web', true), build.pod({ name: 'p', namespace: 'shop', spec: { serviceAccountName: 'web', automountServiceAccountToken: false } })] },
  ],
  invalid: [
    {
      name: 'workloads in two namespaces mount tokens of ServiceAccounts without rights',
      objects: [
        build.deployment({ name: 'web', namespace: 'shop', ...runAs('web') }),
        serviceAccount('blog', 'writer', true),
        build.pod({ name: 'p', namespace: 'blog', spec: { serviceAccountName: 'writer' } }),
      ],
      findings: [
        { messageId: 'tokenNotNeeded', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec' },
        { messageId: 'tokenNotNeeded', resource: { kind: 'Pod', namespace: 'blog', name: 'p' }, path: 'spec' },
      ],
    },
    {
      name: 'the pod forces the mount over a ServiceAccount that turns it off',
      objects: [serviceAccount('shop', 'web', false), build.job({ name: 'j', namespace: 'shop', spec: { template: { spec: { serviceAccountName: 'web', automountServiceAccountToken: true } } } })],
      findings: [{ messageId: 'tokenNotNeeded', resource: { kind: 'Job', name: 'j' }, path: 'spec.template.spec.automountServiceAccountToken' }],
    },
    {
      name: 'a binding in another namespace, or one whose role has no rules, does not help',
      objects: [
        role('shop', 'empty', []),
        roleBinding('shop', 'empty', ref('Role', 'empty'), [subject.serviceAccount('web', 'shop')]),
        roleBinding('blog', 'other', ref('ClusterRole', 'view'), [subject.serviceAccount('web', 'blog')]),
        build.deployment({ name: 'web', namespace: 'shop', ...runAs('web') }),
      ],
      findings: [{ messageId: 'tokenNotNeeded', resource: { kind: 'Deployment', name: 'web' } }],
    },
  ],
});

checkRuleProperties(noUnneededTokenMount, { arbitraries: [arb.serviceAccount(), arb.workload()] });
