import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { requireRunAsNonRoot } from './require-run-as-non-root.js';

new RuleTester().run(requireRunAsNonRoot, {
  valid: [
    { name: 'pod-level runAsNonRoot covers every container', objects: [psaNamespace('app', 'restricted'), build.deployment({ namespace: 'app', spec: { template: { spec: { securityContext: { runAsNonRoot: true } } } } })] },
    {
      name: 'a non-zero runAsUser, on the pod or the container, is not root',
      objects: [
        psaNamespace('app', 'restricted'),
        build.pod({ name: 'a', namespace: 'app', spec: { securityContext: { runAsUser: 1000 } } }),
        build.pod({ name: 'b', namespace: 'app', spec: { securityContext: { runAsUser: 0 }, containers: [build.container({ securityContext: { runAsUser: 1000 } })] } }),
      ],
    },
  ],
  invalid: [
    {
      name: 'container false overrides the pod, init container runs as UID 0, ephemeral container uncovered',
      objects: [
        psaNamespace('a', 'restricted'),
        psaNamespace('b', 'restricted'),
        build.statefulSet({ name: 'db', namespace: 'a', spec: { template: { spec: { securityContext: { runAsNonRoot: true }, containers: [build.container({ securityContext: { runAsNonRoot: false } })] } } } }),
        build.daemonSet({ name: 'agent', namespace: 'b', spec: { template: { spec: { securityContext: { runAsNonRoot: true }, initContainers: [build.container({ name: 'chown', securityContext: { runAsUser: 0 } })] } } } }),
        build.pod({ name: 'p', namespace: 'b', spec: { containers: [build.container({ securityContext: { runAsUser: 1000 } })], ephemeralContainers: [build.container({ name: 'dbg' })] } }),
      ],
      findings: [
        { messageId: 'mayRunAsRoot', resource: { kind: 'StatefulSet', namespace: 'a', name: 'db' }, path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot' },
        { messageId: 'runsAsRoot', resource: { kind: 'DaemonSet', namespace: 'b', name: 'agent' }, path: 'spec.template.spec.initContainers[0].securityContext.runAsUser' },
        { messageId: 'mayRunAsRoot', resource: { kind: 'Pod', namespace: 'b', name: 'p' }, path: 'spec.ephemeralContainers[0]' },
      ],
    },
    {
      name: 'a pod-level runAsUser 0 applies to containers that do not override it',
      objects: [psaNamespace('a', 'restricted'), build.cronJob({ name: 'c', namespace: 'a', spec: { jobTemplate: { spec: { template: { spec: { securityContext: { runAsUser: 0, runAsNonRoot: true } } } } } } })],
      findings: [{ messageId: 'runsAsRoot', resource: { kind: 'CronJob', name: 'c' }, path: 'spec.jobTemplate.spec.template.spec.securityContext.runAsUser' }],
    },
    {
      name: 'a baseline namespace would admit root containers',
      objects: [psaNamespace('base', 'baseline'), build.pod({ namespace: 'base', spec: { securityContext: { runAsNonRoot: true } } })],
      findings: [{ messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'base' } }],
    },
  ],
});

checkRuleProperties(requireRunAsNonRoot);
