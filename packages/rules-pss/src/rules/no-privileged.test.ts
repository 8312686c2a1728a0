import { checkRuleProperties, RuleTester, build } from '@kubecis/testkit';
import { noPrivileged } from './no-privileged.js';

const privileged = { securityContext: { privileged: true } };

new RuleTester().run(noPrivileged, {
  valid: [
    { name: 'no workloads, no namespaces', objects: [] },
    {
      name: 'unprivileged pod in a baseline namespace',
      objects: [build.namespace({ name: 'web', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } }), build.pod({ namespace: 'web' })],
    },
  ],
  invalid: [
    {
      name: 'unlabelled namespace would admit them',
      objects: [build.pod({ namespace: 'web' })],
      findings: [{ messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'web' } }],
    },
    {
      name: 'privileged init and ephemeral containers in two namespaces',
      objects: [
        build.namespace({ name: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }),
        build.namespace({ name: 'b', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } }),
        build.deployment({ name: 'web', namespace: 'a', spec: { template: { spec: { initContainers: [build.container({ name: 'init', ...privileged })] } } } }),
        build.pod({ name: 'dbg', namespace: 'b', spec: { ephemeralContainers: [build.container({ name: 'debug', ...privileged })] } }),
      ],
      findings: [
        { messageId: 'privileged', resource: { kind: 'Deployment', namespace: 'a', name: 'web' }, path: 'spec.template.spec.initContainers[0].securityContext.privileged' },
        { messageId: 'privileged', resource: { kind: 'Pod', namespace: 'b', name: 'dbg' }, path: 'spec.ephemeralContainers[0].securityContext.privileged' },
      ],
    },
  ],
});

checkRuleProperties(noPrivileged);
