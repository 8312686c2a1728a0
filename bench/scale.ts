// kubecis at cluster scale: one run, every number side by side (issue 8), plus the Pod Security
// engine against @monokle/validation's Pod Security Standards plugin (issue 4).
//
// Run `pnpm bench` (builds, then runs this through bench/run.mjs), or after a build:
//   node bench/run.mjs -- [--sizes 10k,50k,100k,200k] [--runs 3] [--quick] [--no-yaml] [--no-monokle]
//                         [--pods 100000] [--out bench-results/latest.json] [--cpu-prof]
//
// Every timed phase runs in a fresh child process, one size at a time, so heaps never mix:
// - the floor: read the dump and JSON.parse it (in a worker, median of --runs);
// - createSnapshot and evaluate of the full cis-1.10 benchmark, in the same worker;
// - evaluateObject: one incoming object checked against the prepared snapshot (admission style);
// - end to end: `node packages/kubecis/dist/cli.js scan dump.json --format json --fail-on never
//   -o /dev/null` in a fresh process, wall clock from spawn to exit, and its peak RSS;
// - the floor as a process too (`node` reading and parsing the dump), so that the end-to-end
//   ratio compares two processes that both start Node;
// - YAML: the CLI over ../shared/corpus against js-yaml's loadAll of the same files, both as
//   fresh processes;
// - Monokle: 100,000 pods through the rules-pss engine and through Monokle's PSS plugin.
// Numbers are printed as a table and written as JSON (--out). A benchmark, not a test: nothing
// here asserts a time; the targets are printed next to the ratios.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSnapshot, evaluate, evaluateObject, type Snapshot } from '@kubecis/core';
import { evaluatePodSecurity } from '@kubecis/rules-pss';
import { benchmarks } from 'kubecis';
import { resolveInputs } from '../packages/kubecis/src/cli/inputs.js';
import { generateCluster, generatePods } from './generate-cluster.js';

const root = findRoot();
const cli = join(root, 'packages', 'kubecis', 'dist', 'cli.js');
const rssPreload = join(root, 'bench', 'max-rss.cjs');
const corpus = join(root, '..', 'shared', 'corpus');
const now = new Date('2026-01-15T00:00:00Z');
const benchmark = benchmarks['cis-1.10'];

/** The repository root: the bundle runs from node_modules/.cache, the source from bench/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  const scale = match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(match[1]) * scale);
}

function label(size: number): string {
  return size % 1000 === 0 ? `${String(size / 1000)}k` : String(size);
}

const ms = (value: number | null): string => (value === null || !Number.isFinite(value) ? 'n/a' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const ratio = (value: number): string => `${value.toFixed(2)}x`;
const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);

interface Options {
  sizes: number[];
  runs: number;
  yaml: boolean;
  monokle: boolean;
  pods: number;
  out: string;
  cpuProf: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [10_000, 50_000, 100_000, 200_000],
    runs: 3,
    yaml: true,
    monokle: true,
    pods: 100_000,
    out: join(root, 'bench-results', 'latest.json'),
    cpuProf: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--sizes') options.sizes = value().split(',').map(parseSize);
    else if (arg === '--runs') options.runs = Math.max(1, Number(value()));
    else if (arg === '--quick') Object.assign(options, { sizes: [10_000, 50_000], runs: 1, pods: 10_000 });
    else if (arg === '--no-yaml') options.yaml = false;
    else if (arg === '--no-monokle') options.monokle = false;
    else if (arg === '--pods') options.pods = parseSize(value());
    else if (arg === '--out') options.out = value();
    else if (arg === '--cpu-prof') options.cpuProf = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** Runs this bundle again in a child process in a worker mode; returns the JSON it prints last. */
