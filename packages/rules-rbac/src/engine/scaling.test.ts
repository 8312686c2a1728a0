// Linear in roles + bindings, never roles × bindings (issue 3), checked by counting instead of
// timing: every field of the input read below an object's top level (rules, roleRef, subjects,
// selectors) goes through a counting Proxy, and for 2x and 4x the roles and bindings the reads
// must grow 2x and 4x. A join that compared each binding with each role would grow 4x and 16x.
// Queries (whoCan) read the index's own normalised rules, not the input, so they are not counted
// here; the package's benchmark times them, and its README counts their rule matches.
import { createSnapshot, evaluate } from '@kubecis/core';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/cluster.js';
import { pack } from '../index.js';
import { buildRbacIndex } from './rbac-index.js';

function counted(value: unknown, counter: { reads: number }, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [key, child] of Object.entries(value)) (copy as Record<string, unknown>)[key] = counted(child, counter, depth + 1);
  // The top level is the object itself (core copies it and its metadata); below it, count every read.
  if (depth === 0) return copy;
  return new Proxy(copy, {
    get(target, key, receiver) {
      counter.reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function readsFor(copies: number): { index: number; rules: number } {
  const counter = { reads: 0 };
  const objects = generateCluster(300, 20261127, copies).map((o) => counted(o, counter, 0));
  const snapshot = createSnapshot(objects);
  expect(snapshot.diagnostics).toEqual([]);
  counter.reads = 0;
  buildRbacIndex(snapshot);
  const index = counter.reads;
  counter.reads = 0;
  evaluate(snapshot, pack, { strict: true });
  const rules = counter.reads;
  return { index, rules };
}

describe('the RBAC engine reads each role and binding a bounded number of times', () => {
  it('2x and 4x the roles and bindings cost 2x and 4x the reads (building the index, and all 13 rules)', () => {
    const one = readsFor(1);
    const two = readsFor(2);
    const four = readsFor(4);
    for (const part of ['index', 'rules'] as const) {
      expect(one[part]).toBeGreaterThan(1000);
      const ratios = { part, double: two[part] / one[part], quadruple: four[part] / one[part] };
      expect(ratios.double, JSON.stringify(ratios)).toBeLessThan(2.2);
      expect(ratios.quadruple, JSON.stringify(ratios)).toBeLessThan(4.4);
    }
  });
});
