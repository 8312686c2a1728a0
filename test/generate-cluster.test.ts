import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { generateCluster } from '../bench/generate-cluster.js';

describe('benchmark cluster generator', () => {
  it('is deterministic and produces objects the snapshot reads without errors', () => {
    const a = generateCluster({ objects: 2000, seed: 7 });
    expect(JSON.stringify(generateCluster({ objects: 2000, seed: 7 }))).toBe(JSON.stringify(a));
    expect(a.items.length).toBeGreaterThanOrEqual(2000);
    expect(a.items.length).toBeLessThan(2100);
    const snapshot = createSnapshot([a]);
    expect(snapshot.diagnostics).toEqual([]);
    const kinds = new Set(snapshot.objects.map((o) => o.kind));
    for (const kind of ['Namespace', 'Deployment', 'ReplicaSet', 'Pod', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'NetworkPolicy', 'Secret']) expect(kinds).toContain(kind);
    // Pods and ReplicaSets fold into their Deployments.
    const workloads = snapshot.workloads();
    expect(workloads.some((w) => w.kind === 'Pod')).toBe(false);
  });
});
