// A CI gate built on kubecis's library API: scan the manifests a pipeline rendered, evaluate CIS
// 1.10 together with the organisation's own pack, fail only on FAIL findings that the saved
// baseline report does not have, and write SARIF for code scanning.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import {
  createSnapshot,
  evaluate,
  findingFingerprint,
  formatJson,
  parsePath,
  toSarif,
  type Diagnostic,
  type Finding,
  type ObjectOrigin,
  type Pack,
  type PathSegment,
  type Report,
  type SourceLocation,
} from '@kubecis/core';
import { benchmarks, extendBenchmark, parseConfig, version, type BenchmarkId, type Config } from 'kubecis';
import { pack as acmePack } from '@acme/kubecis-rules';

export interface PipelineOptions {
  /** Files and directories of rendered manifests (`.yaml`, `.yml`, `.json`; directories are read recursively). */
  readonly manifests: readonly string[];
  /** The saved report of the main branch (`formatJson`); without one, every FAIL is new. */
  readonly baseline?: string | undefined;
  /** Where to write SARIF 2.1.0, with each result's `baselineState`. */
  readonly sarif?: string | undefined;
  /** Where to write this run's report as JSON: the next baseline, when the main branch runs. */
  readonly report?: string | undefined;
  /** kubecis.yaml: rule options, exemptions, strict mode. Default: the one `@acme/kubecis-rules` ships. */
  readonly config?: string | undefined;
  /** Default `cis-1.10`. */
  readonly benchmark?: BenchmarkId | undefined;
  /** Extra packs beside the organisation's. */
  readonly packs?: readonly Pack[] | undefined;
  /** Today, for exemption expiry: the pipeline's clock, passed in. */
  readonly now: Date | string;
  /** Paths in the report and the SARIF are relative to this directory. Default `process.cwd()`. */
  readonly root?: string | undefined;
}

export interface PipelineResult {
  readonly report: Report;
  /** Counted (not exempted) FAIL findings that the baseline does not have: what fails the gate. */
  readonly newFailures: readonly Finding[];
  /** Counted FAIL findings the baseline already had. */
  readonly knownFailures: readonly Finding[];
  /** Baseline FAILs that are gone. */
  readonly fixed: number;
  /** 0 pass, 1 new failures or a rule error, 2 the input or the configuration is broken. */
  readonly exitCode: 0 | 1 | 2;
  /** A summary for the CI log. */
  readonly summary: string;
}

/** Reads kubecis.yaml with kubecis's own parser: every problem is a diagnostic with file and line. */
function readConfig(file: string, diagnostics: Diagnostic[]): Config {
  const parsed = parseConfig(readFileSync(file, 'utf8'), file);
  diagnostics.push(...parsed.diagnostics);
  return parsed.config ?? {};
}

interface Input {
  readonly file: string;
  readonly document: Document;
  readonly lines: LineCounter;
  readonly index: number;
}

function manifestFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name.startsWith('.') ? [] : manifestFiles(join(path, name))))
    .filter((file) => /\.(ya?ml|json)$/i.test(file));
}

/** The deepest YAML node on the path, for the line of a finding's field. */
function nodeAt(document: Document, path: readonly PathSegment[]): Node | null {
  let node = document.contents;
  for (const segment of path) {
    const next: unknown = isMap(node) || isSeq(node) ? node.get(segment, true) : undefined;
    if (next === undefined || next === null) break;
    node = next as Node;
  }
  return node;
}

/** Reads every manifest: the objects for `createSnapshot`, their sources, and a locator of fields. */
function readManifests(paths: readonly string[], root: string, diagnostics: Diagnostic[]) {
  const objects: unknown[] = [];
  const sources: SourceLocation[] = [];
  const inputs: Input[] = [];
  for (const file of paths.flatMap((p) => manifestFiles(resolve(root, p)))) {
    const shown = relative(root, file);
    const lines = new LineCounter();
    parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: lines }).forEach((document, index) => {
      const line = lines.linePos(document.range[0]).line;
      if (document.errors.length > 0) {
        diagnostics.push({ severity: 'error', message: `Invalid YAML: ${document.errors[0]?.message ?? ''}`, source: { file: shown, line } });
        return;
      }
      const value: unknown = document.toJS();
      if (value === null || value === undefined) return;
      inputs.push({ file: shown, document, lines, index });
      objects.push(value);
      sources.push({ file: shown, line, document: index });
    });
  }
  const locate = (origin: ObjectOrigin, path: string | null): SourceLocation | null => {
    const input = inputs[origin.inputIndex];
    if (input === undefined) return origin.source;
    const node = nodeAt(input.document, [...origin.documentPath, ...(path === null ? [] : (parsePath(path) ?? []))]);
    const offset = node?.range?.[0];
    return offset === undefined ? origin.source : { file: input.file, line: input.lines.linePos(offset).line, document: input.index };
  };
  return { objects, sources, locate };
}

/** The fingerprints of the baseline report's counted FAIL (and WARN) findings. */
function readBaseline(file: string): { fail: Set<string>; warn: Set<string> } {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { controls?: { findings?: Finding[] }[] };
  const fail = new Set<string>();
  const warn = new Set<string>();
  for (const control of data.controls ?? []) {
    for (const f of control.findings ?? []) {
      if (f.exempted) continue;
      if (f.status === 'FAIL') fail.add(findingFingerprint(f));
      if (f.status === 'WARN') warn.add(findingFingerprint(f));
    }
  }
  return { fail, warn };
}

