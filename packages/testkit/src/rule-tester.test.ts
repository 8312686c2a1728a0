import { describe, expect, it } from 'vitest';
import { defineBenchmark, definePack, defineRule, type Rule } from '@kubecis/core';
import { build, subject } from './builders.js';
import { diffFindings, RuleTester, RuleTesterError, runRuleCase, type RuleTests, type TestTarget } from './rule-tester.js';
import type { TestFramework } from './framework.js';

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
    controls: { 'cis-1.10': ['5.2.5'] },
    messages: { hostNetwork: '{kind} {name} uses the host network', clean: 'No workload uses the host network' },
  },
  *check(snapshot, context) {
    let failed = 0;
    for (const w of snapshot.workloads()) {
      if (w.spec.hostNetwork === true) {
        failed++;
        yield context.fail({ messageId: 'hostNetwork', data: { kind: w.kind, name: w.ref.name }, resource: w.object, path: `${w.specPath}.hostNetwork` });
      }
    }
    if (failed === 0) yield context.pass({ messageId: 'clean' });
  },
});

// A second rule, so that packs and benchmarks have more than one: cluster-admin bindings warn.
const noClusterAdmin: Rule = defineRule({
  id: 'example/no-cluster-admin',
  meta: {
    ...noHostNetwork.meta,
    title: 'No cluster-admin',
    controls: { 'cis-1.10': ['5.1.1'] },
    messages: { bound: '{name} binds cluster-admin' },
  },
  *check(snapshot, context) {
    for (const b of snapshot.ofKind('ClusterRoleBinding')) {
      if (b.roleRef.name === 'cluster-admin') yield context.warn({ messageId: 'bound', data: { name: b.metadata.name }, resource: b, path: 'roleRef.name' });
    }
  },
});

const pack = definePack({ name: 'example', rules: [noHostNetwork, noClusterAdmin] });
const benchmark = defineBenchmark({
  id: 'cis-1.10',
  title: 'test',
  version: '1.10',
  sections: [{ id: '5.1', title: 'RBAC' }, { id: '5.2', title: 'Pods' }],
  controls: [
    { id: '5.1.1', title: 'cluster-admin', type: 'automated', section: '5.1' },
    { id: '5.2.5', title: 'host network', type: 'automated', section: '5.2' },
  ],
  rules: [pack],
});

const hostNetworkDeployment = build.deployment({ name: 'web', namespace: 'shop', spec: { template: { spec: { hostNetwork: true } } } });

