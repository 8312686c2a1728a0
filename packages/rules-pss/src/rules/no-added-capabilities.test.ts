import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noAddedCapabilities } from './no-added-capabilities.js';

const add = (...caps: string[]) => ({ securityContext: { capabilities: { drop: ['ALL'], add: caps } } });

new RuleTester().run(noAddedCapabilities, {
  valid: [
    { name: 'drops only', objects: [psaNamespace('app', 'restricted'), build.job({ namespace: 'app', spec: { template: { spec: { containers: [build.container({ securityContext: { capabilities: { drop: ['ALL'], add: [] } } })] } } } })] },
  ],
  invalid: [
    {
      name: 'even NET_BIND_SERVICE is reported; ephemeral container in another namespace',
      objects: [
        psaNamespace('a', 'restricted'),
        psaNamespace('b', 'restricted'),
        build.replicaSet({ name: 'web', namespace: 'a', spec: { template: { spec: { containers: [build.container(add('NET_BIND_SERVICE'))] } } } }),
        build.pod({ name: 'dbg', namespace: 'b', spec: { ephemeralContainers: [build.container({ name: 'debugger', ...add('SYS_PTRACE') })] } }),
      ],
      findings: [
        { messageId: 'added', resource: { kind: 'ReplicaSet', namespace: 'a', name: 'web' }, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', resource: { kind: 'Pod', namespace: 'b', name: 'dbg' }, path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]' },
      ],
    },
    {
      name: 'two capabilities on an init container give two findings',
      objects: [psaNamespace('a', 'restricted'), build.statefulSet({ name: 's', namespace: 'a', spec: { template: { spec: { initContainers: [build.container({ name: 'i', ...add('CHOWN', 'FOWNER') })] } } } })],
      findings: [
        { messageId: 'added', path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]' },
        { messageId: 'added', path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[1]' },
      ],
    },
    {
      name: 'baseline admits the runtime-default capabilities; restricted before v1.22 too',
      objects: [psaNamespace('base', 'baseline'), psaNamespace('old', 'restricted', 'v1.21')],
      findings: [
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'base' } },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'old' } },
      ],
    },
  ],
});

checkRuleProperties(noAddedCapabilities);
