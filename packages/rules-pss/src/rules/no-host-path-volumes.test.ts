import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noHostPathVolumes } from './no-host-path-volumes.js';

new RuleTester().run(noHostPathVolumes, {
  valid: [
    {
      name: 'emptyDir, configMap and a source-less volume (defaulted to emptyDir)',
      objects: [psaNamespace('app', 'baseline'), build.statefulSet({ namespace: 'app', spec: { template: { spec: { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c' } }, { name: 'c' }] } } } })],
    },
  ],
  invalid: [
    {
      name: 'two hostPath volumes in one StatefulSet give two findings',
      objects: [psaNamespace('app', 'restricted'), build.statefulSet({ name: 'logs', namespace: 'app', spec: { template: { spec: { volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }, { name: 'tmp', emptyDir: {} }, { name: 'var', hostPath: { path: '/var/log' } }] } } } })],
      findings: [
        { messageId: 'hostPath', resource: { kind: 'StatefulSet', namespace: 'app', name: 'logs' }, path: 'spec.template.spec.volumes[0].hostPath' },
        { messageId: 'hostPath', resource: { kind: 'StatefulSet', namespace: 'app', name: 'logs' }, path: 'spec.template.spec.volumes[2].hostPath' },
      ],
    },
    {
      name: 'a Job in a baseline namespace and a Pod in an unlabelled one',
      objects: [
        psaNamespace('a', 'baseline'),
        build.job({ name: 'j', namespace: 'a', spec: { template: { spec: { volumes: [{ name: 'h', hostPath: { path: '/' } }] } } } }),
        build.pod({ name: 'p', namespace: 'b', spec: { volumes: [{ name: 'h', hostPath: { path: '/etc' } }] } }),
      ],
      findings: [
        { messageId: 'hostPath', resource: { kind: 'Job', namespace: 'a', name: 'j' }, path: 'spec.template.spec.volumes[0].hostPath' },
        { messageId: 'hostPath', resource: { kind: 'Pod', namespace: 'b', name: 'p' }, path: 'spec.volumes[0].hostPath' },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'b' } },
      ],
    },
  ],
});

checkRuleProperties(noHostPathVolumes);
