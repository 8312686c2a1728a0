import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noHostPorts } from './no-host-ports.js';

const port = (containerPort: number, hostPort?: number) => ({ ports: [{ containerPort, ...(hostPort === undefined ? {} : { hostPort }) }] });

new RuleTester().run(noHostPorts, {
  valid: [
    { name: 'containerPort only, and hostPort 0', objects: [psaNamespace('app', 'baseline'), build.deployment({ namespace: 'app', spec: { template: { spec: { containers: [build.container(port(80)), build.container({ name: 'b', ...port(81, 0) })] } } } })] },
  ],
  invalid: [
    {
      name: 'a Job container and an ephemeral container of a Pod in two namespaces',
      objects: [
        psaNamespace('a', 'baseline'),
        psaNamespace('b', 'restricted'),
        build.job({ name: 'j', namespace: 'a', spec: { template: { spec: { containers: [build.container(port(8080, 8080))] } } } }),
        build.pod({ name: 'p', namespace: 'b', spec: { ephemeralContainers: [build.container({ name: 'e', ...port(9090, 9090) })] } }),
      ],
      findings: [
        { messageId: 'hostPort', resource: { kind: 'Job', namespace: 'a', name: 'j' }, path: 'spec.template.spec.containers[0].ports[0].hostPort' },
        { messageId: 'hostPort', resource: { kind: 'Pod', namespace: 'b', name: 'p' }, path: 'spec.ephemeralContainers[0].ports[0].hostPort' },
      ],
    },
    {
      name: 'an init container with two host ports',
      objects: [psaNamespace('a', 'baseline'), build.replicaSet({ name: 'r', namespace: 'a', spec: { template: { spec: { initContainers: [build.container({ name: 'i', ports: [{ containerPort: 1, hostPort: 1 }, { containerPort: 2, hostPort: 2 }] })] } } } })],
      findings: [
        { messageId: 'hostPort', path: 'spec.template.spec.initContainers[0].ports[0].hostPort' },
        { messageId: 'hostPort', path: 'spec.template.spec.initContainers[0].ports[1].hostPort' },
      ],
    },
  ],
});

checkRuleProperties(noHostPorts);
