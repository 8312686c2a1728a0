import { describe, expect, it } from 'vitest';
import { createSnapshot, extendSnapshot } from '../snapshot/create-snapshot.js';
import { defineRule } from '../rule/define-rule.js';
import type { Rule } from '../rule/types.js';
import { evaluateObject } from './evaluate-object.js';

const noHostPid: Rule = defineRule({
  id: 'test/no-host-pid',
  meta: {
    title: 't', description: 'd', rationale: 'r', remediation: 'x', severity: 'high', type: 'automated', controls: {},
    messages: { hostPID: '{name} shares the host PID namespace' },
  },
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      if (w.spec.hostPID === true) yield context.fail({ messageId: 'hostPID', data: { name: w.ref.name }, resource: w.object, path: `${w.specPath}.hostPID` });
    }
  },
});

const pod = (name: string, hostPID: boolean, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', ...extra }, spec: { hostPID, containers: [{ name: 'c' }] },
});

describe('extendSnapshot', () => {
  it('adds objects without touching the base, and replaces one of the same identity', () => {
    const base = createSnapshot([pod('a', false), pod('b', false)]);
    const next = extendSnapshot(base, [pod('b', true), pod('c', false)]);
    expect(base.objects).toHaveLength(2);
    expect(next.objects.map((o) => o.metadata.name).sort()).toEqual(['a', 'b', 'c']);
    expect(next.get('Pod', 'shop', 'b')?.spec.hostPID).toBe(true);
    expect(next.get('Pod', 'shop', 'a')).toBe(base.get('Pod', 'shop', 'a'));
  });
});

describe('evaluateObject', () => {
  const snapshot = createSnapshot([pod('existing', true), pod('fine', false)]);

  it('reports only the incoming object', () => {
    const result = evaluateObject(pod('new', true), { snapshot, target: noHostPid });
    expect(result.allowed).toBe(false);
    expect(result.resource).toMatchObject({ kind: 'Pod', namespace: 'shop', name: 'new' });
    expect(result.findings.map((f) => [f.resource?.name, f.path])).toEqual([['new', 'spec.hostPID']]);
    expect(result.controls).toHaveLength(1);
  });

  it('allows a compliant object even when the cluster has offenders', () => {
    expect(evaluateObject(pod('new', false), { snapshot, target: noHostPid })).toMatchObject({ allowed: true, findings: [] });
  });

  it('evaluates a controlled pod as itself rather than folding it into its owner', () => {
    const owned = pod('web-1', true, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', controller: true }] });
    const withOwner = createSnapshot([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } }]);
    expect(evaluateObject(owned, { snapshot: withOwner, target: noHostPid }).allowed).toBe(false);
  });

  it('applies exemptions', () => {
    const result = evaluateObject(pod('new', true), { snapshot, target: noHostPid, options: { exemptions: [{ names: ['new'], reason: 'debug pod' }] } });
    expect(result.allowed).toBe(true);
    expect(result.findings[0]?.exempted).toBe(true);
  });

  it('refuses an object it cannot read, with a diagnostic', () => {
    const result = evaluateObject({ kind: 'Pod' }, { snapshot, target: noHostPid, source: { file: 'admission', line: 1 } });
    expect(result).toMatchObject({ resource: null, allowed: false, findings: [] });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.source).toEqual({ file: 'admission', line: 1 });
  });
});
