// `kubecis scan`: read manifests or a live cluster, build a snapshot, evaluate a benchmark,
// print the report. `kubecis collect`: write a live cluster's snapshot to a file.
// Everything the process provides comes in through `io`, so tests run it in-process.

import { resolve } from 'node:path';
import {
  createSnapshot,
  evaluate,
  formatJson,
  formatJunit,
  formatKubeBench,
  formatKubeBenchJunit,
  formatMarkdown,
  formatSarif,
  formatSource,
  formatText,
  type Benchmark,
  type Diagnostic,
  type Report,
} from '@kubecis/core';
import { benchmarkForKubernetesVersion } from '../benchmarks/index.js';
import { benchmarks as shippedBenchmarks, defaultBenchmarkId as shippedDefault, version as shippedVersion } from '../shipped.js';
import { extendBenchmark } from '../benchmarks/extend.js';
import type { ClusterCollection, CollectOptions } from '../collect/collect.js';
import { collectionMetadataOf, writeCollection } from '../collect/collection-file.js';
import { isCollectError } from '../collect/errors.js';
import { formatProgress } from '../collect/progress.js';
import { formatKubeBenchParity, kubeBenchParity } from '../parity/index.js';
import { parseCommandLine, usage, type ClusterArgs, type CollectArgs, type FailOn, type Format, type ScanArgs } from './args.js';
import { checkRuleSettings, loadConfig, loadPacks } from './config.js';
import { markIncomplete, type MissingKindInfo } from './coverage.js';
import { describeFsError, readInput, resolveInputs, stdinName, type InputFile } from './inputs.js';
import { loadText } from './load.js';
import { SourceMap } from './source-map.js';
import { writeChunked } from './write.js';

export interface CliWritable {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** What the process gives the CLI; tests pass their own. */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: CliWritable;
  readonly stderr: CliWritable;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Today, for exemption expiry and the collection time. */
  readonly now: () => Date;
  /** The user's home directory, for ~/.kube/config. */
  readonly homedir?: string;
}

/** Overrides for tests: other benchmarks (with rules of their own), another version string. */
export interface MainOptions {
  readonly benchmarks?: Readonly<Record<string, Benchmark>>;
  readonly defaultBenchmarkId?: string;
  readonly version?: string;
  /** Settings for live collections (tests shorten timeouts and pages). */
  readonly collect?: Partial<Pick<CollectOptions, 'pageSize' | 'requestTimeoutMs' | 'retries' | 'retryDelayMs' | 'credentialTimeoutMs'>>;
}

export const exitCodes = { ok: 0, failed: 1, error: 2 } as const;

async function readStdin(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** 1 when a control is at or above `failOn` (ERROR counts as failing), else 0. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  if (failOn === 'never') return exitCodes.ok;
  const failing = report.controls.some((c) => c.status === 'FAIL' || c.status === 'ERROR' || (failOn === 'warn' && c.status === 'WARN'));
  return failing ? exitCodes.failed : exitCodes.ok;
}

function formatDiagnostic(d: Diagnostic): string {
  const at = formatSource(d.source);
  return `${d.severity}${at === '' ? '' : ` ${at}`}: ${d.message}`;
}

/** Input diagnostics first by file (in reading order) and line; those without a source last. */
function sortDiagnostics(diagnostics: readonly Diagnostic[], order: ReadonlyMap<string, number>): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.source === null ? Number.MAX_SAFE_INTEGER : (order.get(d.source.file) ?? Number.MAX_SAFE_INTEGER - 1));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.source?.line ?? 0) - (b.d.source?.line ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

type Timings = Record<string, number>;

function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr.write(`kubecis: ${formatDiagnostic(d)}\n`);
}