new RuleTester().run(noHostNetwork, {
  valid: [
    { name: 'plain pod', objects: [build.pod()] },
    { name: 'hostNetwork false', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  containers: [{name: c}]\n' },
    {
      name: 'an exempted finding does not count',
      objects: [hostNetworkDeployment],
      evaluateOptions: { exemptions: [{ namespaces: ['shop'], reason: 'the shop runs its own CNI' }] },
    },
  ],
  invalid: [
    {
      name: 'deployment and cronjob in two namespaces',
      objects: [
        hostNetworkDeployment,
        build.workload('CronJob', { name: 'sync', namespace: 'ops', podSpec: { hostNetwork: true } }),
      ],
      findings: [
        { messageId: 'hostNetwork', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.hostNetwork' },
        { control: '5.2.5', resource: { kind: 'CronJob', namespace: 'ops', name: 'sync' }, path: 'spec.jobTemplate.spec.template.spec.hostNetwork', severity: 'high' },
      ],
    },
    {
      name: 'exempted findings are listed with exempted: true',
      objects: [hostNetworkDeployment],
      evaluateOptions: { exemptions: [{ namespaces: ['shop'], reason: 'the shop runs its own CNI' }] },
      options: {},
      findings: [{ messageId: 'hostNetwork', exempted: true }],
    },
  ],
});

new RuleTester().run(pack, {
  valid: [{ name: 'nothing to report', objects: [build.pod(), build.clusterRoleBinding({ roleRef: { name: 'view' } })] }],
  invalid: [
    {
      name: 'one finding of each rule',
      objects: [build.pod({ name: 'p', spec: { hostNetwork: true } }), build.clusterRoleBinding({ name: 'admins', roleRef: { name: 'cluster-admin' }, subjects: [subject.group('devs')] })],
      findings: [
        { ruleId: 'example/no-host-network', resource: { kind: 'Pod', namespace: 'default', name: 'p' } },
        { control: '5.1.1', status: 'WARN', resource: { kind: 'ClusterRoleBinding', namespace: null, name: 'admins' }, path: 'roleRef.name' },
      ],
    },
  ],
});

new RuleTester().run(benchmark, {
  valid: [{ name: 'a clean cluster', objects: [build.deployment()] }],
  invalid: [{ name: 'by control id', objects: [build.daemonSet({ name: 'agent', spec: { template: { spec: { hostNetwork: true } } } })], findings: [{ control: '5.2.5', resource: { name: 'agent' } }] }],
});

/** Registers a suite with a recording framework and returns its tests by name, to run them by hand. */
function collect(target: TestTarget, tests: RuleTests): Map<string, () => void | Promise<void>> {
  const bodies = new Map<string, () => void | Promise<void>>();
  const framework: TestFramework = {
    describe: (_name, body) => {
      body();
    },
    it: (name, body) => {
      bodies.set(name, body);
    },
  };
  new RuleTester({ framework }).run(target, tests);
  return bodies;
}

const failureOf = (body: (() => void | Promise<void>) | undefined): string => {
  try {
    void body?.();
  } catch (error) {
    expect(error).toBeInstanceOf(RuleTesterError);
    return (error as Error).message;
  }
  throw new Error('the test passed');
};

describe('RuleTester contract', () => {
  it('explains a mismatch: what is missing, its nearest actual finding, what is unexpected', () => {
    const tests = collect(noHostNetwork, {
      valid: [{ name: 'should be valid', objects: [build.pod({ name: 'a', spec: { hostNetwork: true } })] }],
      invalid: [
        {
          name: 'wrong path',
          objects: [build.pod({ name: 'a', spec: { hostNetwork: true } }), build.pod({ name: 'b', namespace: 'x', spec: { hostNetwork: true } })],
          findings: [{ messageId: 'hostNetwork', resource: { name: 'a' }, path: 'spec.hostNetworks' }],
        },
      ],
    });
    expect(failureOf(tests.get('should be valid'))).toContain('+ unexpected: FAIL example/no-host-network:hostNetwork Pod default/a @ spec.hostNetwork');
    const message = failureOf(tests.get('wrong path'));
    expect(message).toContain('expected 1 finding(s), got 2');
    expect(message).toContain('- missing:    FAIL hostNetwork (any kind) a @ spec.hostNetworks');
    expect(message).toContain('nearest:  FAIL example/no-host-network:hostNetwork Pod default/a @ spec.hostNetwork (differs: path spec.hostNetwork)');
    expect(message).toContain('+ unexpected: FAIL example/no-host-network:hostNetwork Pod x/b @ spec.hostNetwork');
    expect(message).toContain('message:  Pod b uses the host network');
  });

  it('reports unknown messageIds, rules and controls in the failing case', () => {
    const tests = collect(pack, {
      valid: [],
      invalid: [
        { name: 'unknown messageId', objects: [build.pod()], findings: [{ messageId: 'nope' }] },
        { name: 'unknown rule', objects: [build.pod({ name: 'x' })], findings: [{ ruleId: 'example/nope' }] },
        { name: 'unknown control', objects: [build.pod({ name: 'y' })], findings: [{ control: '9.9.9' }] },
        { name: 'no criterion', objects: [build.pod({ name: 'z' })], findings: [{ resource: { name: 'z' } }] },
        { name: 'no finding', objects: [build.pod({ name: 'w' })], findings: [] },
      ],
    });
    expect(failureOf(tests.get('unknown messageId'))).toMatch(/unknown messageId "nope"; known: hostNetwork, clean, bound/);
    expect(failureOf(tests.get('unknown rule'))).toMatch(/has no rule example\/nope/);
    expect(failureOf(tests.get('unknown control'))).toMatch(/maps to control "9.9.9"/);
    expect(failureOf(tests.get('no criterion'))).toMatch(/needs a messageId, ruleId or control/);
    expect(failureOf(tests.get('no finding'))).toMatch(/needs at least one expected finding/);
  });

  it('rejects duplicate case names and duplicate inputs when the suite is registered', () => {
    expect(() => collect(noHostNetwork, { valid: [{ name: 'a', objects: [] }, { name: 'a', objects: [build.pod()] }], invalid: [] })).toThrow(/duplicate case name "a"/);
    expect(() => collect(noHostNetwork, { valid: [{ name: 'a', objects: [build.pod()] }, { name: 'b', objects: [build.pod()] }], invalid: [] })).toThrow(/cases "a" and "b" have the same input/);
  });

  it('rejects input that the snapshot cannot read, and cases with both objects and yaml', () => {
    expect(() => runRuleCase(noHostNetwork, { name: 'bad', objects: [{ kind: 'Pod' }] })).toThrow(/objects the snapshot rejects/);
    expect(() => runRuleCase(noHostNetwork, { name: 'both', objects: [], yaml: 'a: 1' })).toThrow(/not both/);
    expect(() => runRuleCase(noHostNetwork, { name: 'yaml', yaml: 'a: [' })).toThrow(/invalid YAML/);
  });

  it('catches a rule that reports a path its object does not have', () => {
    const badPath: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/bad-path',
      *check(snapshot, context) {
        for (const w of snapshot.workloads()) yield context.fail({ messageId: 'hostNetwork', data: { kind: w.kind, name: w.ref.name }, resource: w.object, path: 'spec.nope[3]' });
      },
    });
    expect(() => runRuleCase(badPath, { name: 'p', objects: [build.pod()] })).toThrow(/path spec.nope\[3\], which does not resolve in Pod default\/pod/);
  });

  it('catches a rule that throws, or that gives different findings on a second run', () => {
    const throwing: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/throwing',
      check() {
        throw new Error('boom');
      },
    });
    expect(() => runRuleCase(throwing, { name: 't', objects: [build.pod()] })).toThrow(/Rule example\/throwing failed: boom/);
    let calls = 0;
    const flaky: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/flaky',
      *check(snapshot, context) {
        calls++;
        if (calls % 2 === 0) yield context.fail({ messageId: 'clean', resource: snapshot.objects[0] ?? null });
      },
    });
    expect(() => runRuleCase(flaky, { name: 'f', objects: [build.pod()] })).toThrow(/not deterministic/);
  });

  it('runs each case on deep-frozen input: a rule that writes to an object fails', () => {
    const writing: Rule = defineRule({
      ...noHostNetwork,
      id: 'example/writing',
      *check(snapshot, context) {
        for (const w of snapshot.workloads()) {
          (w.spec as { hostNetwork?: boolean }).hostNetwork = true;
          yield context.pass({ messageId: 'clean', resource: w.object });
        }
      },
    });
    const input = [build.pod()];
    expect(() => runRuleCase(writing, { name: 'w', objects: input })).toThrow(/writes to the objects of the snapshot/);
    expect(input[0]?.spec.hostNetwork).toBeUndefined();
  });

  it('diffFindings compares findings by any subset of their fields', () => {
    const actual = runRuleCase(noHostNetwork, { name: 'x', objects: [build.pod({ name: 'a', spec: { hostNetwork: true } })] });
    expect(diffFindings(actual, [{ messageId: 'hostNetwork', resource: { name: 'a' } }])).toBeNull();
    expect(diffFindings(actual, [{ control: 'example/no-host-network' }])).toBeNull();
    expect(diffFindings(actual, [{ messageId: 'hostNetwork', status: 'WARN' }])).toContain('differs: status FAIL');
    expect(diffFindings([], [{ messageId: 'hostNetwork' }])).toContain('- missing:');
  });
});