function worker(mode: string, args: readonly string[], nodeArgs: readonly string[] = []): unknown {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...nodeArgs, self, '--worker', mode, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`worker ${mode} failed with exit code ${String(result.status)}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as unknown;
}

interface ProcessRun {
  readonly wallMs: number;
  readonly maxRssBytes: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs a fresh Node process, timing it from spawn to exit and reading its peak RSS. */
function timedProcess(args: readonly string[], cwd = root): ProcessRun {
  const rssFile = join(tmpdir(), `kubecis-bench-rss-${String(process.pid)}`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', rssPreload, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KUBECIS_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const maxRssBytes = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
  rmSync(rssFile, { force: true });
  return { wallMs, maxRssBytes, code: result.status, stderr: result.stderr };
}

function medianRun(runs: readonly ProcessRun[]): { wallMs: number; maxRssBytes: number } {
  return { wallMs: median(runs.map((r) => r.wallMs)), maxRssBytes: Math.max(...runs.map((r) => r.maxRssBytes)) };
}

// ---------------------------------------------------------------------------------------------
// Worker modes (each in a fresh process)

/** Writes the dump of `objects` objects, indented like `kubecis collect` writes snapshots. */
function generateWorker(objects: number, file: string): { objects: number; bytes: number } {
  const list = generateCluster({ objects });
  const text = `${JSON.stringify(list, null, 2)}\n`;
  writeFileSync(file, text);
  return { objects: list.items.length, bytes: Buffer.byteLength(text) };
}

interface InProcessResult {
  readonly floorMs: number;
  readonly readMs: number;
  readonly parseMs: number;
  readonly snapshotMs: number;
  readonly evaluateMs: number;
  readonly objects: number;
  readonly findings: number;
  readonly evaluateObject: { readonly namespaced: LatencySample; readonly clusterScoped: LatencySample };
}

function measureWorker(file: string, runs: number): InProcessResult {
  const reads: number[] = [];
  const parses: number[] = [];
  const snapshots: number[] = [];
  const evaluations: number[] = [];
  let snapshot: Snapshot | undefined;
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const text = readFileSync(file, 'utf8');
    const t1 = performance.now();
    const value: unknown = JSON.parse(text);
    const t2 = performance.now();
    snapshot = createSnapshot([value]);
    const t3 = performance.now();
    const report = evaluate(snapshot, benchmark, { now });
    const t4 = performance.now();
    reads.push(t1 - t0);
    parses.push(t2 - t1);
    snapshots.push(t3 - t2);
    evaluations.push(t4 - t3);
    findings = report.controls.reduce((n, c) => n + c.findings.length, 0);
  }
  const floors = reads.map((read, i) => read + parses[i]!);
  return {
    floorMs: median(floors),
    readMs: median(reads),
    parseMs: median(parses),
    snapshotMs: median(snapshots),
    evaluateMs: median(evaluations),
    objects: snapshot!.objects.length,
    findings,
    evaluateObject: measureEvaluateObject(snapshot!),
  };
}

interface LatencySample {
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly kinds: readonly string[];
}

/**
 * Admission-style checks of incoming objects (copies of objects of the snapshot, renamed) against
 * the prepared snapshot: namespaced objects (checked with their related objects) and
 * cluster-scoped ones (checked against every object), timed apart.
 */
function measureEvaluateObject(snapshot: Snapshot): InProcessResult['evaluateObject'] {
  const incoming = (kinds: readonly string[]): unknown[] =>
    kinds.flatMap((kind) => {
      const object = snapshot.ofKind(kind as 'Pod')[0];
      if (object === undefined) return [];
      const copy = JSON.parse(JSON.stringify(object)) as { metadata: { name: string; ownerReferences?: unknown } };
      copy.metadata.name = `${copy.metadata.name}-incoming`;
      delete copy.metadata.ownerReferences;
      return [copy];
    });
  const time = (objects: readonly unknown[], budgetMs: number, maxSamples: number, warmUp = true): LatencySample => {
    const times: number[] = [];
    if (warmUp) for (const object of objects) evaluateObject(object, { snapshot, target: benchmark, options: { now } });
    const started = performance.now();
    do {
      for (const object of objects) {
        const t = performance.now();
        evaluateObject(object, { snapshot, target: benchmark, options: { now } });
        times.push(performance.now() - t);
      }
    } while (performance.now() - started < budgetMs && times.length < maxSamples);
    const sorted = [...times].sort((a, b) => a - b);
    return { samples: times.length, medianMs: median(times), p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN, kinds: objects.map((o) => (o as { kind?: string }).kind ?? '') };
  };
  return {
    namespaced: time(incoming(['Deployment', 'Pod', 'StatefulSet', 'CronJob', 'DaemonSet', 'Role', 'RoleBinding', 'ServiceAccount']), 4_000, 400),
    clusterScoped: time(incoming(['ClusterRoleBinding', 'ClusterRole']).slice(0, 1), 1, 1, false),
  };
}

interface MonokleResult {
  readonly pods: number;
  readonly kubecis: { readonly ms: number; readonly podsPerSecond: number; readonly rejected: number };
  readonly monokle: { readonly ms: number; readonly podsPerSecond: number; readonly problems: number; readonly podsWithProblems: number } | { readonly error: string };
}

async function monokleWorker(count: number): Promise<MonokleResult> {
  const pods = generatePods({ objects: count });
  // kubecis: the engine, restricted level (which includes every baseline check), latest version.
  evaluatePodSecurity(pods[0], { level: 'restricted', version: 'latest' });
  const k0 = performance.now();
  let rejected = 0;
  for (const pod of pods) if (!evaluatePodSecurity(pod, { level: 'restricted', version: 'latest' }).allowed) rejected++;
  const kubecisMs = performance.now() - k0;
  const kubecis = { ms: kubecisMs, podsPerSecond: (count / kubecisMs) * 1000, rejected };

  let monokle: MonokleResult['monokle'];
  try {
    const { MonokleValidator, DefaultPluginLoader, ResourceParser, DisabledFixer, SchemaLoader } = await import('@monokle/validation');
    // Every rule of the plugin, baseline (PSS1xx) and restricted (PSS2xx, off by default), as kubecis checks restricted.
    const rules = Object.fromEntries([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 201, 202, 203, 204, 205, 206].map((id) => [`PSS${String(id)}`, 'err' as const]));
    const config = { plugins: { 'pod-security-standards': true }, rules };
    const validator = new MonokleValidator({ loader: new DefaultPluginLoader(), parser: new ResourceParser(), schemaLoader: new SchemaLoader(), suppressors: [], fixer: new DisabledFixer() }, config);
    await validator.preload(config);
    // Monokle resources carry their text (for locations); JSON is YAML, so the pod's JSON is its text.
    const resources = pods.map((pod, i) => {
      const metadata = pod['metadata'] as { name: string; namespace: string };
      const text = JSON.stringify(pod, null, 2);
      return { id: `pod-${String(i)}`, fileId: `pods-${String(i)}`, filePath: `pods/${String(i)}.yaml`, fileOffset: 0, name: metadata.name, apiVersion: 'v1', kind: 'Pod', namespace: metadata.namespace, content: pod, text };
    });
    const m0 = performance.now();
    const response = await validator.validate({ resources });
    const monokleMs = performance.now() - m0;
    const results = response.runs.flatMap((run) => run.results);
    const withProblems = new Set(results.map((r) => r.locations?.[1]?.physicalLocation?.artifactLocation?.uri ?? ''));
    monokle = { ms: monokleMs, podsPerSecond: (count / monokleMs) * 1000, problems: results.length, podsWithProblems: withProblems.size };
  } catch (error) {
    monokle = { error: error instanceof Error ? error.message : String(error) };
  }
  return { pods: count, kubecis, monokle };
}

// ---------------------------------------------------------------------------------------------
// The orchestrator

interface SizeResult {
  readonly size: number;
  readonly objects: number;
  readonly dumpBytes: number;
  readonly findings: number;
  readonly floorMs: number;
  readonly floorProcessMs: number;
  readonly floorProcessRssBytes: number;
  readonly snapshotMs: number;
  readonly evaluateMs: number;
  readonly e2eMs: number;
  readonly e2eRssBytes: number;
  readonly e2ePhases: Record<string, number>;
  readonly evaluateObject: InProcessResult['evaluateObject'];
  readonly ratios: { readonly snapshot: number; readonly evaluate: number; readonly e2e: number; readonly e2eToInProcessFloor: number; readonly memory: number };
}

function dumpFile(size: number): { file: string; objects: number; bytes: number } {
  const generator = readFileSync(join(root, 'bench', 'generate-cluster.ts'));
  const hash = createHash('sha256').update(generator).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), 'kubecis-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `cluster-${label(size)}-${hash}.json`);
  const meta = `${file}.meta`;
  if (!existsSync(file) || !existsSync(meta)) {
    process.stderr.write(`  generating ${label(size)} objects -> ${file}\n`);
    const made = worker('generate', [String(size), file]) as { objects: number; bytes: number };
    writeFileSync(meta, JSON.stringify(made));
  }
  const made = JSON.parse(readFileSync(meta, 'utf8')) as { objects: number; bytes: number };
  return { file, ...made };
}

/** The CLI's phase timings from its --verbose line (`snapshot 12.3 ms, evaluate …`). */
function phasesOf(stderr: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const match of stderr.matchAll(/(\w+) (\d+(?:\.\d+)?) ms/g)) phases[match[1]!] = Number(match[2]);
  return phases;
}

const floorScript = (kind: 'json' | 'yaml'): string =>
  kind === 'json'
    ? "const fs=require('node:fs');JSON.parse(fs.readFileSync(process.argv[1],'utf8'));"
    : "const fs=require('node:fs');const y=require(require.resolve('js-yaml',{paths:[process.argv[2]]}));for(const f of fs.readFileSync(process.argv[1],'utf8').split('\\n'))if(f)y.loadAll(fs.readFileSync(f,'utf8'));";

function measureSize(size: number, options: Options): SizeResult {
  const dump = dumpFile(size);
  process.stderr.write(`  ${label(size)}: in-process phases\n`);
  const inProcess = worker('measure', [dump.file, String(options.runs)]) as InProcessResult;
  process.stderr.write(`  ${label(size)}: floor and CLI processes\n`);
  const floorRuns: ProcessRun[] = [];
  const cliRuns: ProcessRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    floorRuns.push(timedProcess(['-e', floorScript('json'), dump.file]));
    const run = timedProcess([cli, 'scan', dump.file, '--format', 'json', '--fail-on', 'never', '-o', '/dev/null', '--verbose']);
    if (run.code !== 0) throw new Error(`kubecis scan exited ${String(run.code)}: ${run.stderr.slice(0, 2000)}`);
    cliRuns.push(run);
  }
  if (options.cpuProf) {
    const dir = join(root, 'bench-results', 'profiles');
    mkdirSync(dir, { recursive: true });
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `cli-${label(size)}.cpuprofile`, cli, 'scan', dump.file, '--format', 'json', '--fail-on', 'never', '-o', '/dev/null'], { stdio: 'ignore' });
    process.stderr.write(`  ${label(size)}: CPU profile in ${dir}\n`);
  }
  const floorProcess = medianRun(floorRuns);
  const e2e = medianRun(cliRuns);
  const medianCli = [...cliRuns].sort((a, b) => a.wallMs - b.wallMs)[cliRuns.length >> 1]!;
  return {
    size,
    objects: inProcess.objects,
    dumpBytes: dump.bytes,
    findings: inProcess.findings,
    floorMs: inProcess.floorMs,
    floorProcessMs: floorProcess.wallMs,
    floorProcessRssBytes: floorProcess.maxRssBytes,
    snapshotMs: inProcess.snapshotMs,
    evaluateMs: inProcess.evaluateMs,
    e2eMs: e2e.wallMs,
    e2eRssBytes: e2e.maxRssBytes,
    e2ePhases: phasesOf(medianCli.stderr),
    evaluateObject: inProcess.evaluateObject,
    ratios: {
      snapshot: inProcess.snapshotMs / inProcess.floorMs,
      evaluate: inProcess.evaluateMs / inProcess.floorMs,
      e2e: e2e.wallMs / floorProcess.wallMs,
      e2eToInProcessFloor: e2e.wallMs / inProcess.floorMs,
      memory: e2e.maxRssBytes / dump.bytes,
    },
  };
}

interface YamlResult {
  readonly files: number;
  readonly bytes: number;
  readonly floorProcessMs: number;
  readonly e2eMs: number;
  readonly e2eRssBytes: number;
  readonly e2ePhases: Record<string, number>;
  readonly ratio: number;
}

function measureYaml(options: Options): YamlResult | { skipped: string } {
  if (!existsSync(corpus)) return { skipped: `the corpus is not at ${corpus} (see DESIGN.md: ../shared/corpus); the YAML comparison was skipped` };
  // The floor reads the very files the CLI reads (it skips Chart.yaml, values files and the like).
  const inputs = resolveInputs(['.'], corpus);
  const files = inputs.files.flatMap((f) => (f.path === null ? [] : [f.path]));
  const list = join(tmpdir(), `kubecis-bench-yaml-files-${String(process.pid)}`);
  writeFileSync(list, `${files.join('\n')}\n`);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const floorRuns: ProcessRun[] = [];
  const cliRuns: ProcessRun[] = [];
  const kubecisPackage = join(root, 'packages', 'kubecis');
  for (let r = 0; r < Math.max(3, options.runs); r++) {
    floorRuns.push(timedProcess(['-e', floorScript('yaml'), list, kubecisPackage]));
    const run = timedProcess([cli, 'scan', '.', '--format', 'json', '--fail-on', 'never', '-o', '/dev/null', '--verbose'], corpus);
    if (run.code !== 0) throw new Error(`kubecis scan of the corpus exited ${String(run.code)}: ${run.stderr.slice(0, 2000)}`);
    cliRuns.push(run);
  }
  rmSync(list, { force: true });
  const floor = medianRun(floorRuns);
  const e2e = medianRun(cliRuns);
  const medianCli = [...cliRuns].sort((a, b) => a.wallMs - b.wallMs)[cliRuns.length >> 1]!;
  return { files: files.length, bytes, floorProcessMs: floor.wallMs, e2eMs: e2e.wallMs, e2eRssBytes: e2e.maxRssBytes, e2ePhases: phasesOf(medianCli.stderr), ratio: e2e.wallMs / floor.wallMs };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

const targets = { e2e: 1.5, evaluate: 0.5, scaling: 2.2, memory: 3, yaml: 1.5 } as const;
const verdict = (value: number, limit: number): string => (Number.isFinite(value) ? (value <= limit ? 'holds' : 'MISSED') : 'n/a');

function orchestrate(options: Options): void {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (pnpm build), or run pnpm bench`);
  const started = new Date();
  process.stderr.write(`kubecis scale benchmark: sizes ${options.sizes.map(label).join(', ')}, ${String(options.runs)} run(s) each\n`);
  const sizes: SizeResult[] = [];
  for (const size of options.sizes) sizes.push(measureSize(size, options));
  let yaml: YamlResult | { skipped: string } | null = null;
  if (options.yaml) {
    process.stderr.write('  YAML corpus\n');
    yaml = measureYaml(options);
  }
  let monokle: MonokleResult | null = null;
  if (options.monokle) {
    process.stderr.write(`  Pod Security: ${String(options.pods)} pods, kubecis engine and @monokle/validation\n`);
    monokle = worker('monokle', [String(options.pods)], ['--max-old-space-size=8192']) as MonokleResult;
  }

  // The record first: a table that cannot be printed must not cost the numbers.
  const at = (size: number): SizeResult | undefined => sizes.find((s) => s.size === size);
  const s100 = at(100_000);
  const s200 = at(200_000);
  const scaling = s100 && s200 ? s200.e2eMs / s100.e2eMs : Number.NaN;
  const record = {
    startedAt: started.toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', totalMemoryBytes: totalmem() },
    options: { sizes: options.sizes, runs: options.runs },
    targets,
    sizes,
    scaling100kTo200k: { e2e: scaling, evaluate: s100 && s200 ? s200.evaluateMs / s100.evaluateMs : null, snapshot: s100 && s200 ? s200.snapshotMs / s100.snapshotMs : null },
    yaml,
    monokle,
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(record, null, 2)}\n`);
  const out: string[] = [];
  out.push(
    table(
      ['size', 'objects', 'dump MB', 'floor ms', 'createSnapshot ms', 'evaluate ms', 'e2e ms', 'peak RSS MB', 'evaluateObject ms (namespaced; cluster-scoped)'],
      sizes.map((s) => [
        label(s.size),
        String(s.objects),
        mb(s.dumpBytes),
        `${ms(s.floorMs)} (proc ${ms(s.floorProcessMs)})`,
        `${ms(s.snapshotMs)} (${ratio(s.ratios.snapshot)})`,
        `${ms(s.evaluateMs)} (${ratio(s.ratios.evaluate)})`,
        `${ms(s.e2eMs)} (${ratio(s.ratios.e2e)})`,
        `${mb(s.e2eRssBytes)} (${ratio(s.ratios.memory)})`,
        `${ms(s.evaluateObject.namespaced.medianMs)} (p95 ${ms(s.evaluateObject.namespaced.p95Ms)}); ${ms(s.evaluateObject.clusterScoped.medianMs)}`,
      ]),
    ),
  );
  out.push('floor: read + JSON.parse in-process (median); proc: the same as a fresh `node` process. Ratios: createSnapshot and evaluate to the in-process');
  out.push('floor, e2e (`kubecis scan --format json`, fresh process) to the floor process, peak RSS of the CLI to the dump size.');
  const summary: [string, string, string, string][] = [];
  if (s100) {
    summary.push(['e2e / floor (100k)', ratio(s100.ratios.e2e), `<= ${String(targets.e2e)}x`, verdict(s100.ratios.e2e, targets.e2e)]);
    summary.push(['evaluate / floor (100k)', ratio(s100.ratios.evaluate), `<= ${String(targets.evaluate)}x`, verdict(s100.ratios.evaluate, targets.evaluate)]);
    summary.push(['peak RSS / dump size (100k)', ratio(s100.ratios.memory), `<= ${String(targets.memory)}x`, verdict(s100.ratios.memory, targets.memory)]);
  }
  if (s100 && s200) {
    summary.push(['e2e scaling 100k -> 200k', ratio(scaling), `<= ${String(targets.scaling)}x`, verdict(scaling, targets.scaling)]);
    summary.push(['evaluate scaling 100k -> 200k', ratio(s200.evaluateMs / s100.evaluateMs), '', '']);
  }
  if (yaml !== null && 'ratio' in yaml) summary.push(['YAML corpus: e2e / js-yaml loadAll', ratio(yaml.ratio), `<= ${String(targets.yaml)}x`, verdict(yaml.ratio, targets.yaml)]);
  if (summary.length > 0) out.push('', table(['target', 'measured', 'target', 'verdict'], summary));
  if (yaml !== null) {
    out.push('');
    if ('skipped' in yaml) out.push(`YAML: ${yaml.skipped}`);
    else
      out.push(
        `YAML corpus (${String(yaml.files)} files, ${mb(yaml.bytes)} MB): kubecis scan ${ms(yaml.e2eMs)} ms, read + js-yaml loadAll ${ms(yaml.floorProcessMs)} ms` +
          ` (both fresh processes): ${ratio(yaml.ratio)}; CLI phases ${Object.entries(yaml.e2ePhases).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`,
      );
  }
  if (monokle !== null) {
    out.push('');
    const k = monokle.kubecis;
    out.push(`Pod Security, ${String(monokle.pods)} pods: kubecis engine ${ms(k.ms)} ms (${Math.round(k.podsPerSecond).toLocaleString('en')} pods/s, ${String(k.rejected)} rejected at restricted)`);
    if ('error' in monokle.monokle) out.push(`  @monokle/validation failed: ${monokle.monokle.error}`);
    else {
      const m = monokle.monokle;
      out.push(`  @monokle/validation PSS plugin ${ms(m.ms)} ms (${Math.round(m.podsPerSecond).toLocaleString('en')} pods/s, ${String(m.problems)} problems in ${String(m.podsWithProblems)} pods): kubecis is ${(k.podsPerSecond / m.podsPerSecond).toFixed(1)}x as fast`);
    }
  }
  process.stdout.write(`\n${out.join('\n')}\n`);

  process.stderr.write(`\nwritten to ${options.out}\n`);
}

// ---------------------------------------------------------------------------------------------

async function mainEntry(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--worker') {
    const [, mode, a, b] = argv;
    let result: unknown;
    if (mode === 'generate') result = generateWorker(Number(a), b!);
    else if (mode === 'measure') result = measureWorker(a!, Number(b));
    else if (mode === 'monokle') result = await monokleWorker(Number(a));
    else throw new Error(`unknown worker mode ${String(mode)}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  orchestrate(parseOptions(argv));
}

await mainEntry(process.argv.slice(2));
