import { defineBenchmark, type Benchmark, type Pack } from '@kubecis/core';
import { benchmarkIds, controlsFor, type BenchmarkId } from './catalogue.js';

const titles: Readonly<Record<BenchmarkId, string>> = {
  'cis-1.7': 'CIS Kubernetes Benchmark v1.7.0, section 5 (Policies)',
  'cis-1.8': 'CIS Kubernetes Benchmark v1.8.0, section 5 (Policies)',
  'cis-1.9': 'CIS Kubernetes Benchmark v1.9.0, section 5 (Policies)',
  'cis-1.10': 'CIS Kubernetes Benchmark v1.10.0, section 5 (Policies)',
  'cis-1.11': 'CIS Kubernetes Benchmark v1.11.0, section 5 (Policies)',
  'cis-1.12': 'CIS Kubernetes Benchmark v1.12.0, section 5 (Policies)',
  'cis-2.0': 'CIS Kubernetes Benchmark v2.0.0, section 5 (Policies)',
};

/** Builds every shipped benchmark profile from the given packs. */
export function buildBenchmarks(packs: readonly Pack[]): Readonly<Record<BenchmarkId, Benchmark>> {
  const entries = benchmarkIds.map((id) => {
    const { sections, controls } = controlsFor(id);
    return [id, defineBenchmark({ id, title: titles[id], version: id.slice(4), sections, controls, rules: packs })] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as Record<BenchmarkId, Benchmark>);
}

export { benchmarkIds, benchmarkForKubernetesVersion, controlsFor } from './catalogue.js';
export type { BenchmarkId } from './catalogue.js';
