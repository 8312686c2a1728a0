import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSnapshot } from '../snapshot/create-snapshot.js';
import { defineBenchmark, definePack, defineRule } from '../rule/define-rule.js';
import type { Rule } from '../rule/types.js';
import { evaluate } from './evaluate.js';

const pod = (name: string, namespace: string, labels: Record<string, string> = {}, hostPID = true) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { hostPID, containers: [{ name: 'c' }] },
});

const meta = {
  title: 'No hostPID',
  description: 'Pods must not share the host PID namespace',
  rationale: 'r',
  remediation: 'x',
  severity: 'high' as const,
  type: 'automated' as const,
  controls: { 'cis-test': ['5.2.3'] },
  messages: { hostPID: 'Pod {name} shares the host PID namespace', ok: 'Pod {name} is fine' },
};

const noHostPid: Rule = defineRule({
  id: 'test/no-host-pid',
  meta,
  *check(snapshot, context) {
    for (const p of snapshot.ofKind('Pod')) {
      if (p.spec.hostPID === true) yield context.fail({ messageId: 'hostPID', data: { name: p.metadata.name }, resource: p, path: 'spec.hostPID' });
      else yield context.pass({ messageId: 'ok', data: { name: p.metadata.name }, resource: p });
    }
  },
});

const throwing: Rule = defineRule({
  id: 'test/throws',
  meta: { ...meta, title: 'Throws', controls: { 'cis-test': ['5.2.4'] } },
  check() {
    throw new Error('boom');
  },
});

const warnOnly: Rule = defineRule({
  id: 'test/warn',
  meta: { ...meta, title: 'Warn', controls: { 'cis-test': ['5.2.5'] } },
  *check(_snapshot, context) {
    yield context.warn({ messageId: 'ok', data: { name: 'cluster' } });
  },
});

const benchmark = defineBenchmark({
  id: 'cis-test',
  title: 'Test',
  version: '0',
  sections: [{ id: '5.2', title: 'PSS' }],
  controls: [
    { id: '5.2.3', title: 'hostPID', type: 'automated', section: '5.2' },
    { id: '5.2.4', title: 'hostIPC', type: 'manual', section: '5.2' },
    { id: '5.2.5', title: 'hostNetwork', type: 'manual', section: '5.2' },
    { id: '5.2.6', title: 'not written', type: 'manual', section: '5.2' },
  ],
  rules: [definePack({ name: 'test', rules: [noHostPid, throwing, warnOnly] })],
});

