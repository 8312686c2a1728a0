// The RBAC engine and the 5.1.x rules on a synthetic cluster of 5,000 roles and 25,000 bindings,
// then on the same cluster doubled and quadrupled (more copies of every role and binding, with
// their own names, subjects and aggregation labels, in the same namespaces: up to 20,000 roles and
// 100,000 bindings). Work linear in roles + bindings doubles at each step; work in
// roles x bindings would quadruple.
// Run: npx vitest bench --run --project @kubecis/rules-rbac
import { bench, describe } from 'vitest';
import { createSnapshot, evaluate, extendSnapshot, type Snapshot } from '@kubecis/core';
import { buildRbacIndex, pack, rbacIndex, whoCan } from '../src/index.js';
import { generateCluster } from './cluster.js';

const sizes = [
  { label: '1x: 5,000 roles + 25,000 bindings', copies: 1 },
  { label: '2x: 10,000 roles + 50,000 bindings', copies: 2 },
  { label: '4x: 20,000 roles + 100,000 bindings', copies: 4 },
];
const options = { iterations: 5, time: 0, warmupIterations: 1 } as const;

// One cluster in memory at a time, built on first use (inside the warm-up run), so that the
// larger cluster's timings do not pay for the smaller one's heap.
let current: { copies: number; base: Snapshot } | null = null;
function clusterOf(copies: number): Snapshot {
  if (current?.copies !== copies) {
    current = null;
    const base = createSnapshot(generateCluster(5_000, 20261126, copies));
    rbacIndex(base);
    current = { copies, base };
  }
  return current.base;
}

for (const size of sizes) {
  describe(size.label, () => {
    // A control: one plain pass over every object, to show how this machine's memory scales on its own.
    bench('control: one pass over the objects', () => {
      let total = 0;
      for (const object of clusterOf(size.copies).objects) total += object.metadata.name.length;
      if (total < 0) throw new Error('unreachable');
    }, options);
    bench('build the RBAC index', () => {
      buildRbacIndex(clusterOf(size.copies));
    }, options);
    bench('index + all 13 rules (evaluate, strict)', () => {
      // A snapshot sharing the validated objects but with its own (empty) derived-view cache.
      evaluate(extendSnapshot(clusterOf(size.copies), []), pack, { strict: true });
    }, options);
    bench('whoCan list secrets in one namespace (index built)', () => {
      whoCan(clusterOf(size.copies), { verb: 'list', resource: 'secrets', namespace: 'ns-7' });
    }, { ...options, iterations: 20 });
  });
}
