import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noWindowsHostProcess } from './no-windows-host-process.js';

const hostProcess = (value: boolean) => ({ securityContext: { windowsOptions: { hostProcess: value } } });

new RuleTester().run(noWindowsHostProcess, {
  valid: [
    { name: 'hostProcess false', objects: [psaNamespace('win', 'baseline'), build.daemonSet({ namespace: 'win', spec: { template: { spec: { os: { name: 'windows' }, containers: [build.container(hostProcess(false))] } } } })] },
  ],
  invalid: [
    {
      name: 'pod-level and init-container hostProcess in two namespaces',
      objects: [
        psaNamespace('a', 'baseline'),
        psaNamespace('b', 'restricted'),
        build.pod({ name: 'hp', namespace: 'a', spec: { hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } }, containers: [build.container(hostProcess(false))] } }),
        build.deployment({ name: 'd', namespace: 'b', spec: { template: { spec: { hostNetwork: true, initContainers: [build.container({ name: 'setup', ...hostProcess(true) })] } } } }),
      ],
      findings: [
        { messageId: 'podHostProcess', resource: { kind: 'Pod', namespace: 'a', name: 'hp' }, path: 'spec.securityContext.windowsOptions.hostProcess' },
        { messageId: 'containerHostProcess', resource: { kind: 'Deployment', namespace: 'b', name: 'd' }, path: 'spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess' },
      ],
    },
    {
      name: 'an ephemeral container, and a privileged namespace that admits it',
      objects: [psaNamespace('open', 'privileged'), build.pod({ name: 'p', namespace: 'open', spec: { ephemeralContainers: [build.container({ name: 'e', ...hostProcess(true) })] } })],
      findings: [
        { messageId: 'containerHostProcess', path: 'spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess' },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'open' } },
      ],
    },
  ],
});

checkRuleProperties(noWindowsHostProcess);
