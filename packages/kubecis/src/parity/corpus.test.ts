// kube-bench parity over ../shared/corpus (real manifests and cluster dumps): it runs without error
// and yields only kube-bench's statuses.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from 'js-yaml';
import { createSnapshot, hasPath, type Report, type Snapshot } from '@kubecis/core';
import { benchmarkIds, benchmarks } from '../index.js';
import { formatKubeBenchParity, kubeBenchParity } from './index.js';
import { corpus, corpusPresent as present, yamlFiles } from '../../test/corpus-files.js';



function load(dir: string): unknown[] {
  return yamlFiles(dir).flatMap((file) => loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined));
}

function expectKubeBenchStatuses(report: Report, snapshot: Snapshot): void {
  for (const control of report.controls) {
    expect(['PASS', 'FAIL', 'WARN', 'INFO']).toContain(control.status);
    for (const finding of control.findings) {
      expect(['PASS', 'FAIL', 'WARN', 'INFO']).toContain(finding.status);
      // A finding about an object of the snapshot points at a field that exists in it.
      const ref = finding.resource;
      const object = ref === null ? undefined : snapshot.get(ref.kind, ref.namespace, ref.name);
      if (object !== undefined && finding.path !== null) expect({ ref, path: finding.path, resolves: hasPath(object, finding.path) }).toEqual({ ref, path: finding.path, resolves: true });
    }
  }
}

describe.skipIf(!present)(`kube-bench parity over the corpus (${corpus}; skipped when absent)`, () => {
  const folders = present ? ['k8s-bootstrap-rbac', 'installs', 'cluster-dumps', 'adversarial'].filter((f) => existsSync(join(corpus, f))) : [];
  const snapshots = new Map(folders.map((f) => [f, createSnapshot(load(join(corpus, f)))]));

  it('every folder, every version, both pod views and both scorings: no error, only PASS/FAIL/WARN/INFO', { timeout: 120_000 }, () => {
    expect([...snapshots.values()].reduce((n, s) => n + s.objects.length, 0)).toBeGreaterThan(1500);
    for (const [folder, snapshot] of snapshots) {
      for (const id of benchmarkIds) {
        for (const pods of ['workloads', 'pods'] as const) {
          const report = kubeBenchParity(snapshot, benchmarks[id], { pods, scoring: pods === 'pods' ? 'pre-v0.14.0' : 'current' });
          expectKubeBenchStatuses(report, snapshot);
          if (pods === 'workloads') expect({ folder, id, fail: report.summary.fail }).toEqual({ folder, id, fail: 0 });
        }
      }
      const json = JSON.parse(formatKubeBenchParity(kubeBenchParity(snapshot, benchmarks['cis-1.10']), { benchmark: benchmarks['cis-1.10'] })) as { Totals: { total_fail: number } };
      expect(json.Totals.total_fail).toBe(0);
    }
  });

  it("what kube-bench says about Kubernetes' own bootstrap RBAC and about real installs", { timeout: 60_000 }, () => {
    const bootstrap = snapshots.get('k8s-bootstrap-rbac');
    if (bootstrap) {
      const report = kubeBenchParity(bootstrap, benchmarks['cis-1.10'], { clusterDefaults: false });
      const status = (id: string): string | undefined => report.controls.find((c) => c.id === id)?.status;
      // Only the binding named cluster-admin binds cluster-admin; cluster-admin itself has ["*"].
      expect(status('5.1.1')).toBe('PASS');
      expect(status('5.1.3')).toBe('WARN');
      expect(report.controls.find((c) => c.id === '5.1.3')?.findings.some((f) => f.messageId === 'flagged' && f.resource?.name === 'cluster-admin')).toBe(true);
      expect(status('5.1.2')).toBe('PASS');
      expect(status('5.1.4')).toBe('PASS');
    }
    const installs = snapshots.get('installs');
    if (installs) {
      const report = kubeBenchParity(installs, benchmarks['cis-1.10']);
      // Calico's node DaemonSet is privileged and on the host network.
      for (const id of ['5.2.2', '5.2.5']) {
        const control = report.controls.find((c) => c.id === id);
        expect(control?.status).toBe('WARN');
        expect(control?.findings.some((f) => f.status === 'WARN' && f.resource?.kind === 'DaemonSet' && f.resource.name === 'calico-node')).toBe(true);
      }
    }
  });
});
