import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineRule, type Rule, type RuleDefinition } from '@kubecis/core';
import { arb } from './arbitraries.js';
import { checkRuleProperties, rulePropertyChecks, rulePropertyNames, type RulePropertyName } from './properties.js';

const base: RuleDefinition = {
  id: 'example/privileged',
  meta: {
    title: 'No privileged containers',
    description: 'Containers must not be privileged',
    rationale: 'A privileged container is root on the node',
    remediation: 'Remove securityContext.privileged',
    severity: 'high',
    type: 'automated',
    controls: {},
    messages: { privileged: '{kind} {name} runs a privileged container', clean: 'No privileged container' },
  },
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      for (const [i, c] of w.spec.containers.entries()) {
        if (c.securityContext?.privileged !== true) continue;
        yield context.fail({ messageId: 'privileged', data: { kind: w.kind, name: w.ref.name }, resource: w.object, path: `${w.specPath}.containers[${String(i)}].securityContext.privileged` });
      }
    }
    // A cluster-wide finding with no object: exemptions by rule still cover it.
    if (snapshot.ofKind('ValidatingAdmissionPolicy').length === 0) yield context.warn({ messageId: 'clean' });
  },
};

const good: Rule = defineRule(base);
checkRuleProperties(good, { arbitraries: [arb.workload({ spec: arb.podSpec({ containers: fc.array(arb.container({ securityContext: fc.constant({ privileged: true }) }), { minLength: 1, maxLength: 1 }) }) })] });

const variant = (id: string, check: RuleDefinition['check']): Rule => defineRule({ ...base, id: `example/${id}`, check });

/** Runs one standard property of a rule and returns whether it found a counterexample. */
function fails(rule: Rule, name: RulePropertyName): boolean {
  const found = rulePropertyChecks(rule, { numRuns: 60 }).find((c) => c.name === name);
  if (!found) throw new Error(`no property "${name}"`);
  try {
    found.run();
    return false;
  } catch {
    return true;
  }
}

describe('the standard properties', () => {
  it('are all registered, and can be skipped by name', () => {
    expect(rulePropertyChecks(good).map((c) => c.name)).toEqual([...rulePropertyNames]);
    expect(rulePropertyChecks(good, { skip: ['never leaks a Secret value or an env literal'] })).toHaveLength(rulePropertyNames.length - 1);
  });

  it('pass for a correct rule', () => {
    for (const name of rulePropertyNames) expect(fails(good, name), name).toBe(false);
  });

  it('catch a rule that throws on odd input', () => {
    const fragile = variant('fragile', function* (snapshot, context) {
      for (const w of snapshot.workloads()) {
        const ports = w.spec.containers[0]!.ports!;
        yield context.fail({ messageId: 'privileged', data: { kind: w.kind, name: String(ports.length) }, resource: w.object });
      }
    });
    expect(fails(fragile, 'never throws on arbitrary JSON')).toBe(true);
  });

  it('catch a rule that writes to the snapshot', () => {
    const writing = variant('writing', function* (snapshot, context) {
      for (const w of snapshot.workloads()) {
        (w.spec as { hostNetwork?: boolean }).hostNetwork = true;
        yield context.pass({ messageId: 'clean', resource: w.object });
      }
    });
    expect(fails(writing, 'is deterministic and never mutates its input')).toBe(true);
  });

  it('catch a rule whose findings depend on the order of objects', () => {
    const firstOnly = variant('first-only', function* (snapshot, context) {
      const first = snapshot.objects[0];
      if (first) yield context.fail({ messageId: 'clean', resource: first });
    });
    expect(fails(firstOnly, 'does not depend on the order of objects')).toBe(true);
  });

  it('catch a rule that names an object outside the snapshot, or a path that does not resolve', () => {
    const elsewhere = variant('elsewhere', function* (snapshot, context) {
      for (const w of snapshot.workloads()) yield context.fail({ messageId: 'clean', resource: { ...w.ref, namespace: 'nowhere' } });
    });
    expect(fails(elsewhere, 'reports only objects of the snapshot, with paths that resolve')).toBe(true);
    const badPath = variant('bad-path', function* (snapshot, context) {
      for (const w of snapshot.workloads()) yield context.fail({ messageId: 'clean', resource: w.object, path: `${w.specPath}.containers[7]` });
    });
    expect(fails(badPath, 'reports only objects of the snapshot, with paths that resolve')).toBe(true);
  });

  it('catch a rule that leaks a Secret value or an env literal', () => {
    const leaky = variant('leaky', function* (snapshot, context) {
      for (const w of snapshot.workloads()) {
        for (const c of w.spec.containers) {
          for (const e of c.env ?? []) if (e.value !== undefined) yield context.fail({ messageId: 'privileged', data: { kind: w.kind, name: e.value }, resource: w.object });
        }
      }
    });
    expect(fails(leaky, 'never leaks a Secret value or an env literal')).toBe(true);
  });
});
