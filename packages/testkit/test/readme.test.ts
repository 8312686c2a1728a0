// The worked example of README.md, verbatim, so that the README stays true.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createSnapshot, defineRule, evaluate, workloadContainers, type Rule } from '@kubecis/core';
import { arb, build, checkRuleProperties, diffFindings, RuleTester, runRuleCase } from '../src/index.js';

const noLatestTag: Rule = /* @__PURE__ */ defineRule({
  id: 'acme/no-latest-tag',
  meta: {
    title: 'Images are pinned',
    description: 'Containers must not run an image tagged latest or without a tag',
    rationale: 'A floating tag changes under a running workload; a rollback cannot bring the old image back.',
    remediation: 'Pin the image to a version tag or a digest.',
    severity: 'medium',
    type: 'automated',
    controls: {},
    messages: { floating: '{workload}: container {container} runs {image}, which is not pinned' },
  },
  *check(snapshot, context) {
    for (const workload of snapshot.workloads()) {
      for (const { container, path } of workloadContainers(workload)) {
        const image = container.image ?? '';
        const tag = /:([^/:@]+)$/.exec(image)?.[1];
        if (image.includes('@') || (tag !== undefined && tag !== 'latest')) continue;
        yield context.fail({
          messageId: 'floating',
          data: { workload: `${workload.kind} ${workload.namespace}/${workload.ref.name}`, container: container.name, image },
          resource: workload.object,
          path: `${path}.image`,
        });
      }
    }
  },
});

const image = (name: string) => ({ spec: { template: { spec: { containers: [build.container({ image: name })] } } } });

new RuleTester().run(noLatestTag, {
  valid: [
    { name: 'a version tag', objects: [build.deployment(image('nginx:1.27'))] },
    { name: 'a digest', objects: [build.deployment(image('nginx@sha256:0f1e2d3c'))] },
  ],
  invalid: [
    {
      name: 'latest and no tag, in two kinds and namespaces',
      objects: [
        build.deployment({ name: 'web', namespace: 'shop', ...image('nginx:latest') }),
        build.workload('CronJob', { name: 'sync', namespace: 'ops', podSpec: { initContainers: [build.container({ name: 'fetch', image: 'curl' })] } }),
      ],
      findings: [
        { messageId: 'floating', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.containers[0].image' },
        { messageId: 'floating', resource: { kind: 'CronJob', name: 'sync' }, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image' },
      ],
    },
  ],
});

checkRuleProperties(noLatestTag, {
  // Mix in objects the rule is about, on top of the generic ones.
  arbitraries: [arb.workload({ spec: arb.podSpec({ containers: fc.array(arb.container({ image: fc.constantFrom('nginx', 'nginx:latest', 'nginx:1') }), { minLength: 1 }) }) })],
});

test.prop([arb.workload()])('pinning every image silences the rule', (object) => {
  const pinned = JSON.parse(JSON.stringify(object).replace(/"image":"[^"]*"/g, '"image":"nginx:1.27"'));
  const report = evaluate(createSnapshot([pinned]), noLatestTag);
  expect(report.controls[0]?.status).toBe('PASS');
});

describe('the README', () => {
  it('shows the failure message RuleTester gives', () => {
    const objects = [
      build.deployment({ name: 'web', namespace: 'shop', ...image('nginx:latest') }),
      build.workload('CronJob', { name: 'sync', namespace: 'ops', podSpec: { initContainers: [build.container({ name: 'fetch', image: 'curl' })] } }),
    ];
    const diff = diffFindings(runRuleCase(noLatestTag, { name: 'x', objects }), [
      { messageId: 'floating', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.containers[0].image' },
      { messageId: 'floating', resource: { kind: 'CronJob' }, path: 'spec.jobTemplate.spec.template.spec.containers[0].image' },
    ]);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(diff).not.toBeNull();
    for (const line of (diff ?? '').split('\n')) expect(readme).toContain(line);
  });
});
