// The kubecis umbrella: every rule pack composed into CIS benchmark profiles.
import type { Benchmark, Pack } from '@kubecis/core';
import { pack as rbacPack } from '@kubecis/rules-rbac';
import { pack as pssPack } from '@kubecis/rules-pss';
import { pack as networkPack } from '@kubecis/rules-network';
import { buildBenchmarks, type BenchmarkId } from './benchmarks/index.js';

declare const __KUBECIS_VERSION__: string | undefined;

/** The kubecis version (the umbrella package's). */
export const version: string = typeof __KUBECIS_VERSION__ === 'string' ? __KUBECIS_VERSION__ : '0.0.0-dev';

/** The rule packs kubecis ships. */
export const packs: readonly Pack[] = Object.freeze([rbacPack, pssPack, networkPack]);

/** Every shipped benchmark profile, by id: `benchmarks['cis-1.10']`. */
export const benchmarks: Readonly<Record<BenchmarkId, Benchmark>> = /* @__PURE__ */ buildBenchmarks(packs);

/** The benchmark used when none is chosen. */
export const defaultBenchmarkId: BenchmarkId = 'cis-1.10';

export { benchmarkForKubernetesVersion, benchmarkIds, buildBenchmarks, controlsFor } from './benchmarks/index.js';
export type { BenchmarkId } from './benchmarks/index.js';
export { extendBenchmark, organisationSection } from './benchmarks/extend.js';
export type { ExtendedBenchmark } from './benchmarks/extend.js';
export { ConfigSchema, configJsonSchema } from './config/schema.js';
export type { Config } from './config/schema.js';
export { parseConfig } from './config/parse.js';
export type { ParsedConfig } from './config/parse.js';
export { formatKubeBenchParity, kubeBenchParity, toKubeBenchParity } from './parity/index.js';
export type { KubeBenchParityFormatOptions, KubeBenchParityOptions, KubeBenchScoring } from './parity/index.js';
