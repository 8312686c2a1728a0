// The vCluster CIS self-assessment (kube-bench run against a virtual cluster's kubeconfig), done
// with kubecis: read the virtual cluster through its kubeconfig (or a snapshot recorded from it),
// evaluate section 5 of the CIS benchmark for its Kubernetes version, and print the result as
// kubecis text or in kube-bench's own JSON, with the service-account controls 5.1.5 and 5.1.6
// compared before and after hardening.

import {
  createSnapshot,
  evaluate,
  formatKubeBench,
  formatText,
  type Benchmark,
  type ControlResult,
  type Report,
} from '@kubecis/core';
import { benchmarkForKubernetesVersion, benchmarks, defaultBenchmarkId, version, type BenchmarkId } from 'kubecis';
import { collectCluster, loadKubeconfig, readCollection, writeCollection, type CollectionMetadata } from 'kubecis/collect';

export interface AssessOptions {
  /** Default: the benchmark kube-bench would pick for the cluster's version, else cis-1.10. */
  readonly benchmark?: BenchmarkId;
  /** Today, for exemption expiry. */
  readonly now?: Date | string;
  /** The tool name and version printed in reports; default kubecis's. */
  readonly tool?: { readonly name: string; readonly version: string };
}

export interface Assessment {
  readonly report: Report;
  readonly benchmark: Benchmark;
  /** The collection's metadata: server, context, Kubernetes version, when it was collected. */
  readonly metadata: CollectionMetadata | null;
}

/** The service-account controls this walkthrough hardens. */
export const serviceAccountControlIds = ['5.1.5', '5.1.6'] as const;

function assess(objects: unknown[], metadata: CollectionMetadata | null, kubernetesVersion: string | null, options: AssessOptions): Assessment {
  const id = options.benchmark ?? (kubernetesVersion === null ? null : benchmarkForKubernetesVersion(kubernetesVersion)) ?? defaultBenchmarkId;
  const benchmark = benchmarks[id];
  const snapshot = createSnapshot(objects, { kubernetesVersion });
  const report = evaluate(snapshot, benchmark, {
    ...(options.now === undefined ? {} : { now: options.now }),
    tool: options.tool ?? { name: 'kubecis', version },
  });
  return { report, benchmark, metadata };
}

/**
 * Assesses a snapshot file written by `kubecis collect -o FILE` (a kubectl List with the
 * collection's metadata; `kubectl get ... -o json` output works too).
 */
export function assessCollection(text: string, options: AssessOptions = {}): Assessment {
  const collection = readCollection(text);
  const assessment = assess(collection.objects, collection.metadata, collection.kubernetesVersion, options);
  return { ...assessment, report: { ...assessment.report, diagnostics: [...collection.diagnostics, ...assessment.report.diagnostics] } };
}

export interface ClusterOptions extends AssessOptions {
  /** The virtual cluster's kubeconfig (`vcluster connect team-a --print > team-a.kubeconfig`). */
  readonly kubeconfig: string;
  readonly context?: string;
  /** For KUBECONFIG and ~/.kube/config when `kubeconfig` is relative; default the process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homedir?: string;
}

/**
 * Reads the virtual cluster through its kubeconfig (list and get requests only, no Secret
 * values) and assesses it. Returns the collection as a snapshot file too, so that the
 * assessment can be repeated offline: `kubecis scan FILE`.
 */
export async function assessCluster(options: ClusterOptions): Promise<Assessment & { readonly collection: string }> {
  const kubeconfig = await loadKubeconfig({
    kubeconfigPath: options.kubeconfig,
    ...(options.context === undefined ? {} : { context: options.context }),
    env: options.env ?? process.env,
    homedir: options.homedir ?? process.env['HOME'] ?? '/',
  });
  const result = await collectCluster({ kubeconfig });
  const collectedAt = options.now ?? new Date();
  const collection = writeCollection(result, { collectedAt, tool: options.tool ?? { name: 'kubecis', version } });
  return { ...assessCollection(collection, options), collection };
}

/** The controls' results by id. */
export function controlsById(report: Report, ids: readonly string[] = serviceAccountControlIds): ControlResult[] {
  return ids.map((id) => {
    const control = report.controls.find((c) => c.id === id);
    if (control === undefined) throw new Error(`the report has no control ${id}`);
    return control;
  });
}

/** The controls whose status changed between two reports, as a Markdown table. */
export function compareReports(before: Report, after: Report): string {
  const rows = before.controls.flatMap((b) => {
    const a = after.controls.find((c) => c.id === b.id);
    if (a === undefined || a.status === b.status) return [];
    const failures = (c: ControlResult): number => c.findings.filter((f) => f.status === 'FAIL' && !f.exempted).length;
    return [`| ${b.id} | ${b.title} | ${b.status} (${String(failures(b))} FAIL) | ${a.status} (${String(failures(a))} FAIL) |`];
  });
  return ['| control | title | before | after |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

/** The report as kubecis text: FAIL, WARN and ERROR findings, or every finding with `verbose` (`kubecis scan --verbose`). */
export function textReport(assessment: Assessment, options: { readonly verbose?: boolean } = {}): string {
  return formatText(assessment.report, { verbose: options.verbose ?? false });
}

/** The report in kube-bench's JSON (`kube-bench --json`, `kubecis scan --format kube-bench`), indented for reading. */
export function kubeBenchReport(assessment: Assessment): string {
  const detected = assessment.metadata?.kubernetesVersion;
  return formatKubeBench(assessment.report, {
    benchmark: assessment.benchmark,
    ...(detected === null || detected === undefined ? {} : { detectedVersion: detected.replace(/^v/, '').split('.').slice(0, 2).join('.') }),
    indent: '  ',
  });
}
