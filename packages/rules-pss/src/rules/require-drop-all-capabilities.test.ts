import { build, checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { psaNamespace } from '../../test/pods.js';
import { requireDropAllCapabilities } from './require-drop-all-capabilities.js';

const dropAll = { securityContext: { capabilities: { drop: ['ALL'] } } };

new RuleTester().run(requireDropAllCapabilities, {
  valid: [
    {
      name: 'every container drops ALL',
      objects: [psaNamespace('app', 'restricted'), build.podTemplate({ namespace: 'app', template: { spec: { initContainers: [build.container({ name: 'i', ...dropAll })], containers: [build.container(dropAll)] } } })],
    },
    { name: 'Windows pods are exempt', objects: [psaNamespace('win', 'restricted'), build.pod({ namespace: 'win', spec: { os: { name: 'windows' } } })] },
  ],
  invalid: [
    {
      name: '"all" in lower case and dropping one by one do not count; two namespaces',
      objects: [
        psaNamespace('a', 'restricted'),
        psaNamespace('b', 'restricted'),
        build.podTemplate({ name: 'tpl', namespace: 'a', template: { spec: { containers: [build.container({ securityContext: { capabilities: { drop: ['all'] } } })] } } }),
        build.cronJob({ name: 'job', namespace: 'b', spec: { jobTemplate: { spec: { template: { spec: { containers: [build.container({ securityContext: { capabilities: { drop: ['NET_RAW', 'SYS_ADMIN'] } } })] } } } } } }),
      ],
      findings: [
        { messageId: 'notDropped', resource: { kind: 'PodTemplate', namespace: 'a', name: 'tpl' }, path: 'template.spec.containers[0].securityContext.capabilities.drop' },
        { messageId: 'notDropped', resource: { kind: 'CronJob', namespace: 'b', name: 'job' }, path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.drop' },
      ],
    },
    {
      name: 'ephemeral and init containers count',
      objects: [psaNamespace('a', 'restricted'), build.pod({ name: 'p', namespace: 'a', spec: { initContainers: [build.container({ name: 'i' })], containers: [build.container(dropAll)], ephemeralContainers: [build.container({ name: 'e', securityContext: {} })] } })],
      findings: [
        { messageId: 'notDropped', path: 'spec.initContainers[0]' },
        { messageId: 'notDropped', path: 'spec.ephemeralContainers[0].securityContext' },
      ],
    },
    {
      name: 'only restricted v1.22 and later forbids it',
      objects: [psaNamespace('base', 'baseline'), psaNamespace('old', 'restricted', 'v1.21'), psaNamespace('new', 'restricted', 'latest')],
      findings: [
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'base' } },
        { messageId: 'namespaceAdmits', status: 'WARN', resource: { kind: 'Namespace', name: 'old' } },
      ],
    },
  ],
});

checkRuleProperties(requireDropAllCapabilities);