/** A progress line on a terminal, rewritten in place and cleared at the end. */
function progressLine(io: CliIo): { update: (line: string) => void; clear: () => void } {
  if (io.stderr.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  return {
    update: (line) => {
      io.stderr.write(`\r\u001b[2K${line}`);
      shown = true;
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

/** Collects a live cluster; a CollectError becomes one clear line and `null`. */
async function collectLive(args: ClusterArgs, io: CliIo, options: MainOptions): Promise<ClusterCollection | null> {
  const progress = progressLine(io);
  try {
    // Loaded only for a live cluster: files are scanned without the HTTP client and the kubeconfig parser.
    const { collectCluster } = await import('../collect/collect.js');
    return await collectCluster({
      kubeconfig: {
        ...(args.kubeconfig === undefined ? {} : { kubeconfigPath: args.kubeconfig }),
        ...(args.context === undefined ? {} : { context: args.context }),
        env: io.env,
        homedir: io.homedir ?? io.env['HOME'] ?? '/',
        cwd: io.cwd,
      },
      onProgress: (event) => {
        progress.update(formatProgress(event));
      },
      userAgent: `kubecis/${options.version ?? shippedVersion}`,
      ...options.collect,
    });
  } catch (error) {
    progress.clear();
    if (isCollectError(error)) {
      io.stderr.write(`kubecis: ${error.message}\n`);
      return null;
    }
    throw error;
  } finally {
    progress.clear();
  }
}

function missingDiagnostics(missing: readonly MissingKindInfo[]): Diagnostic[] {
  return missing.map((m) => ({
    severity: 'warning',
    message: `${m.kind}${m.group === '' ? '' : ` (${m.group})`}${m.namespace === null ? '' : ` in namespace ${m.namespace}`} could not be listed: ${m.reason}; the controls that read it say so`,
    source: null,
  }));
}

function render(report: Report, format: Format, benchmark: Benchmark, color: boolean, verbose: boolean, kubernetesVersion: string | null, parity: boolean): string {
  const detected = kubernetesVersion === null ? {} : { detectedVersion: kubernetesVersion.replace(/^v/, '').split(/[.-]/).slice(0, 2).join('.') };
  // In parity mode the kube-bench JSON carries kube-bench's own check fields (scored, audit, expected_result).
  if (parity && format === 'kube-bench') return formatKubeBenchParity(report, { benchmark, ...detected });
  switch (format) {
    case 'text':
      return formatText(report, { color, verbose });
    case 'json':
      return formatJson(report);
    case 'kube-bench':
      return formatKubeBench(report, { benchmark, ...detected });
    case 'kube-bench-junit':
      return formatKubeBenchJunit(report, { benchmark });
    case 'sarif':
      return formatSarif(report, { benchmark, automationId: `kubecis/${benchmark.id}/` });
    case 'junit':
      return formatJunit(report, { benchmark });
    case 'markdown':
      return formatMarkdown(report, { benchmark });
  }
}

function writeOutput(io: CliIo, output: string | undefined, text: string, mode?: number): boolean {
  if (output === undefined) {
    io.stdout.write(text);
    return true;
  }
  try {
    writeChunked(resolve(io.cwd, output), text, mode);
    return true;
  } catch (error) {
    io.stderr.write(`kubecis: cannot write ${output}: ${describeFsError(error)}\n`);
    return false;
  }
}

async function scan(args: ScanArgs, io: CliIo, options: MainOptions): Promise<number> {
  const started = performance.now();
  const timings: Timings = {};
  let mark = started;
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (now - mark);
    mark = now;
  };

  // Settings: the command line wins over kubecis.yaml, which wins over the defaults.
  const loadedConfig = args.noConfig ? null : await loadConfig(args.config, io.cwd);
  if (loadedConfig?.failed === true) {
    printDiagnostics(io, loadedConfig.diagnostics);
    io.stderr.write(`kubecis: the configuration has errors; nothing was scanned\n`);
    return exitCodes.error;
  }
  const config = loadedConfig?.config ?? {};
  const failOn: FailOn = args.failOn ?? config.failOn ?? 'fail';
  const strict = args.strict ?? config.strict ?? false;
  const defaultNamespace = args.defaultNamespace ?? config.defaultNamespace;
  const systemNamespaces = args.systemNamespaces ?? config.systemNamespaces;
  const requested = args.benchmark ?? config.benchmark ?? options.defaultBenchmarkId ?? shippedDefault;

  const available: Readonly<Record<string, Benchmark>> = options.benchmarks ?? shippedBenchmarks;
  const known = (id: string): Benchmark | undefined => (Object.prototype.hasOwnProperty.call(available, id) ? available[id] : undefined);
  if (requested !== 'auto' && known(requested) === undefined) {
    io.stderr.write(`kubecis: unknown benchmark "${requested}"; available: ${Object.keys(available).join(', ')}, auto\n`);
    return exitCodes.error;
  }

  const diagnostics: Diagnostic[] = [...(loadedConfig?.diagnostics ?? [])];
  const extraPacks = loadedConfig === null ? null : await loadPacks(loadedConfig);
  if (extraPacks?.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(io, extraPacks.diagnostics);
    io.stderr.write(`kubecis: a rule pack of the configuration could not be loaded; nothing was scanned\n`);
    return exitCodes.error;
  }
  lap('config');

  // Objects: from files and stdin, or from the live cluster.
  const live = args.paths.length === 0;
  const sourceMap = new SourceMap();
  const fileOrder = new Map<string, number>();
  let documentCount = 0;
  let fileCount = 0;
  let kubernetesVersion: string | null = null;
  const missing: MissingKindInfo[] = [];
  let values: readonly unknown[];
  if (live) {
    const collection = await collectLive(args, io, options);
    if (collection === null) return exitCodes.error;
    lap('collect');
    values = collection.objects;
    kubernetesVersion = collection.kubernetesVersion;
    missing.push(...collection.missing);
    diagnostics.push(...collection.diagnostics);
  } else {
    const inputs = resolveInputs(args.paths, io.cwd);
    fileCount = inputs.files.length;
    diagnostics.push(...inputs.diagnostics);
    const readOne = async (file: InputFile): Promise<string | null> => {
      if (file.path === null) {
        try {
          return await readStdin(io.stdin);
        } catch (error) {
          diagnostics.push({ severity: 'error', message: `Cannot read stdin: ${describeFsError(error)}`, source: { file: file.display, line: 1 } });
          return null;
        }
      }
      const read = readInput(file);
      if ('error' in read) {
        diagnostics.push(read.error);
        return null;
      }
      return read.text;
    };
    // One file at a time, in a function of its own: its text and parse are then referenced only
    // by the source map (an async function's suspended frame would keep its loop's locals, the
    // whole input text among them, alive until the scan ends).
    const ingest = async (file: InputFile): Promise<void> => {
      fileOrder.set(file.display, fileOrder.size);
      const text = await readOne(file);
      lap('read');
      if (text === null) return;
      const loaded = loadText(text, file.display);
      diagnostics.push(...loaded.diagnostics);
      documentCount += loaded.documentCount;
      for (const document of loaded.documents) {
        sourceMap.add(file.display, document);
        // A snapshot file of `kubecis collect` carries the cluster's version and what it could not list.
        try {
          const metadata = collectionMetadataOf(document.value);
          if (metadata !== null) {
            kubernetesVersion ??= metadata.kubernetesVersion;
            missing.push(...metadata.missing);
            diagnostics.push(...missingDiagnostics(metadata.missing));
          }
        } catch (error) {
          diagnostics.push({ severity: 'error', message: error instanceof Error ? error.message : String(error), source: { file: file.display, line: document.line } });
        }
      }
      lap('parse');
    };
    for (const file of inputs.files) await ingest(file);
    for (const d of inputs.diagnostics) if (d.source && !fileOrder.has(d.source.file)) fileOrder.set(d.source.file, fileOrder.size);
    if (sourceMap.values.length === 0) {
      printDiagnostics(io, sortDiagnostics(diagnostics, fileOrder));
      io.stderr.write('kubecis: nothing could be read from the input: no Kubernetes objects found\n');
      return exitCodes.error;
    }
    values = sourceMap.values;
  }

  // The benchmark: as asked, or from the cluster's Kubernetes version; plus the configured packs.
  let benchmarkId = requested;
  if (requested === 'auto') {
    const picked = kubernetesVersion === null ? null : benchmarkForKubernetesVersion(kubernetesVersion);
    benchmarkId = picked !== null && known(picked) !== undefined ? picked : (options.defaultBenchmarkId ?? shippedDefault);
    diagnostics.push({
      severity: 'info',
      message:
        picked !== null
          ? `--benchmark auto: Kubernetes ${kubernetesVersion ?? ''} is checked against ${benchmarkId}`
          : `--benchmark auto: ${kubernetesVersion === null ? 'the Kubernetes version is unknown (manifests carry none)' : `no benchmark is known for Kubernetes ${kubernetesVersion}`}; using ${benchmarkId}`,
      source: null,
    });
  }
  let benchmark = known(benchmarkId);
  if (benchmark === undefined) {
    io.stderr.write(`kubecis: unknown benchmark "${benchmarkId}"\n`);
    return exitCodes.error;
  }
  if (extraPacks !== null && extraPacks.packs.length > 0) {
    const extended = extendBenchmark(benchmark, extraPacks.packs);
    benchmark = extended.benchmark;
    for (const message of extended.warnings) diagnostics.push({ severity: 'warning', message, source: loadedConfig?.file ? { file: loadedConfig.display, line: loadedConfig.lineOf(['packs']) } : null });
  }
  if (loadedConfig !== null) {
    const checked = checkRuleSettings(loadedConfig, benchmark);
    if (checked.some((d) => d.severity === 'error')) {
      printDiagnostics(io, checked);
      io.stderr.write(`kubecis: the configuration has errors; nothing was scanned\n`);
      return exitCodes.error;
    }
    diagnostics.push(...checked);
  }

  const snapshot = createSnapshot(values, {
    ...(live ? {} : { sources: sourceMap.sources, locate: sourceMap.locate }),
    ...(defaultNamespace === undefined ? {} : { defaultNamespace }),
    ...(systemNamespaces === undefined ? {} : { systemNamespaces }),
    ...(kubernetesVersion === null ? {} : { kubernetesVersion }),
  });
  lap('snapshot');
  // Documents were read but every one was rejected (no kind, a scalar, a List of junk…): as with
  // an empty input, there is nothing to assess, and a report would pass a cluster it never saw.
  // An empty List that nothing was wrong with is an empty cluster, and is reported.
  if (!live && snapshot.objects.length === 0 && snapshot.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(io, sortDiagnostics([...diagnostics, ...snapshot.diagnostics], fileOrder));
    io.stderr.write('kubecis: nothing could be read from the input: no valid Kubernetes object\n');
    return exitCodes.error;
  }
  const tool = { name: 'kubecis', version: options.version ?? shippedVersion };
  if (args.parity !== undefined && (config.exemptions !== undefined || config.rules !== undefined || extraPacks?.packs.length)) {
    diagnostics.push({ severity: 'info', message: `--parity ${args.parity} gives kube-bench's verdicts: the exemptions, rule settings and packs of the configuration do not apply`, source: null });
  }
  const evaluated =
    args.parity === 'kube-bench'
      ? // kube-bench's verdicts: its audits over pods as a live cluster lists them, no exemptions.
        kubeBenchParity(snapshot, benchmark, { tool, pods: live ? 'pods' : 'workloads', ...(live ? {} : { locate: sourceMap.locate }) })
      : evaluate(snapshot, benchmark, {
          strict,
          now: io.now(),
          ...(live ? {} : { locate: sourceMap.locate }),
          tool,
          ...(config.exemptions === undefined ? {} : { exemptions: config.exemptions }),
          ...(config.rules?.disable === undefined ? {} : { disabledRules: config.rules.disable }),
          ...(config.rules?.severity === undefined ? {} : { severityOverrides: config.rules.severity }),
          ...(config.rules?.options === undefined ? {} : { ruleOptions: config.rules.options }),
        });
  lap('evaluate');
  // Every position is known now: the input texts can go before the report is formatted.
  sourceMap.release();
  const report: Report = markIncomplete(
    { ...evaluated, diagnostics: sortDiagnostics([...diagnostics, ...evaluated.diagnostics], fileOrder) },
    missing,
  );

  const color = args.output === undefined && args.format === 'text' && io.stdout.isTTY === true && !io.env['NO_COLOR'];
  const rendered = render(report, args.format, benchmark, color, args.verbose, kubernetesVersion, args.parity === 'kube-bench');
  lap('format');
  if (!writeOutput(io, args.output, rendered)) return exitCodes.error;
  lap('write');

  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 && (args.format !== 'text' || args.output !== undefined)) {
    io.stderr.write(`kubecis: ${String(errors)} input problem${errors === 1 ? '' : 's'}; see "diagnostics" in the report\n`);
  }
  if (args.verbose) {
    const total = performance.now() - started;
    const phases = Object.entries(timings)
      .map(([phase, ms]) => `${phase} ${ms.toFixed(1)} ms`)
      .join(', ');
    const read = live
      ? `${String(snapshot.objects.length)} objects from the cluster`
      : `${String(fileCount)} files, ${String(documentCount)} documents, ${String(snapshot.objects.length)} objects; ` +
        `${String(sourceMap.stats.calls)} positions looked up in ${String(sourceMap.stats.documentsIndexed)} documents ` +
        `(${String(sourceMap.stats.fallbacks)} by the exact YAML parser)`;
    io.stderr.write(`kubecis: ${read}; ${phases}; total ${total.toFixed(1)} ms\n`);
  }
  return exitCodeFor(report, failOn);
}

async function collect(args: CollectArgs, io: CliIo, options: MainOptions): Promise<number> {
  const collection = await collectLive(args, io, options);
  if (collection === null) return exitCodes.error;
  const text = writeCollection(collection, { collectedAt: io.now(), tool: { name: 'kubecis', version: options.version ?? shippedVersion } });
  // The snapshot names every workload and role of the cluster: readable by its owner only.
  if (!writeOutput(io, args.output, text, 0o600)) return exitCodes.error;
  printDiagnostics(io, collection.diagnostics);
  const where = args.output === undefined ? '' : ` to ${args.output}`;
  if (args.output !== undefined || args.verbose) {
    io.stderr.write(
      `kubecis: wrote ${String(collection.objects.length)} objects from ${collection.server} (context ${collection.context}, Kubernetes ${collection.kubernetesVersion ?? 'version unknown'})${where}\n`,
    );
  }
  return exitCodes.ok;
}

/** Runs the CLI and returns its exit code. Never throws for bad input; an internal error exits 2. */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  const args = parseCommandLine(argv);
  switch (args.command) {
    case 'help':
      io.stdout.write(usage);
      return exitCodes.ok;
    case 'version':
      io.stdout.write(`${options.version ?? shippedVersion}\n`);
      return exitCodes.ok;
    case 'error':
      io.stderr.write(`kubecis: ${args.message}\n\n${usage}`);
      return exitCodes.error;
    case 'scan':
    case 'collect':
      try {
        return args.command === 'scan' ? await scan(args, io, options) : await collect(args, io, options);
      } catch (error) {
        io.stderr.write(`kubecis: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return exitCodes.error;
      }
  }
}

export { stdinName };
