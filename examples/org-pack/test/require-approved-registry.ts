import fc from 'fast-check';
import { arb, build, checkRuleProperties, RuleTester, type TestFramework } from '@kubecis/testkit';
import { requireApprovedRegistry } from '../src/index.js';

const image = (name: string): { spec: { template: { spec: { containers: { name: string; image: string }[] } } } } => ({
  spec: { template: { spec: { containers: [{ name: 'app', image: name }] } } },
});

/** RuleTester cases and the standard properties of acme/require-approved-registry. */
export function testRequireApprovedRegistry(framework?: TestFramework): void {
  new RuleTester(framework ? { framework } : {}).run(requireApprovedRegistry, {
    valid: [
      { name: 'an image from the default approved registry', objects: [build.deployment(image('registry.acme.example/shop/web:2.1.0'))] },
      {
        name: 'a host and path prefix, and a glob host',
        objects: [build.deployment({ name: 'a', ...image('ghcr.io/acme/api@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0') }), build.pod({ name: 'b', spec: { containers: [{ name: 'c', image: 'eu.mirror.acme.example/redis:7' }] } })],
        options: { allowedRegistries: ['ghcr.io/acme', '*.mirror.acme.example'] },
      },
      {
        name: 'Docker Hub official images when docker.io/library is approved',
        objects: [build.deployment(image('nginx:1.27'))],
        options: { allowedRegistries: ['docker.io/library'] },
      },
      {
        name: 'an ignored image, as written or normalised',
        objects: [build.daemonSet({ name: 'agent', ...image('datadog/agent:7.55.0') }), build.deployment({ name: 'x', ...image('registry.k8s.io/ingress-nginx/controller:v1.11.2') })],
        options: { ignoreImages: ['docker.io/datadog/agent:*', 'registry.k8s.io/ingress-nginx/controller:*'] },
      },
    ],
    invalid: [
      {
        name: 'Docker Hub short names are docker.io images',
        objects: [build.deployment({ name: 'web', namespace: 'shop', ...image('nginx:latest') })],
        findings: [{ messageId: 'unapproved', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.containers[0].image' }],
      },
      {
        name: 'init and ephemeral containers in two kinds and two namespaces',
        objects: [
          build.cronJob({
            name: 'report',
            namespace: 'finance',
            spec: { jobTemplate: { spec: { template: { spec: { initContainers: [{ name: 'fetch', image: 'curlimages/curl:8.9.1' }], containers: [{ name: 'run', image: 'registry.acme.example/finance/report:1' }] } } } } },
          }),
          build.pod({ name: 'debug', namespace: 'shop', spec: { containers: [{ name: 'app', image: 'registry.acme.example/shop/app:3' }], ephemeralContainers: [{ name: 'shell', image: 'localhost:5000/busybox' }] } }),
        ],
        findings: [
          { messageId: 'unapproved', resource: { kind: 'CronJob', namespace: 'finance', name: 'report' }, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image' },
          { messageId: 'unapproved', resource: { kind: 'Pod', namespace: 'shop', name: 'debug' }, path: 'spec.ephemeralContainers[0].image' },
        ],
      },
      {
        name: 'a look-alike host is not the approved registry',
        objects: [build.statefulSet({ name: 'db', ...image('registry.acme.example.evil.io/postgres:16') }), build.job({ name: 'j', ...image('ghcr.io/acme-fork/tool:1') })],
        options: { allowedRegistries: ['registry.acme.example', 'ghcr.io/acme'] },
        findings: [
          { messageId: 'unapproved', resource: { kind: 'StatefulSet', name: 'db' } },
          { messageId: 'unapproved', resource: { kind: 'Job', name: 'j' } },
        ],
      },
      {
        name: 'a container without an image is a warning',
        objects: [build.replicationController({ name: 'old', spec: { template: { spec: { containers: [{ name: 'app' }] } } } })],
        findings: [{ messageId: 'noImage', status: 'WARN', path: 'spec.template.spec.containers[0]' }],
      },
    ],
  });

  checkRuleProperties(requireApprovedRegistry, {
    ...(framework ? { framework } : {}),
    options: { allowedRegistries: ['registry.example.com', 'docker.io/library'] },
    arbitraries: [arb.workload({ spec: arb.podSpec({ containers: fc.array(arb.container({ image: fc.constantFrom('', ' ', 'a b', 'x@', ':tag', 'registry.example.com/', 'UPPER/Case:1') }), { minLength: 1, maxLength: 2 }) }) })],
  });
}
