import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireSeccompProfile } from './require-seccomp-profile.js';

const profile = (type: string) => ({ securityContext: { seccompProfile: { type } } });

new RuleTester().run(requireSeccompProfile, {
  valid: [
    { name: 'pod-level RuntimeDefault', objects: [build.deployment({ spec: { template: { spec: profile('RuntimeDefault') } } })] },
    {
      name: 'every container, init and ephemeral included, sets its own',
      objects: [build.pod({ spec: { initContainers: [build.container({ name: 'i', ...profile('Localhost') })], containers: [build.container(profile('RuntimeDefault'))], ephemeralContainers: [build.container({ name: 'e', ...profile('RuntimeDefault') })] } })],
    },
    { name: 'Windows pods are exempt', objects: [build.pod({ spec: { os: { name: 'windows' } } })] },
    { name: 'the legacy annotations are not needed', objects: [build.job({ spec: { template: { metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }, spec: profile('RuntimeDefault') } } })] },
  ],
  invalid: [
    {
      name: 'pod Unconfined although the container overrides it, and an uncovered init container, two namespaces',
      objects: [
        build.deployment({ name: 'd', namespace: 'a', spec: { template: { spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [build.container(profile('RuntimeDefault'))] } } } }),
        build.pod({ name: 'p', namespace: 'b', spec: { initContainers: [build.container({ name: 'i' })], containers: [build.container(profile('RuntimeDefault'))] } }),
      ],
      findings: [
        { messageId: 'podProfile', resource: { kind: 'Deployment', namespace: 'a', name: 'd' }, path: 'spec.template.spec.securityContext.seccompProfile.type' },
        { messageId: 'notSet', resource: { kind: 'Pod', namespace: 'b', name: 'p' }, path: 'spec.initContainers[0]' },
      ],
    },
    {
      name: 'an explicit bad container type',
      objects: [build.statefulSet({ name: 's', spec: { template: { spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, ephemeralContainers: [build.container({ name: 'e', ...profile('Unconfined') })] } } } })],
      findings: [{ messageId: 'containerProfile', path: 'spec.template.spec.ephemeralContainers[0].securityContext.seccompProfile.type' }],
    },
  ],
});

checkRuleProperties(requireSeccompProfile);
