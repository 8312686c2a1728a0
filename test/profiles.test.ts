import { describe, expect, it } from 'vitest';
import { createSnapshot, evaluate } from '@kubecis/core';
import { benchmarkForKubernetesVersion, benchmarkIds, benchmarks, defaultBenchmarkId, packs } from 'kubecis';

const sectionFive = (id: string) => benchmarks[id as keyof typeof benchmarks];

describe('benchmark profiles', () => {
  it('ships every supported version, cis-1.10 by default', () => {
    expect(Object.keys(benchmarks)).toEqual([...benchmarkIds]);
    expect(benchmarkIds).toEqual(['cis-1.7', 'cis-1.8', 'cis-1.9', 'cis-1.10', 'cis-1.11', 'cis-1.12', 'cis-2.0']);
    expect(defaultBenchmarkId).toBe('cis-1.10');
  });

  it('lists the 35 section-5 controls of cis-1.10 in order', () => {
    const ids = sectionFive('cis-1.10').controls.map((c) => c.id);
    expect(ids).toEqual([
      ...Array.from({ length: 13 }, (_, i) => `5.1.${String(i + 1)}`),
      ...Array.from({ length: 13 }, (_, i) => `5.2.${String(i + 1)}`),
      '5.3.1', '5.3.2', '5.4.1', '5.4.2', '5.5.1', '5.7.1', '5.7.2', '5.7.3', '5.7.4',
    ]);
    const types = Object.fromEntries(sectionFive('cis-1.10').controls.map((c) => [c.id, c.type]));
    for (const id of ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6']) expect(types[id]).toBe('automated');
    for (const id of ['5.1.7', '5.2.1', '5.2.2', '5.7.4']) expect(types[id]).toBe('manual');
  });

  it('follows each version\'s numbering', () => {
    const count = (id: string) => sectionFive(id).controls.length;
    expect(benchmarkIds.map(count)).toEqual([35, 35, 35, 35, 35, 34, 34]);
    expect(sectionFive('cis-1.11').controls.at(-1)?.id).toBe('5.6.4');
    expect(sectionFive('cis-1.10').controls.some((c) => c.id.startsWith('5.6.'))).toBe(false);
    const titleOf = (b: string, id: string) => sectionFive(b).controls.find((c) => c.id === id)?.title;
    expect(titleOf('cis-1.11', '5.2.9')).toBe('Minimize the admission of containers with added capabilities');
    expect(titleOf('cis-1.12', '5.2.9')).toBe('Minimize the admission of containers with capabilities assigned');
    expect(titleOf('cis-1.12', '5.2.12')).toBe('Minimize the admission of containers which use HostPorts');
    expect(titleOf('cis-1.8', '5.1.5')).toBe('Ensure that default service accounts are not actively used.');
    expect(sectionFive('cis-1.8').controls.find((c) => c.id === '5.2.3')?.type).toBe('automated');
    expect(sectionFive('cis-1.11').controls.find((c) => c.id === '5.1.1')?.type).toBe('manual');
  });

  it('maps every rule of a profile to controls of that profile, and never a deprecated rule', () => {
    for (const id of benchmarkIds) {
      const benchmark = sectionFive(id);
      const controlIds = new Set(benchmark.controls.map((c) => c.id));
      for (const rule of benchmark.rules) {
        expect(rule.meta.deprecated ?? false).toBe(false);
        for (const control of rule.meta.controls[id] ?? []) expect(controlIds.has(control)).toBe(true);
      }
    }
  });

  it('uses no rule twice and every packed rule in at least one profile', () => {
    const ids = packs.flatMap((p) => p.rules.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const pack of packs) {
      for (const rule of pack.rules) {
        expect(benchmarkIds.some((b) => (rule.meta.controls[b] ?? []).length > 0)).toBe(true);
      }
    }
  });

  it('reports every control of every profile, with "not evaluated" only where no rule exists', () => {
    const snapshot = createSnapshot([]);
    for (const id of benchmarkIds) {
      const report = evaluate(snapshot, sectionFive(id));
      expect(report.controls).toHaveLength(sectionFive(id).controls.length);
      for (const control of report.controls) {
        if (control.rules.length === 0) expect(control.reason).toMatch(/^Not evaluated/);
        else expect(control.reason ?? '').not.toMatch(/^Not evaluated/);
      }
    }
  });

  it('picks a benchmark from the Kubernetes version as kube-bench does', () => {
    expect(benchmarkForKubernetesVersion('v1.25.3')).toBe('cis-1.7');
    expect(benchmarkForKubernetesVersion('1.26')).toBe('cis-1.8');
    expect(benchmarkForKubernetesVersion('v1.27.0')).toBe('cis-1.9');
    expect(benchmarkForKubernetesVersion('v1.28.9-eks-1234')).toBe('cis-1.10');
    expect(benchmarkForKubernetesVersion('v1.29.0')).toBe('cis-1.11');
    expect(benchmarkForKubernetesVersion('v1.31.1')).toBe('cis-1.11');
    expect(benchmarkForKubernetesVersion('v1.32.0')).toBe('cis-1.12');
    expect(benchmarkForKubernetesVersion('v1.34.2')).toBe('cis-1.12');
    expect(benchmarkForKubernetesVersion('v1.35.0')).toBe('cis-2.0');
    expect(benchmarkForKubernetesVersion('v1.20.0')).toBe('cis-1.7');
    expect(benchmarkForKubernetesVersion('latest')).toBeNull();
  });
});
