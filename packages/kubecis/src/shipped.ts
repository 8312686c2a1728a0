// What kubecis ships: its rule packs, the CIS profiles built from them, and its version.
// A module of its own so that the command imports these without the package index (which
// also exports the config parser and its YAML library, loaded by the command only when a
// config file is read).
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

