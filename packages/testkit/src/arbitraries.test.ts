import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { anyObject, snapshotObjects, workload } from './arbitraries.js';

describe('arbitraries', () => {
  it('produce objects the snapshot accepts, with no diagnostics', () => {
    fc.assert(
      fc.property(fc.array(anyObject(), { maxLength: 10 }), (objects) => {
        const snapshot = createSnapshot(objects);
        expect(snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }),
    );
  });

  it('produce workloads that the workloads view sees', () => {
    fc.assert(
      fc.property(workload(), (object) => {
        expect(createSnapshot([object]).workloads()).toHaveLength(1);
      }),
    );
  });

  it('snapshotObjects never repeats an identity', () => {
    fc.assert(
      fc.property(snapshotObjects(), (objects) => {
        expect(createSnapshot(objects).diagnostics).toEqual([]);
      }),
    );
  });
});