/** Each finding once, even when its rule serves several controls. */
function uniqueFindings(report: Report): Finding[] {
  const seen = new Map<string, Finding>();
  for (const c of report.controls) for (const f of c.findings) if (!seen.has(findingFingerprint(f) + f.status)) seen.set(findingFingerprint(f) + f.status, f);
  return [...seen.values()];
}

const describe = (f: Finding): string =>
  `  ${f.ruleId} ${f.resource === null ? '(cluster)' : `${f.resource.kind} ${f.resource.namespace === null ? '' : `${f.resource.namespace}/`}${f.resource.name}`}${f.source === null ? '' : ` (${f.source.file}:${String(f.source.line)})`}\n    ${f.message}`;

/**
 * Runs the gate: reads the manifests and kubecis.yaml, evaluates the benchmark plus the
 * organisation's pack, compares the counted FAILs with the baseline, and writes the SARIF and
 * JSON reports. Never exits the process: the caller uses `exitCode`.
 */
export function runPipeline(options: PipelineOptions): PipelineResult {
  const root = options.root ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const configFile = options.config === undefined ? createRequire(import.meta.url).resolve('@acme/kubecis-rules/kubecis.yaml') : resolve(root, options.config);
  const config = readConfig(configFile, diagnostics);
  // The organisation's rules become controls of their own in an "Organisation rules" section,
  // so one evaluation and one report cover both. (The pipeline imports its pack itself; the
  // kubecis CLI loads the `packs:` of kubecis.yaml instead.)
  const extended = extendBenchmark(benchmarks[options.benchmark ?? 'cis-1.10'], [acmePack, ...(options.packs ?? [])]);
  for (const message of extended.warnings) diagnostics.push({ severity: 'warning', message, source: null });
  const benchmark = extended.benchmark;

  const { objects, sources, locate } = readManifests(options.manifests, root, diagnostics);
  const snapshot = createSnapshot(objects, {
    sources,
    ...(config.defaultNamespace === undefined ? {} : { defaultNamespace: config.defaultNamespace }),
    ...(config.systemNamespaces === undefined ? {} : { systemNamespaces: config.systemNamespaces }),
  });
  const evaluated = evaluate(snapshot, benchmark, {
    strict: config.strict ?? false,
    now: options.now,
    exemptions: config.exemptions ?? [],
    ruleOptions: config.rules?.options ?? {},
    disabledRules: config.rules?.disable ?? [],
    severityOverrides: config.rules?.severity ?? {},
    locate,
    tool: { name: 'kubecis', version },
  });
  const report: Report = { ...evaluated, diagnostics: [...diagnostics, ...evaluated.diagnostics] };

  const baseline = options.baseline === undefined ? { fail: new Set<string>(), warn: new Set<string>() } : readBaseline(resolve(root, options.baseline));
  const findings = uniqueFindings(report);
  const counted = findings.filter((f) => f.status === 'FAIL' && !f.exempted);
  const newFailures = counted.filter((f) => !baseline.fail.has(findingFingerprint(f)));
  const knownFailures = counted.filter((f) => baseline.fail.has(findingFingerprint(f)));
  const current = new Set(counted.map(findingFingerprint));
  const fixed = [...baseline.fail].filter((fp) => !current.has(fp)).length;

  if (options.report !== undefined) writeFileSync(resolve(root, options.report), formatJson(report));
  if (options.sarif !== undefined) {
    const sarif = toSarif(report, { benchmark, automationId: `kubecis/${benchmark.id}+acme/`, uriBaseId: '%SRCROOT%' });
    // SARIF's baselineState tells code scanning which results this change introduced.
    for (const run of sarif['runs'] as { results: Record<string, unknown>[] }[]) {
      for (const result of run.results) {
        const fingerprint = (result['partialFingerprints'] as Record<string, string>)['kubecisFinding/v1'] ?? '';
        const known = result['level'] === 'error' ? baseline.fail : baseline.warn;
        result['baselineState'] = options.baseline === undefined ? 'new' : known.has(fingerprint) ? 'unchanged' : 'new';
      }
    }
    writeFileSync(resolve(root, options.sarif), `${JSON.stringify(sarif, null, 2)}\n`);
  }

  const inputErrors = report.diagnostics.filter((d) => d.severity === 'error');
  const ruleErrors = findings.filter((f) => f.status === 'ERROR');
  const exitCode = inputErrors.length > 0 ? 2 : newFailures.length > 0 || ruleErrors.length > 0 ? 1 : 0;
  const lines = [
    `kubecis ${version}: ${benchmark.title}, ${String(snapshot.objects.length)} objects from ${String(new Set(sources.map((s) => s.file)).size)} files`,
    `${String(counted.length)} FAIL findings: ${String(newFailures.length)} new, ${String(knownFailures.length)} in the baseline; ${String(fixed)} baseline findings fixed`,
    ...inputErrors.map((d) => `input error${d.source === null ? '' : ` ${d.source.file}:${String(d.source.line)}`}: ${d.message}`),
    ...ruleErrors.map((f) => `rule error: ${f.message}`),
    ...(newFailures.length > 0 ? ['New FAIL findings:', ...newFailures.map(describe)] : []),
    exitCode === 0 ? 'Gate passed.' : 'Gate failed.',
  ];
  return { report, newFailures, knownFailures, fixed, exitCode, summary: `${lines.join('\n')}\n` };
}
