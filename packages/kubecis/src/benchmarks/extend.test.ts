import { createSnapshot, defineRule, evaluate, type Rule } from '@kubecis/core';
import { describe, expect, it } from 'vitest';
import { benchmarks } from '../index.js';
import { extendBenchmark, organisationSection } from './extend.js';

const base = { description: 'd', rationale: 'r', remediation: 'r', severity: 'medium' as const, type: 'automated' as const, messages: { bad: '{name} is bad' } };

function failEveryDeployment(id: string, controls: Record<string, string[]>): Rule {
  return defineRule({
    id,
    meta: { ...base, title: `Rule ${id}`, controls },
    *check(snapshot, context) {
      for (const d of snapshot.ofKind('Deployment')) yield context.fail({ messageId: 'bad', data: { name: d.metadata.name }, resource: d });
    },
  });
}

const cis = benchmarks['cis-1.10'];
const snapshot = createSnapshot([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } }]);

describe('extendBenchmark', () => {
  it('adds a rule mapped to a CIS control to that control, and an unmapped rule as a control of its own', () => {
    const mapped = failEveryDeployment('acme/stricter', { 'cis-1.10': ['5.7.1'] });
    const own = failEveryDeployment('acme/team-label', {});
    const { benchmark, warnings } = extendBenchmark(cis, [{ name: 'acme', rules: [mapped, own] }]);
    expect(warnings).toEqual([]);
    expect(benchmark.controls).toHaveLength(cis.controls.length + 1);
    expect(benchmark.sections.at(-1)).toEqual(organisationSection);
    const report = evaluate(snapshot, benchmark);
    expect(report.controls.find((c) => c.id === '5.7.1')?.rules).toContain('acme/stricter');
    expect(report.controls.find((c) => c.id === 'acme/team-label')).toMatchObject({ status: 'FAIL', section: 'org', rules: ['acme/team-label'] });
    // The inputs are untouched.
    expect(cis.controls.some((c) => c.id === 'acme/team-label')).toBe(false);
    expect(own.meta.controls).toEqual({});
  });

  it('warns about duplicate ids and controls the benchmark lacks', () => {
    const dup = failEveryDeployment('pss/no-privileged', {});
    const elsewhere = failEveryDeployment('acme/x', { 'cis-1.10': ['9.9.9'] });
    const { benchmark, warnings } = extendBenchmark(cis, [dup, elsewhere]);
    expect(warnings).toEqual([
      'Rule pss/no-privileged is defined twice; the second definition is ignored',
      'Rule acme/x maps to 9.9.9, which cis-1.10 does not have; it is reported as a control of its own',
    ]);
    expect(benchmark.controls.map((c) => c.id)).toContain('acme/x');
  });

  it('returns the benchmark itself when there is nothing to add', () => {
    expect(extendBenchmark(cis, []).benchmark).toBe(cis);
  });
});
