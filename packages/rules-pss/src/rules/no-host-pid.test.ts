import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { owned, psaNamespace } from '../../test/pods.js';
import { noHostPid } from './no-host-pid.js';

new RuleTester().run(noHostPid, {
  valid: [
    { name: 'no hostPID, baseline namespace', objects: [psaNamespace('web', 'baseline'), build.deployment({ namespace: 'web' })] },
    { name: 'explicit hostPID false is compliant', objects: [psaNamespace('web', 'restricted', 'v1.30'), build.daemonSet({ namespace: 'web', spec: { template: { spec: { hostPID: false } } } })] },
    { name: 'other host namespaces are other controls', objects: [psaNamespace('web', 'baseline'), build.pod({ namespace: 'web', spec: { hostIPC: true, hostNetwork: true } })] },
  ],
  invalid: [
    {
      name: 'a DaemonSet and a CronJob in two namespaces',
      objects: [
        psaNamespace('agents', 'baseline'),
        psaNamespace('batch', 'restricted'),
        build.daemonSet({ name: 'node-agent', namespace: 'agents', spec: { template: { spec: { hostPID: true } } } }),
        build.cronJob({ name: 'sweep', namespace: 'batch', spec: { jobTemplate: { spec: { template: { spec: { hostPID: true } } } } } }),
      ],
      findings: [
        { messageId: 'hostPID', resource: { kind: 'DaemonSet', namespace: 'agents', name: 'node-agent' }, path: 'spec.template.spec.hostPID' },
        { messageId: 'hostPID', resource: { kind: 'CronJob', namespace: 'batch', name: 'sweep' }, path: 'spec.jobTemplate.spec.template.spec.hostPID' },
      ],
    },
    {
      name: 'a Pod owned by a ReplicaSet owned by a Deployment is reported once, on the Deployment',
      objects: [
        psaNamespace('web', 'baseline'),
        owned(build.deployment({ name: 'web', namespace: 'web', spec: { template: { spec: { hostPID: true } } } }), 'd1'),
        owned(build.replicaSet({ name: 'web-1', namespace: 'web', spec: { template: { spec: { hostPID: true } } } }), 'r1', { kind: 'Deployment', name: 'web', uid: 'd1' }),
        owned(build.pod({ name: 'web-1-x', namespace: 'web', spec: { hostPID: true } }), 'p1', { kind: 'ReplicaSet', name: 'web-1', uid: 'r1' }),
      ],
      findings: [{ messageId: 'hostPID', resource: { kind: 'Deployment', name: 'web' }, path: 'spec.template.spec.hostPID' }],
    },
    {
      name: 'user namespaces that would admit hostPID (privileged, unlabelled, implicit) are named; kube-system is not a user namespace',
      objects: [psaNamespace('open', 'privileged'), build.namespace({ name: 'plain' }), build.pod({ namespace: 'implicit' }), psaNamespace('kube-system', 'privileged')],
      findings: [
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'open' }, path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'plain' }, path: null },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'implicit' }, path: null },
      ],
    },
  ],
});

checkRuleProperties(noHostPid);
