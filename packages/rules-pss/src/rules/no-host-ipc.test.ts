import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noHostIpc } from './no-host-ipc.js';

new RuleTester().run(noHostIpc, {
  valid: [
    { name: 'no hostIPC in a baseline namespace', objects: [psaNamespace('db', 'baseline'), build.statefulSet({ namespace: 'db' })] },
    { name: 'restricted v1.0 forbids hostIPC too', objects: [psaNamespace('db', 'restricted', 'v1.0'), build.job({ namespace: 'db', spec: { template: { spec: { hostIPC: false } } } })] },
  ],
  invalid: [
    {
      name: 'a StatefulSet and a Job in two namespaces',
      objects: [
        psaNamespace('db', 'baseline'),
        psaNamespace('batch', 'restricted'),
        build.statefulSet({ name: 'shm', namespace: 'db', spec: { template: { spec: { hostIPC: true } } } }),
        build.job({ name: 'ipc', namespace: 'batch', spec: { template: { spec: { hostIPC: true } } } }),
      ],
      findings: [
        { messageId: 'hostIPC', resource: { kind: 'StatefulSet', namespace: 'db', name: 'shm' }, path: 'spec.template.spec.hostIPC' },
        { messageId: 'hostIPC', resource: { kind: 'Job', namespace: 'batch', name: 'ipc' }, path: 'spec.template.spec.hostIPC' },
      ],
    },
    {
      name: 'a compliant workload in an unlabelled namespace: WARN naming it',
      objects: [build.statefulSet({ name: 'db', namespace: 'db' })],
      findings: [{ messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'db' }, path: null }],
    },
  ],
});

checkRuleProperties(noHostIpc);
