// `kubecis scan`: read manifests, build a snapshot, evaluate a benchmark, print the report.
// Everything the process provides comes in through `io`, so tests run it in-process.

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createSnapshot, evaluate, formatJson, formatSource, formatText, type Benchmark, type Diagnostic, type Report } from '@kubecis/core';
import { benchmarks as shippedBenchmarks, defaultBenchmarkId as shippedDefault, version as shippedVersion } from '../index.js';
import { parseCommandLine, usage, type FailOn, type ScanArgs } from './args.js';
import { describeFsError, readInput, resolveInputs, stdinName, type InputFile } from './inputs.js';
import { loadText } from './load.js';
import { SourceMap } from './source-map.js';

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
  /** Today, for exemption expiry. */
  readonly now: () => Date;
}

/** Overrides for tests: other benchmarks (with rules of their own), another version string. */
export interface MainOptions {
  readonly benchmarks?: Readonly<Record<string, Benchmark>>;
  readonly defaultBenchmarkId?: string;
  readonly version?: string;
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

async function scan(args: ScanArgs, io: CliIo, options: MainOptions): Promise<number> {
  const started = performance.now();
  const timings: Timings = {};
  let mark = started;
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (now - mark);
    mark = now;
  };

  const available: Readonly<Record<string, Benchmark>> = options.benchmarks ?? shippedBenchmarks;
  const benchmarkId = args.benchmark ?? options.defaultBenchmarkId ?? shippedDefault;
  const benchmark = Object.prototype.hasOwnProperty.call(available, benchmarkId) ? available[benchmarkId] : undefined;
  if (benchmark === undefined) {
    io.stderr.write(`kubecis: unknown benchmark "${benchmarkId}"; available: ${Object.keys(available).join(', ')}\n`);
    return exitCodes.error;
  }

  const inputs = await resolveInputs(args.paths, io.cwd);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  const sourceMap = new SourceMap();
  const fileOrder = new Map<string, number>();
  let documentCount = 0;
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
  for (const file of inputs.files) {
    fileOrder.set(file.display, fileOrder.size);
    const text = await readOne(file);
    lap('read');
    if (text === null) continue;
    const loaded = loadText(text, file.display);
    diagnostics.push(...loaded.diagnostics);
    documentCount += loaded.documentCount;
    for (const document of loaded.documents) sourceMap.add(file.display, document);
    lap('parse');
  }
  for (const d of inputs.diagnostics) if (d.source && !fileOrder.has(d.source.file)) fileOrder.set(d.source.file, fileOrder.size);

  if (sourceMap.values.length === 0) {
    for (const d of sortDiagnostics(diagnostics, fileOrder)) io.stderr.write(`kubecis: ${formatDiagnostic(d)}\n`);
    io.stderr.write('kubecis: nothing could be read from the input: no Kubernetes objects found\n');
    return exitCodes.error;
  }

  const snapshot = createSnapshot(sourceMap.values, {
    sources: sourceMap.sources,
    ...(args.defaultNamespace === undefined ? {} : { defaultNamespace: args.defaultNamespace }),
    ...(args.systemNamespaces === undefined ? {} : { systemNamespaces: args.systemNamespaces }),
  });
  lap('snapshot');
  const evaluated = evaluate(snapshot, benchmark, {
    strict: args.strict,
    now: io.now(),
    locate: sourceMap.locate,
    tool: { name: 'kubecis', version: options.version ?? shippedVersion },
  });
  lap('evaluate');
  const report: Report = { ...evaluated, diagnostics: sortDiagnostics([...diagnostics, ...evaluated.diagnostics], fileOrder) };

  const color = args.output === undefined && args.format === 'text' && io.stdout.isTTY === true && !io.env['NO_COLOR'];
  const rendered = args.format === 'json' ? formatJson(report) : formatText(report, { color, verbose: args.verbose });
  lap('format');

  if (args.output !== undefined) {
    try {
      await writeFile(resolve(io.cwd, args.output), rendered, 'utf8');
    } catch (error) {
      io.stderr.write(`kubecis: cannot write ${args.output}: ${describeFsError(error)}\n`);
      return exitCodes.error;
    }
  } else {
    io.stdout.write(rendered);
  }
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
    io.stderr.write(
      `kubecis: ${String(inputs.files.length)} files, ${String(documentCount)} documents, ${String(snapshot.objects.length)} objects; ` +
        `${String(sourceMap.stats.calls)} positions looked up in ${String(sourceMap.stats.documentsIndexed)} documents ` +
        `(${String(sourceMap.stats.fallbacks)} by the exact YAML parser); ${phases}; total ${total.toFixed(1)} ms\n`,
    );
  }
  return exitCodeFor(report, args.failOn);
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
      try {
        return await scan(args, io, options);
      } catch (error) {
        io.stderr.write(`kubecis: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return exitCodes.error;
      }
  }
}

export { stdinName };