describe('evaluate', () => {
  const snapshot = createSnapshot([pod('a', 'shop'), pod('b', 'kube-system'), pod('c', 'shop', {}, false)]);

  it('gives every control a status, with findings, evidence and a summary', () => {
    const report = evaluate(snapshot, benchmark, { tool: { name: 'kubecis', version: '1.2.3' } });
    expect(report.tool).toEqual({ name: 'kubecis', version: '1.2.3' });
    expect(report.benchmark).toBe('cis-test');
    expect(report.controls.map((c) => [c.id, c.status])).toEqual([
      ['5.2.3', 'FAIL'],
      ['5.2.4', 'ERROR'],
      ['5.2.5', 'WARN'],
      ['5.2.6', 'WARN'],
    ]);
    expect(report.summary).toEqual({ pass: 0, fail: 1, warn: 2, info: 0, error: 1 });
    const [hostPid] = report.controls;
    expect(hostPid!.findings.map((f) => [f.status, f.resource?.name, f.exempted])).toEqual([
      ['FAIL', 'b', true],
      ['FAIL', 'a', false],
      ['PASS', 'c', false],
    ]);
    expect(hostPid!.findings[1]).toMatchObject({ message: 'Pod a shares the host PID namespace', path: 'spec.hostPID', severity: 'high', ruleId: 'test/no-host-pid' });
  });

  it('turns a throwing rule into an ERROR result and still runs the others', () => {
    const report = evaluate(snapshot, benchmark);
    const error = report.controls.find((c) => c.id === '5.2.4')!;
    expect(error.reason).toContain('boom');
    expect(error.findings).toEqual([expect.objectContaining({ status: 'ERROR', ruleId: 'test/throws' })]);
    expect(report.controls.find((c) => c.id === '5.2.3')!.findings.length).toBe(3);
  });

  it('marks controls without a rule as WARN "not evaluated"', () => {
    const c = evaluate(snapshot, benchmark).controls.find((x) => x.id === '5.2.6')!;
    expect(c).toMatchObject({ status: 'WARN', findings: [], rules: [] });
    expect(c.reason).toMatch(/Not evaluated/);
  });

  it('exempts system namespaces by default, and counts them in strict mode', () => {
    const only = createSnapshot([pod('b', 'kube-system')]);
    expect(evaluate(only, noHostPid).controls[0]!.status).toBe('PASS');
    const exempted = evaluate(only, noHostPid).controls[0]!.findings[0]!;
    expect(exempted.exemption).toMatchObject({ id: 'default:system-namespaces', origin: 'default' });
    expect(evaluate(only, noHostPid, { strict: true }).controls[0]!.status).toBe('FAIL');
  });

  it('exempts bootstrap RBAC defaults by label', () => {
    const s = createSnapshot([pod('x', 'shop', { 'kubernetes.io/bootstrapping': 'rbac-defaults' })]);
    expect(evaluate(s, noHostPid).controls[0]!.findings[0]!.exemption?.id).toBe('default:bootstrap-rbac');
  });

  it('matches user exemptions by control glob, namespace, kind, name and labels', () => {
    const s = createSnapshot([pod('web-1', 'shop', { team: 'a' }), pod('db', 'shop', { team: 'b' })]);
    const run = (exemption: Record<string, unknown>) =>
      evaluate(s, benchmark, { exemptions: [{ reason: 'accepted', ...exemption }] })
        .controls[0]!.findings.filter((f) => f.exempted)
        .map((f) => f.resource?.name);
    expect(run({ rules: ['5.2.*'] })).toEqual(['db', 'web-1']);
    expect(run({ rules: ['test/no-host-pid'], names: ['web-*'] })).toEqual(['web-1']);
    expect(run({ namespaces: ['sh?p'], kinds: ['Pod'], labels: { matchLabels: { team: 'b' } } })).toEqual(['db']);
    expect(run({ rules: ['5.3.*'] })).toEqual([]);
    expect(run({ kinds: ['Deployment'] })).toEqual([]);
  });

  it('matches a namespaces exemption against a Namespace finding, never against cluster-scoped objects', () => {
    const everyObject: Rule = defineRule({
      id: 'test/every-object',
      meta: { ...meta, title: 'Every object' },
      *check(snapshot, context) {
        for (const o of snapshot.objects) yield context.fail({ messageId: 'hostPID', data: { name: o.metadata.name }, resource: o });
      },
    });
    const s = createSnapshot([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'shop' } },
      pod('web', 'shop'),
    ]);
    const exempted = (namespaces: string[]) =>
      evaluate(s, [everyObject], { exemptions: [{ reason: 'accepted', namespaces }] })
        .controls[0]!.findings.filter((f) => f.exempted)
        .map((f) => f.resource?.kind)
        .sort();
    expect(exempted(['shop'])).toEqual(['Namespace', 'Pod']);
    expect(exempted(['*'])).toEqual(['Namespace', 'Pod']);
    expect(exempted(['other'])).toEqual([]);
  });

  it('stops applying an expired exemption and says so', () => {
    const s = createSnapshot([pod('a', 'shop')]);
    const exemptions = [{ id: 'temp', rules: ['5.2.3'], reason: 'until the migration', expires: '2026-06-30' }];
    const before = evaluate(s, benchmark, { exemptions, now: '2026-06-30' });
    expect(before.controls[0]!.status).toBe('PASS');
    expect(before.controls[0]!.findings[0]!.exemption).toMatchObject({ id: 'temp', expires: '2026-06-30', origin: 'config' });
    const after = evaluate(s, benchmark, { exemptions, now: new Date('2026-07-01T00:00:00Z') });
    expect(after.controls[0]!.status).toBe('FAIL');
    expect(after.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('"temp" expired on 2026-06-30'));
  });

  it('rejects malformed exemptions with a diagnostic instead of applying them', () => {
    const s = createSnapshot([pod('a', 'shop')]);
    const report = evaluate(s, noHostPid, { exemptions: [{ reason: 'no criteria' }, { rules: ['x'], reason: '' }] as never });
    expect(report.controls[0]!.status).toBe('FAIL');
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(2);
  });

  it('disables rules by glob and overrides severity', () => {
    const disabled = evaluate(snapshot, benchmark, { disabledRules: ['test/no-*'] });
    expect(disabled.controls[0]).toMatchObject({ status: 'INFO', findings: [] });
    const sev = evaluate(snapshot, noHostPid, { severityOverrides: { 'test/no-host-pid': 'low' } });
    expect(sev.controls[0]!.findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('resolves finding sources through the locate hook', () => {
    const s = createSnapshot([pod('a', 'shop')], { sources: [{ file: 'p.yaml', line: 4, document: 1 }] });
    const report = evaluate(s, noHostPid, {
      locate: (origin, path) => ({ file: origin.source?.file ?? '?', line: (origin.source?.line ?? 0) + (path === null ? 0 : 10) }),
    });
    expect(report.controls[0]!.findings[0]!.source).toEqual({ file: 'p.yaml', line: 14 });
    expect(evaluate(s, noHostPid).controls[0]!.findings[0]!.source).toEqual({ file: 'p.yaml', line: 4, document: 1 });
  });

  it('reports an unknown messageId or a missing placeholder as a rule error', () => {
    const bad: Rule = defineRule({ id: 'test/bad', meta, *check(_s, c) { yield c.fail({ messageId: 'nope' }); } });
    const noData: Rule = defineRule({ id: 'test/no-data', meta, *check(_s, c) { yield c.fail({ messageId: 'hostPID' }); } });
    expect(evaluate(snapshot, bad).controls[0]).toMatchObject({ status: 'ERROR' });
    expect(evaluate(snapshot, noData).controls[0]!.reason).toContain('needs data.name');
  });

  it('parses rule options with defaults and reports invalid ones as errors', () => {
    const withOptions: Rule<{ allow: string[] }> = defineRule<{ allow: string[] }>({
      id: 'test/options',
      meta: { ...meta, options: z.object({ allow: z.array(z.string()).default([]) }) },
      *check(snapshot, context) {
        for (const p of snapshot.ofKind('Pod')) {
          if (!context.options.allow.includes(p.metadata.name)) yield context.fail({ messageId: 'hostPID', data: { name: p.metadata.name }, resource: p });
        }
      },
    });
    expect(evaluate(snapshot, withOptions, { strict: true }).controls[0]!.findings).toHaveLength(3);
    expect(evaluate(snapshot, withOptions, { strict: true, ruleOptions: { 'test/options': { allow: ['a', 'b'] } } }).controls[0]!.findings).toHaveLength(1);
    expect(evaluate(snapshot, withOptions, { ruleOptions: { 'test/options': { allow: 3 } } }).controls[0]!.status).toBe('ERROR');
  });

  it('evaluates a plain list of rules as one control per rule', () => {
    const report = evaluate(snapshot, [noHostPid, warnOnly]);
    expect(report.benchmark).toBeNull();
    expect(report.controls.map((c) => [c.id, c.type, c.status])).toEqual([
      ['test/no-host-pid', 'automated', 'FAIL'],
      ['test/warn', 'automated', 'WARN'],
    ]);
  });

  it('keeps snapshot diagnostics in the report', () => {
    const report = evaluate(createSnapshot([{ kind: 'Pod' }]), noHostPid);
    expect(report.diagnostics).toHaveLength(1);
  });
});

describe('evaluate properties', () => {
  const objects = fc.array(
    fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), ns: fc.constantFrom('x', 'y', 'kube-system'), hostPID: fc.boolean() }),
    { maxLength: 8 },
  ).map((list) => {
    const seen = new Set<string>();
    return list.filter((p) => !seen.has(`${p.ns}/${p.name}`) && seen.add(`${p.ns}/${p.name}`)).map((p) => pod(p.name, p.ns, {}, p.hostPID));
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (input) => {
      const report = evaluate(createSnapshot(input), benchmark);
      expect(report.controls).toHaveLength(4);
    }));
  });

  it('is independent of object order and deterministic', () => {
    fc.assert(fc.property(objects, (input) => {
      const a = evaluate(createSnapshot(input), benchmark);
      const b = evaluate(createSnapshot([...input].reverse()), benchmark);
      expect(b.controls).toEqual(a.controls);
      expect(evaluate(createSnapshot(input), benchmark)).toEqual(a);
    }));
  });

  it('FAILs exactly when some non-system pod shares the host PID namespace', () => {
    fc.assert(fc.property(objects, (input) => {
      const status = evaluate(createSnapshot(input), noHostPid).controls[0]!.status;
      const offends = input.some((p) => p.spec.hostPID && p.metadata.namespace !== 'kube-system');
      expect(status).toBe(offends ? 'FAIL' : 'PASS');
    }));
  });
});
