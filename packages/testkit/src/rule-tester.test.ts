import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '@kubecis/core';
import { build } from './builders.js';
import { checkRuleProperties } from './properties.js';
import { diffFindings, RuleTester, runRuleCase } from './rule-tester.js';

// A small rule used to test the tester: every workload with hostNetwork fails.
const noHostNetwork: Rule = defineRule({
  id: 'example/no-host-network',
  meta: {
    title: 'No host network',
    description: 'Workloads must not use the host network',
    rationale: 'Host networking bypasses network policies',
    remediation: 'Remove spec.hostNetwork',
    severity: 'high',
    type: 'automated',
    controls: {},
    messages: { hostNetwork: '{kind} {name} uses the host network' },
  },
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      if (w.spec.hostNetwork === true) {
        yield context.fail({ messageId: 'hostNetwork', data: { kind: w.kind, name: w.ref.name }, resource: w.object, path: `${w.specPath}.hostNetwork` });
      }
    }
  },
});

const mutating: Rule = defineRule({
  ...noHostNetwork,
  id: 'example/mutating',
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      (w.spec as { hostNetwork?: boolean }).hostNetwork = true;
      yield context.pass({ messageId: 'hostNetwork', data: { kind: w.kind, name: w.ref.name }, resource: w.object });
    }
  },
});

new RuleTester().run(noHostNetwork, {
  valid: [
    { name: 'plain pod', objects: [build.pod()] },
    { name: 'hostNetwork false', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  containers: [{name: c}]\n' },
  ],
  invalid: [
    {
      name: 'deployment and cronjob in two namespaces',
      objects: [
        build.deployment({ name: 'web', namespace: 'shop', spec: { template: { spec: { hostNetwork: true } } } }),
        build.cronJob({ name: 'sync', namespace: 'ops', spec: { jobTemplate: { spec: { template: { spec: { hostNetwork: true } } } } } }),
      ],
      findings: [
        { messageId: 'hostNetwork', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.hostNetwork' },
        { messageId: 'hostNetwork', resource: { kind: 'CronJob', namespace: 'ops', name: 'sync' }, path: 'spec.jobTemplate.spec.template.spec.hostNetwork' },
      ],
    },
  ],
});

checkRuleProperties(noHostNetwork);

describe('RuleTester contract', () => {
  it('reports missing and unexpected findings readably', () => {
    const actual = runRuleCase(noHostNetwork, { name: 'x', objects: [build.pod({ name: 'a', spec: { hostNetwork: true } })] });
    expect(diffFindings(actual, [])).toContain('unexpected: FAIL hostNetwork Pod default/a @ spec.hostNetwork');
    expect(diffFindings([], [{ messageId: 'hostNetwork' }])).toContain('missing:');
    expect(diffFindings(actual, [{ messageId: 'hostNetwork', resource: { name: 'a' } }])).toBeNull();
  });

  it('rejects input that the snapshot cannot read', () => {
    expect(() => runRuleCase(noHostNetwork, { name: 'bad', objects: [{ kind: 'Pod' }] })).toThrow(/invalid objects/);
  });

  it('catches a rule that mutates the snapshot through the frozen-run property', () => {
    // runRuleCase itself freezes only the input; the property suite also freezes the snapshot.
    expect(() => runRuleCase(mutating, { name: 'm', objects: [build.pod()] })).not.toThrow();
  });
});

describe('checkRuleProperties catches broken rules', () => {
  const collect = (rule: Rule): Map<string, () => void | Promise<void>> => {
    const bodies = new Map<string, () => void | Promise<void>>();
    checkRuleProperties(rule, {
      numRuns: 30,
      framework: { describe: (_n, body) => { body(); }, it: (name, body) => { bodies.set(name, body); } },
    });
    return bodies;
  };

  it('flags a rule that writes to the snapshot', () => {
    const bodies = collect(mutating);
    expect(() => bodies.get('is deterministic and never mutates its input')?.()).toThrow();
  });

  it('flags a rule that leaks secret data', () => {
    const leaky: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/leaky',
      *check(snapshot, context) {
        for (const w of snapshot.workloads()) {
          for (const c of w.spec.containers) {
            for (const e of c.env ?? []) {
              if (e.value !== undefined) yield context.fail({ messageId: 'hostNetwork', data: { kind: w.kind, name: e.value }, resource: w.object });
            }
          }
        }
      },
    });
    expect(() => collect(leaky).get('never leaks a Secret value or an env literal')?.()).toThrow();
  });

  it('flags a rule whose paths do not resolve', () => {
    const badPath: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/bad-path',
      *check(snapshot, context) {
        for (const w of snapshot.workloads()) yield context.fail({ messageId: 'hostNetwork', data: { kind: w.kind, name: w.ref.name }, resource: w.object, path: 'spec.nope[3]' });
      },
    });
    expect(() => collect(badPath).get('reports only objects of the snapshot, with paths that resolve')?.()).toThrow();
  });
});
