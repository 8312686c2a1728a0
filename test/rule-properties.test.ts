import { describe, expect, it } from 'vitest';
import type { AnyRule } from '@kubecis/core';
import { rulePropertyChecks, rulePropertyNames } from '@kubecis/testkit';
import { packs } from 'kubecis';

// Every built-in rule against the testkit's standard properties, with the testkit's generic
// arbitraries only: what a rule author gets from `checkRuleProperties(rule)` with no setup.
// Each pack also runs them with its own arbitraries. The run count is bounded (about 5 s for
// every rule on one core); FC_RUNS raises it for exploration, FC_SEED changes the seed.
const numRuns = process.env['FC_RUNS'] === undefined ? 60 : Number(process.env['FC_RUNS']);

const rules: [string, AnyRule][] = packs.flatMap((pack) => pack.rules.map((rule): [string, AnyRule] => [rule.id, rule]));

describe('the built-in rules', () => {
  it('are all checked, once each', () => {
    expect(rules.length).toBeGreaterThanOrEqual(35);
    expect(new Set(rules.map(([id]) => id)).size).toBe(rules.length);
  });
});

describe.each(rules)('%s has the standard rule properties', (_id, rule) => {
  const checks = rulePropertyChecks(rule, { numRuns });
  it('runs every standard property', () => {
    expect(checks.map((c) => c.name)).toEqual([...rulePropertyNames]);
  });
  for (const check of checks) {
    it(check.name, () => {
      check.run();
    });
  }
});
