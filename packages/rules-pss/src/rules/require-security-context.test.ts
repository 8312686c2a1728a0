import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireSecurityContext } from './require-security-context.js';

const hardened = { securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } };

new RuleTester().run(requireSecurityContext, {
  valid: [
    {
      name: 'every container hardened, init and ephemeral included',
      objects: [build.daemonSet({ spec: { template: { spec: { initContainers: [build.container({ name: 'i', ...hardened })], containers: [build.container(hardened)], ephemeralContainers: [build.container({ name: 'e', ...hardened })] } } } })],
    },
    {
      name: 'pod-level non-root user covers the containers',
      objects: [build.pod({ spec: { securityContext: { runAsUser: 1000 }, containers: [build.container({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } })] } })],
    },
    { name: 'Windows pods only need a non-root user', objects: [build.pod({ spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true } } })] },
  ],
  invalid: [
    {
      name: 'a bare container misses all four settings',
      objects: [build.replicationController({ name: 'rc', namespace: 'legacy' })],
      findings: [
        { messageId: 'mayRunAsRoot', resource: { kind: 'ReplicationController', namespace: 'legacy', name: 'rc' }, path: 'spec.template.spec.containers[0]' },
        { messageId: 'privilegeEscalation', path: 'spec.template.spec.containers[0]' },
        { messageId: 'capabilitiesNotDropped', path: 'spec.template.spec.containers[0]' },
        { messageId: 'writableRootFilesystem', path: 'spec.template.spec.containers[0]' },
      ],
    },
    {
      name: 'one missing setting each, in two namespaces',
      objects: [
        build.cronJob({ name: 'c', namespace: 'a', spec: { jobTemplate: { spec: { template: { spec: { initContainers: [build.container({ name: 'i', securityContext: { ...hardened.securityContext, readOnlyRootFilesystem: false } })], containers: [build.container(hardened)] } } } } } }),
        build.podTemplate({ name: 't', namespace: 'b', template: { spec: { containers: [build.container({ securityContext: { ...hardened.securityContext, runAsUser: 0 } })] } } }),
      ],
      findings: [
        { messageId: 'writableRootFilesystem', resource: { kind: 'CronJob', namespace: 'a', name: 'c' }, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem' },
        { messageId: 'runsAsRoot', resource: { kind: 'PodTemplate', namespace: 'b', name: 't' }, path: 'template.spec.containers[0].securityContext.runAsUser' },
      ],
    },
  ],
});

checkRuleProperties(requireSecurityContext);
