// evaluateObject checks an incoming object against the objects it relates to (its namespace, the
// cluster-scoped objects, the bindings that reach its namespace's service accounts), not the
// whole snapshot: that is what makes it fast on a large cluster. The shipped benchmark must give
// the same findings about the object either way.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSnapshot, evaluateObject, type Finding, type KubeObject } from '@kubecis/core';
import { benchmarks } from 'kubecis';
import { generateCluster } from '../bench/generate-cluster.js';
import { loadText } from '../packages/kubecis/src/cli/load.js';
import { resolveInputs } from '../packages/kubecis/src/cli/inputs.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

const target = benchmarks['cis-1.10'];
const now = new Date('2026-01-15T00:00:00Z');

const summary = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.ruleId} ${f.status} ${f.path ?? ''} ${f.message} ${String(f.exempted)} ${JSON.stringify(f.evidence)}`).sort();

/** An incoming version of an object of the snapshot: renamed (a create) or as it is (an update), sometimes made worse. */
function incoming(object: KubeObject, variant: number): unknown {
  const copy = JSON.parse(JSON.stringify(object)) as Record<string, any>;
  if (variant % 2 === 0) copy['metadata'].name = `${String(copy['metadata'].name)}-new`;
  if (variant % 3 === 0 && copy['spec']?.template?.spec) {
    copy['spec'].template.spec.hostPID = true;
    copy['spec'].template.spec.automountServiceAccountToken = true;
  }
  if (variant % 3 === 0 && copy['kind'] === 'Role') copy['rules'] = [{ apiGroups: ['*'], resources: ['secrets'], verbs: ['*'] }];
  return copy;
}

describe('evaluateObject', () => {
  const list = generateCluster({ objects: 3000, seed: 11 });
  const snapshot = createSnapshot([list]);

  it('gives the same findings about the incoming object with its related objects as with every object', () => {
    const kinds = ['Deployment', 'Pod', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'CronJob', 'ServiceAccount', 'Role', 'RoleBinding', 'Secret', 'ConfigMap', 'NetworkPolicy', 'Service', 'Namespace', 'ClusterRole', 'ClusterRoleBinding'];
    let compared = 0;
    for (const kind of kinds) {
      const objects = snapshot.objects.filter((o) => o.kind === kind);
      for (let i = 0; i < Math.min(objects.length, 6); i++) {
        const object = incoming(objects[Math.floor((i * objects.length) / 6)]!, i);
        const related = evaluateObject(object, { snapshot, target, options: { now } });
        const all = evaluateObject(object, { snapshot, target, options: { now }, scope: 'all' });
        expect({ kind, i, findings: summary(related.findings) }).toEqual({ kind, i, findings: summary(all.findings) });
        expect(related.allowed).toBe(all.allowed);
        expect(related.resource).toEqual(all.resource);
        compared++;
      }
    }
    // Objects that point across namespaces: selectors of other namespaces, bindings of their service accounts.
    const handMade: unknown[] = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-labelled', namespace: 'ns-1' }, spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }] }], policyTypes: ['Ingress'] } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'cross', namespace: 'ns-2' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'ns-3' }, { kind: 'Group', name: 'system:serviceaccounts:ns-4' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'no-namespace' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', env: [{ name: 'PASSWORD', value: 'x' }] }] } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'ns-3' }, automountServiceAccountToken: true },
    ];
    for (const object of handMade) {
      const related = evaluateObject(object, { snapshot, target, options: { now } });
      const all = evaluateObject(object, { snapshot, target, options: { now }, scope: 'all' });
      expect(summary(related.findings)).toEqual(summary(all.findings));
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('sees a small part of a large snapshot, with the same findings as with every object', () => {
    const big = createSnapshot([generateCluster({ objects: 20_000, seed: 3 })]);
    const deployment = incoming(big.ofKind('Deployment')[10]!, 3);
    const related = evaluateObject(deployment, { snapshot: big, target, options: { now } });
    const all = evaluateObject(deployment, { snapshot: big, target, options: { now }, scope: 'all' });
    expect(summary(related.findings)).toEqual(summary(all.findings));
    expect(related.allowed).toBe(false);
    // The work is proportional to the objects the rules see; its latency is in `pnpm bench`.
    // An update (the name is kept): the incoming object replaces its old version.
    expect(all.considered).toBe(big.objects.length - 1);
    expect(related.considered).toBeGreaterThan(0);
    expect(related.considered).toBeLessThan(big.objects.length / 10);
  });
});

describe.skipIf(!existsSync(corpus))(`evaluateObject on the real manifests of ${corpus}`, () => {
  // Each comparison evaluates the whole corpus once (scope 'all'): a minute is room for a slow machine.
  it('gives the same findings with related objects as with every object', { timeout: 60_000 }, () => {
    const inputs = resolveInputs(['.'], corpus);
    const values = inputs.files.flatMap((f) => (f.path === null ? [] : loadText(readFileSync(f.path, 'utf8'), f.display).documents.map((d) => d.value)));
    const snapshot = createSnapshot(values);
    const namespaced = snapshot.objects.filter((o) => snapshot.refOf(o).namespace !== null);
    expect(namespaced.length).toBeGreaterThan(500);
    for (let i = 0; i < namespaced.length; i += Math.ceil(namespaced.length / 80)) {
      const object = incoming(namespaced[i]!, i);
      const related = evaluateObject(object, { snapshot, target, options: { now } });
      const all = evaluateObject(object, { snapshot, target, options: { now }, scope: 'all' });
      expect({ i, kind: namespaced[i]!.kind, findings: summary(related.findings) }).toEqual({ i, kind: namespaced[i]!.kind, findings: summary(all.findings) });
    }
  });
});
