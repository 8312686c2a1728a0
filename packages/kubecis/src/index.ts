// The kubecis umbrella: every rule pack composed into CIS benchmark profiles.
export { benchmarks, defaultBenchmarkId, packs, version } from './shipped.js';
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
