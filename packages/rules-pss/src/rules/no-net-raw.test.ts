import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noNetRaw } from './no-net-raw.js';

const drop = (...caps: string[]) => ({ securityContext: { capabilities: { drop: caps } } });

new RuleTester().run(noNetRaw, {
  valid: [
    {
      name: 'drop ALL or NET_RAW on every container; restricted namespace',
      objects: [
        psaNamespace('app', 'restricted'),
        build.pod({ namespace: 'app', spec: { initContainers: [build.container({ name: 'init', ...drop('NET_RAW') })], containers: [build.container(drop('ALL'))], ephemeralContainers: [build.container({ name: 'dbg', ...drop('net_raw') })] } }),
      ],
    },
    { name: 'Windows pods have no Linux capabilities', objects: [psaNamespace('win', 'restricted'), build.deployment({ namespace: 'win', spec: { template: { spec: { os: { name: 'windows' } } } } })] },
  ],
  invalid: [
    {
      name: 'added on an init container, kept by default on a container, two namespaces',
      objects: [
        psaNamespace('a', 'restricted'),
        psaNamespace('b', 'restricted'),
        build.deployment({ name: 'ping', namespace: 'a', spec: { template: { spec: { initContainers: [build.container({ name: 'init', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } })], containers: [build.container(drop('ALL'))] } } } }),
        build.replicaSet({ name: 'rs', namespace: 'b', spec: { template: { spec: { containers: [build.container()] } } } }),
      ],
      findings: [
        { messageId: 'added', resource: { kind: 'Deployment', namespace: 'a', name: 'ping' }, path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]' },
        { messageId: 'notDropped', resource: { kind: 'ReplicaSet', namespace: 'b', name: 'rs' }, path: 'spec.template.spec.containers[0]' },
      ],
    },
    {
      name: 'adding ALL grants NET_RAW; dropping other capabilities keeps it',
      objects: [
        psaNamespace('a', 'restricted'),
        build.pod({ name: 'p', namespace: 'a', spec: { containers: [build.container({ securityContext: { capabilities: { add: ['ALL'], drop: ['ALL'] } } }), build.container({ name: 'b', ...drop('SYS_ADMIN') })] } }),
      ],
      findings: [
        { messageId: 'added', path: 'spec.containers[0].securityContext.capabilities.add[0]' },
        { messageId: 'notDropped', path: 'spec.containers[1].securityContext.capabilities.drop' },
      ],
    },
    {
      name: 'baseline and restricted before v1.22 still admit the default NET_RAW',
      objects: [psaNamespace('base', 'baseline'), psaNamespace('old', 'restricted', 'v1.21'), psaNamespace('new', 'restricted', 'v1.22')],
      findings: [
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'base' } },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'old' } },
      ],
    },
  ],
});

checkRuleProperties(noNetRaw);
