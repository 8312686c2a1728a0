import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshot, workloadContainers } from '@kubecis/core';
import { anyObject, arb, kfc, snapshotObjects, uniqueObjects } from './arbitraries.js';
import { workloadKindNames } from './workload-kinds.js';

type Obj = Record<string, unknown>;

const objectFactories: [string, () => fc.Arbitrary<Obj>][] = [
  ['pod', () => arb.pod()],
  ['workload', () => arb.workload()],
  ['deployment', () => arb.deployment()],
  ['replicaSet', () => arb.replicaSet()],
  ['statefulSet', () => arb.statefulSet()],
  ['daemonSet', () => arb.daemonSet()],
  ['job', () => arb.job()],
  ['cronJob', () => arb.cronJob()],
  ['replicationController', () => arb.replicationController()],
  ['podTemplate', () => arb.podTemplate()],
  ['role', () => arb.role()],
  ['clusterRole', () => arb.clusterRole()],
  ['roleBinding', () => arb.roleBinding()],
  ['clusterRoleBinding', () => arb.clusterRoleBinding()],
  ['namespace', () => arb.namespace()],
  ['serviceAccount', () => arb.serviceAccount()],
  ['networkPolicy', () => arb.networkPolicy()],
  ['secret', () => arb.secret()],
  ['service', () => arb.service()],
  ['configMap', () => arb.configMap()],
  ['webhookConfiguration', () => arb.webhookConfiguration()],
  ['admissionPolicy', () => arb.admissionPolicy()],
  ['anyObject', () => arb.anyObject()],
];

describe('arbitraries', () => {
  it.each(objectFactories)('arb.%s produces objects the snapshot accepts without a diagnostic', (_name, factory) => {
    fc.assert(
      fc.property(factory(), (object) => {
        const snapshot = createSnapshot([object]);
        expect(snapshot.diagnostics).toEqual([]);
        expect(snapshot.objects).toHaveLength(1);
      }),
      { numRuns: 50 },
    );
  });

  it('produce every workload kind, each seen by the workloads view with its containers', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arb.workload(), (object) => {
        const workloads = createSnapshot([object]).workloads();
        expect(workloads).toHaveLength(1);
        seen.add(workloads[0]!.kind);
        expect(workloadContainers(workloads[0]!).length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    expect([...seen].sort()).toEqual([...workloadKindNames].sort());
  });

  it('take per-field overrides', () => {
    fc.assert(
      fc.property(arb.workload({ kinds: ['CronJob'], namespace: fc.constant('prod'), spec: arb.podSpec({ containers: fc.array(arb.container({ securityContext: fc.constant({ privileged: true }) }), { minLength: 1, maxLength: 2 }) }) }), (object) => {
        const [w] = createSnapshot([object]).workloads();
        expect(w?.kind).toBe('CronJob');
        expect(w?.namespace).toBe('prod');
        expect(w?.spec.containers.every((c) => c.securityContext?.privileged === true)).toBe(true);
      }),
      { numRuns: 30 },
    );
    fc.assert(fc.property(arb.service({ type: fc.constant('LoadBalancer') }), (s) => { expect((s['spec'] as Obj)['type']).toBe('LoadBalancer'); }), { numRuns: 20 });
    fc.assert(fc.property(arb.role({ rules: fc.constant([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]) }), (r) => { expect(r['rules']).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]); }), { numRuns: 10 });
  });

  it('bias roles towards wildcards and sensitive resources', () => {
    const rules = fc.sample(arb.policyRule(), { numRuns: 400, seed: 1 });
    const has = (field: string, value: string): number => rules.filter((r) => ((r[field] as string[] | undefined) ?? []).includes(value)).length / rules.length;
    expect(has('verbs', '*')).toBeGreaterThan(0.1);
    expect(has('resources', '*')).toBeGreaterThan(0.05);
    expect(has('resources', 'secrets')).toBeGreaterThan(0.05);
    expect(rules.some((r) => r['nonResourceURLs'] !== undefined)).toBe(true);
    const roles = fc.sample(arb.clusterRole(), { numRuns: 200, seed: 1 });
    expect(roles.some((r) => r['aggregationRule'] !== undefined)).toBe(true);
  });

  it('give namespaces Pod Security Admission labels', () => {
    const labels = fc.sample(arb.namespace(), { numRuns: 200, seed: 1 }).map((n) => ((n['metadata'] as Obj)['labels'] ?? {}) as Record<string, string>);
    for (const key of ['enforce', 'enforce-version', 'audit', 'warn']) expect(labels.some((l) => `pod-security.kubernetes.io/${key}` in l), key).toBe(true);
  });

  it('shrink a failing snapshot to the simplest counterexample', () => {
    const privileged = (objects: Obj[]): boolean =>
      createSnapshot(objects)
        .workloads()
        .some((w) => workloadContainers(w).some(({ container }) => container.securityContext?.privileged === true));
    const result = fc.check(fc.property(snapshotObjects(), (objects) => !privileged(objects)), { seed: 42, numRuns: 500 });
    expect(result.failed).toBe(true);
    const [objects] = result.counterexample!;
    expect(objects).toHaveLength(1);
    const spec = createSnapshot(objects).workloads()[0]!.spec;
    // Every optional field is gone; only the privileged flag is left of the security context.
    expect(Object.keys(spec)).toEqual(['containers']);
    expect(spec.containers.map((c) => c.securityContext)).toContainEqual({ privileged: true });
    for (const c of spec.containers) expect(Object.keys(c).filter((k) => k !== 'securityContext')).toEqual(['name', 'image']);
  });

  it('snapshotObjects never repeats an identity, and arb.snapshot builds a snapshot', () => {
    fc.assert(
      fc.property(snapshotObjects(), (objects) => {
        expect(createSnapshot(objects).diagnostics).toEqual([]);
        expect(uniqueObjects(objects)).toEqual(objects);
      }),
    );
    fc.assert(fc.property(arb.snapshot({ minLength: 1, maxLength: 3 }), (snapshot) => { expect(snapshot.objects.length).toBeGreaterThan(0); }), { numRuns: 20 });
  });

  it('kfc is fast-check with the arbitraries added', () => {
    expect(typeof kfc.assert).toBe('function');
    expect(kfc.pod).toBe(arb.pod);
    fc.assert(fc.property(kfc.array(anyObject(), { maxLength: 3 }), (objects) => { expect(createSnapshot(objects).diagnostics.filter((d) => d.severity === 'error')).toEqual([]); }), { numRuns: 30 });
  });
});
