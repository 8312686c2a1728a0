import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { noPrivilegeEscalation } from './no-privilege-escalation.js';

const off = { securityContext: { allowPrivilegeEscalation: false } };

new RuleTester().run(noPrivilegeEscalation, {
  valid: [
    {
      name: 'every container, init and ephemeral included, sets false; restricted namespace',
      objects: [
        psaNamespace('app', 'restricted'),
        build.pod({
          namespace: 'app',
          spec: { initContainers: [build.container({ name: 'init', ...off })], containers: [build.container(off)], ephemeralContainers: [build.container({ name: 'dbg', ...off })] },
        }),
      ],
    },
    {
      name: 'Windows pods are exempt (the field does not apply)',
      objects: [psaNamespace('win', 'restricted', 'v1.25'), build.deployment({ namespace: 'win', spec: { template: { spec: { os: { name: 'windows' } } } } })],
    },
  ],
  invalid: [
    {
      name: 'explicit true on an init container, unset on an ephemeral container, two namespaces',
      objects: [
        psaNamespace('a', 'restricted'),
        psaNamespace('b', 'restricted', 'v1.8'),
        build.job({ name: 'migrate', namespace: 'a', spec: { template: { spec: { initContainers: [build.container({ name: 'setup', securityContext: { allowPrivilegeEscalation: true } })], containers: [build.container(off)] } } } }),
        build.pod({ name: 'app', namespace: 'b', spec: { containers: [build.container(off)], ephemeralContainers: [build.container({ name: 'debugger', securityContext: {} })] } }),
      ],
      findings: [
        { messageId: 'escalationAllowed', resource: { kind: 'Job', namespace: 'a', name: 'migrate' }, path: 'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation' },
        { messageId: 'escalationNotDisabled', resource: { kind: 'Pod', namespace: 'b', name: 'app' }, path: 'spec.ephemeralContainers[0].securityContext' },
      ],
    },
    {
      name: 'baseline, and restricted before v1.8, would admit it',
      objects: [psaNamespace('base', 'baseline'), psaNamespace('old', 'restricted', 'v1.7'), psaNamespace('new', 'restricted', 'v1.8')],
      findings: [
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'base' } },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'old' } },
      ],
    },
  ],
});

checkRuleProperties(noPrivilegeEscalation);
