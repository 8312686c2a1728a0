import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noHostNetwork } from './no-host-network.js';

new RuleTester().run(noHostNetwork, {
  valid: [
    { name: 'no hostNetwork in a restricted namespace', objects: [psaNamespace('net', 'restricted'), build.replicationController({ namespace: 'net' })] },
  ],
  invalid: [
    {
      name: 'kube-system workloads are reported as exempted, and kube-system is not a user namespace',
      objects: [psaNamespace('app', 'baseline'), build.daemonSet({ name: 'kube-proxy', namespace: 'kube-system', spec: { template: { spec: { hostNetwork: true } } } })],
      evaluateOptions: { strict: false },
      findings: [{ messageId: 'hostNetwork', resource: { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' }, exempted: true }],
    },
    {
      name: 'a ReplicationController and a PodTemplate in two namespaces',
      objects: [
        psaNamespace('net', 'baseline'),
        psaNamespace('tpl', 'baseline', 'v1.25'),
        build.replicationController({ name: 'router', namespace: 'net', spec: { template: { spec: { hostNetwork: true } } } }),
        build.podTemplate({ name: 'probe', namespace: 'tpl', template: { spec: { hostNetwork: true } } }),
      ],
      findings: [
        { messageId: 'hostNetwork', resource: { kind: 'ReplicationController', namespace: 'net', name: 'router' }, path: 'spec.template.spec.hostNetwork' },
        { messageId: 'hostNetwork', resource: { kind: 'PodTemplate', namespace: 'tpl', name: 'probe' }, path: 'template.spec.hostNetwork' },
      ],
    },
    {
      name: 'in strict mode kube-system workloads are reported too',
      objects: [psaNamespace('app', 'baseline'), build.daemonSet({ name: 'kube-proxy', namespace: 'kube-system', spec: { template: { spec: { hostNetwork: true } } } })],
      findings: [{ messageId: 'hostNetwork', resource: { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' }, path: 'spec.template.spec.hostNetwork', exempted: false }],
    },
  ],
});

checkRuleProperties(noHostNetwork);
