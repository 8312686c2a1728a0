// Generates rule docs, package README rule tables, the root README's control list and the control
// pages (docs/controls) from rule meta and the example manifests in docs/examples. `pnpm run docs`
// writes them; test/docs.test.ts fails when any is out of date or an example stops failing or passing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AnyRule, Benchmark, ControlDefinition, ControlType, Pack } from '@kubecis/core';
import { main } from '../packages/kubecis/src/cli/main.js';

const benchmarkOrder = ['cis-1.7', 'cis-1.8', 'cis-1.9', 'cis-1.10', 'cis-1.11', 'cis-1.12', 'cis-2.0'];

export function slugOf(rule: AnyRule): string {
  return rule.id.slice(rule.id.indexOf('/') + 1);
}

function controlsLine(rule: AnyRule): string {
  const entries = Object.entries(rule.meta.controls).sort(([a], [b]) => benchmarkOrder.indexOf(a) - benchmarkOrder.indexOf(b));
  if (entries.length === 0) return 'none';
  return entries.map(([benchmark, ids]) => `${benchmark}: ${ids.join(', ')}`).join('; ');
}

interface ZodLike {
  readonly shape?: Record<string, { description?: string; def?: { defaultValue?: unknown; type?: string } }>;
}

function optionsSection(rule: AnyRule): string[] {
  const schema = rule.meta.options as unknown as ZodLike | undefined;
  const shape = schema?.shape;
  if (!shape || Object.keys(shape).length === 0) return ['This rule has no options.'];
  const lines = ['| option | default | description |', '| --- | --- | --- |'];
  let defaults: Record<string, unknown>;
  try {
    defaults = rule.parseOptions({}) as Record<string, unknown>;
  } catch {
    defaults = {};
  }
  for (const [name, field] of Object.entries(shape)) {
    const value = defaults[name];
    lines.push(`| \`${name}\` | ${value === undefined ? '' : `\`${JSON.stringify(value)}\``} | ${(field.description ?? '').replace(/\|/g, '\\|')} |`);
  }
  return lines;
}

/** The Markdown doc of one rule. */
export function ruleDoc(rule: AnyRule): string {
  const m = rule.meta;
  const lines = [
    `# ${rule.id}`,
    '',
    `> ${m.title}`,
    '',
    `${m.description}.`,
    '',
    `- **Severity:** ${m.severity}`,
    `- **Type:** ${m.type}`,
    `- **CIS controls:** ${controlsLine(rule)}`,
    ...(m.tags && m.tags.length > 0 ? [`- **Tags:** ${m.tags.join(', ')}`] : []),
    ...(m.deprecated ? [`- **Deprecated**${m.replacedBy ? `: use ${m.replacedBy.join(', ')}` : ''}`] : []),
    '',
    '## Why',
    '',
    m.rationale,
    '',
    '## How to fix',
    '',
    m.remediation,
    '',
    '## Options',
    '',
    ...optionsSection(rule),
    '',
    '## Messages',
    '',
    '| id | message |',
    '| --- | --- |',
    ...Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, '\\|')} |`),
    '',
    '<!-- Generated from the rule\'s meta by `pnpm run docs`; edit the rule, not this file. -->',
    '',
  ];
  return lines.join('\n');
}

/** The rules table of a pack's README. */
export function rulesTable(pack: Pack): string {
  const lines = ['| rule | title | severity | type | cis-1.10 |', '| --- | --- | --- | --- | --- |'];
  for (const rule of pack.rules) {
    lines.push(`| [\`${rule.id}\`](docs/rules/${slugOf(rule)}.md) | ${rule.meta.title} | ${rule.meta.severity} | ${rule.meta.type} | ${(rule.meta.controls['cis-1.10'] ?? []).join(', ')} |`);
  }
  return lines.join('\n');
}

/** The root README's list of controls of a benchmark, with their type and the rules that evaluate them. */
export function controlsTable(benchmark: Benchmark, packageOfRule: (rule: AnyRule) => string): string {
  const lines = [`| ${benchmark.id} | control | CIS type | kubecis rules |`, '| --- | --- | --- | --- |'];
  for (const control of benchmark.controls) {
    const rules = benchmark.rules.filter((r) => (r.meta.controls[benchmark.id] ?? []).includes(control.id));
    const links = rules.map((r) => `[\`${r.id}\`](packages/${packageOfRule(r)}/docs/rules/${slugOf(r)}.md)`).join(', ');
    lines.push(`| [${control.id}](${pagePath(benchmark.id, control.id)}) | ${control.title} | ${control.type === 'automated' ? 'Automated' : 'Manual'} | ${links === '' ? 'not evaluated yet' : links} |`);
  }
  return lines.join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1 || j < i) throw new Error(`markers ${start} … ${end} not found`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

// ---------------------------------------------------------------------------------------------
// Control pages: docs/controls/<benchmark>/<id>.md, one per control of the default benchmark,
// with a failing and a passing manifest from docs/examples/<id>/ and what `kubecis scan` reports
// on them. The examples are scanned when the pages are generated and when they are checked, so
// a page shows real output and an example that stops failing (or passing) fails the docs test.
// ---------------------------------------------------------------------------------------------

/** The kinds of example a control can have, and the control status each must produce. */
export const exampleKinds = [
  { kind: 'fail', file: 'fail.yaml', status: 'FAIL', heading: 'A failing example' },
  { kind: 'warn', file: 'warn.yaml', status: 'WARN', heading: 'An example kubecis cannot settle (WARN)' },
  { kind: 'pass', file: 'pass.yaml', status: 'PASS', heading: 'A passing example' },
] as const;
export type ExampleKind = (typeof exampleKinds)[number]['kind'];

/** One example manifest and what kubecis reported on it. */
export interface ExampleRun {
  readonly kind: ExampleKind;
  readonly file: string;
  /** The manifest, as stored. */
  readonly yaml: string;
  /** The control's status in the JSON report. */
  readonly status: string;
  /** The findings of the control's rules, as the JSON report gives them. */
  readonly findings: readonly { readonly ruleId: string; readonly status: string; readonly messageId: string; readonly exempted: boolean }[];
  /** Problems reading the manifest (the JSON report's diagnostics). */
  readonly diagnostics: readonly string[];
  /** The control's lines of the text report (`kubecis scan FILE --verbose`). */
  readonly text: string;
  /** The control's line in the text report was found. */
  readonly textFound: boolean;
}

/** Everything a control page is made of. */
export interface ControlPageInput {
  readonly benchmark: Benchmark;
  readonly control: ControlDefinition;
  /** Every shipped benchmark, oldest first, for the ids of the control in each version. */
  readonly benchmarks: readonly Benchmark[];
  /** The package directory of a rule (`rules-rbac`). */
  readonly packageOfRule: (rule: AnyRule) => string;
  readonly examples: readonly ExampleRun[];
  /** Hand-written notes on what a person must check (docs/examples/<id>/manual.md), or null. */
  readonly manual: string | null;
}

const typeLabel = (type: ControlType): string => (type === 'automated' ? 'Automated' : 'Manual');

/** The rules of a benchmark that evaluate one of its controls. */
export function rulesOfControl(benchmark: Benchmark, controlId: string): AnyRule[] {
  return benchmark.rules.filter((r) => (r.meta.controls[benchmark.id] ?? []).includes(controlId));
}

const normaliseTitle = (title: string): string => title.toLowerCase().replace(/[.\s]+$/, '').replace(/\s+/g, ' ');

/**
 * The same control in another benchmark version: through the ids its rules give for that version,
 * else by title (controls nothing evaluates yet). `undefined` when the version does not have it.
 */
export function counterpart(from: Benchmark, control: ControlDefinition, to: Benchmark): ControlDefinition | undefined {
  if (from.id === to.id) return control;
  const ids = new Set(rulesOfControl(from, control.id).flatMap((r) => r.meta.controls[to.id] ?? []));
  const byId = to.controls.find((c) => ids.has(c.id));
  if (byId !== undefined || ids.size > 0) return byId;
  const title = normaliseTitle(control.title);
  return to.controls.find((c) => normaliseTitle(c.title) === title);
}

const pagePath = (benchmarkId: string, controlId: string): string => `docs/controls/${benchmarkId}/${controlId}.md`;
const ruleDocPath = (rule: AnyRule, packageOfRule: (rule: AnyRule) => string): string => `packages/${packageOfRule(rule)}/docs/rules/${slugOf(rule)}.md`;
/** From a control page up to the repository root. */
const pageToRoot = '../../../';

function kubecisAutomation(rules: readonly AnyRule[], notes: boolean): string {
  if (rules.length === 0) return 'Not evaluated: a person checks it (see below)';
  if (rules.every((r) => r.meta.type === 'automated')) {
    return notes ? 'Automated: the objects settle what they can show; see below for what a person checks beyond them' : 'Automated: the objects settle the control';
  }
  return 'Manual assist: kubecis gives a verdict with the evidence it found, and a person confirms what objects cannot show';
}

/** The status line of a control as the text report prints it, and the indented lines that follow. */
export function controlLines(text: string, controlId: string): { lines: string; found: boolean } {
  const all = text.split('\n');
  const start = all.findIndex((line) => /^\[[A-Z]+\]/.test(line) && line.replace(/^\[[A-Z]+\]\s+/, '').startsWith(`${controlId} `));
  if (start === -1) return { lines: '', found: false };
  let end = start + 1;
  while (end < all.length && (all[end] ?? '').startsWith(' ')) end++;
  return { lines: all.slice(start, end).join('\n'), found: true };
}

function fence(language: string, text: string): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return [`${marks}${language}`, body, marks];
}

/** The Markdown page of one control. */
export function controlDoc(input: ControlPageInput): string {
  const { benchmark, control } = input;
  const rules = rulesOfControl(benchmark, control.id);
  const section = benchmark.sections.find((s) => s.id === control.section);
  const examplesDir = `docs/examples/${control.id}`;
  const examplesLink = `../../examples/${control.id}`;
  const ruleLink = (rule: AnyRule): string => `[\`${rule.id}\`](${pageToRoot}${ruleDocPath(rule, input.packageOfRule)})`;

  const lines: string[] = [
    `# ${control.id} ${control.title}`,
    '',
    `[All controls](../README.md) · ${benchmark.id} · section ${section === undefined ? control.section : `${section.id} ${section.title}`}`,
    '',
    '| | |',
    '| --- | --- |',
    `| **CIS type** | ${typeLabel(control.type)} |`,
    `| **kubecis** | ${kubecisAutomation(rules, input.manual !== null)} |`,
  ];
  if (rules.length > 0) {
    lines.push(`| **${rules.length === 1 ? 'Rule' : 'Rules'}** | ${rules.map((r) => `${ruleLink(r)} (${r.meta.type}, severity ${r.meta.severity})`).join('<br>')} |`);
  }
  lines.push('');

  lines.push('## In each benchmark version', '', '| benchmark | id | title | CIS type |', '| --- | --- | --- | --- |');
  for (const other of input.benchmarks) {
    const same = counterpart(benchmark, control, other);
    if (same === undefined) lines.push(`| ${other.id} | — | not in this version | |`);
    else lines.push(`| ${other.id} | ${same.id} | ${same.title === control.title ? 'same' : same.title} | ${typeLabel(same.type)} |`);
  }
  lines.push('');

  if (rules.length > 0) {
    lines.push('## What kubecis checks', '');
    for (const rule of rules) {
      if (rules.length > 1) lines.push(`### ${rule.id}`, '');
      lines.push(`${rule.meta.description}.`, '');
    }
    lines.push('## Why it matters', '');
    for (const rule of rules) lines.push(rule.meta.rationale, '');
    lines.push('## How to fix', '');
    for (const rule of rules) lines.push(rule.meta.remediation, '');
  } else {
    lines.push('## What kubecis checks', '', 'Nothing yet: no kubecis rule evaluates this control, so a scan reports it as not evaluated.', '');
  }

  if (input.manual !== null) {
    lines.push('## What a person checks', '', input.manual.trim(), '');
  }

  if (input.examples.length > 0) {
    lines.push(
      '## Examples',
      '',
      `The manifests live in [\`${examplesDir}/\`](${examplesLink}/). Under each is what \`kubecis scan <file> --verbose\` prints for this control under ${benchmark.id}, captured when this page was generated. The docs test scans the manifests again, under every version that has the control, and fails when one no longer gives the status shown here.`,
      '',
    );
    for (const spec of exampleKinds) {
      for (const example of input.examples.filter((e) => e.kind === spec.kind)) {
        lines.push(`### ${spec.heading}: [\`${example.file}\`](${examplesLink}/${example.file})`, '', ...fence('yaml', example.yaml), '');
        lines.push(`\`kubecis scan ${example.file} --verbose\` reports **${example.status}**:`, '', ...fence('text', example.text), '');
      }
    }
  }

  lines.push('<!-- Generated from the rules\' meta and docs/examples by `pnpm run docs`; edit those, not this file. -->', '');
  return lines.join('\n');
}

/** docs/controls/README.md: every control of the benchmark, linked to its page, and its ids across versions. */
export function controlsIndex(benchmark: Benchmark, benchmarks: readonly Benchmark[], packageOfRule: (rule: AnyRule) => string, hasExamples: (controlId: string) => boolean): string {
  const lines: string[] = [
    '# CIS controls',
    '',
    `One page per control of ${benchmark.title}, the default benchmark of kubecis. Each page says what kubecis checks, why it matters and how to fix it, lists the control's id in every supported version, and shows a failing and a passing manifest with the findings \`kubecis scan\` reports on them. The pages are generated from the rules' meta and the manifests in [docs/examples](../examples/) by \`pnpm run docs\`, and the docs test fails when a page is out of date or an example no longer fails or passes as its page says.`,
    '',
    '"CIS type" is how the benchmark marks the control: *Automated* when its assessment can be fully scripted, *Manual* when a person has to judge. kubecis gives a verdict with object-level evidence for every control it has a rule for, whatever its CIS type: *automated* rules settle the control from the objects, *manual-assist* rules give a verdict and their page says what a person must still confirm.',
    '',
  ];
  for (const section of benchmark.sections) {
    lines.push(`## ${section.id} ${section.title}`, '', '| control | CIS type | kubecis | rules | examples |', '| --- | --- | --- | --- | --- |');
    for (const control of benchmark.controls.filter((c) => c.section === section.id)) {
      const rules = rulesOfControl(benchmark, control.id);
      const kind = rules.length === 0 ? 'not evaluated' : rules.every((r) => r.meta.type === 'automated') ? 'automated' : 'manual-assist';
      const links = rules.map((r) => `[\`${r.id}\`](../../${ruleDocPath(r, packageOfRule)})`).join(', ');
      lines.push(`| [${control.id} ${control.title}](${benchmark.id}/${control.id}.md) | ${typeLabel(control.type)} | ${kind} | ${links === '' ? '—' : links} | ${hasExamples(control.id) ? 'yes' : '—'} |`);
    }
    lines.push('');
  }
  const others = benchmarks.filter((b) => b.id !== benchmark.id);
  lines.push(
    '## Control ids in other versions',
    '',
    'CIS renumbers controls between versions: 5.2.9 (added capabilities) is gone from cis-1.12, which shifts the controls after it, and General Policies moved from 5.7 to 5.6 in cis-1.11. The same control in every version:',
    '',
    `| ${benchmark.id} | ${others.map((b) => b.id).join(' | ')} |`,
    `| --- | ${others.map(() => '---').join(' | ')} |`,
  );
  for (const control of benchmark.controls) {
    const cells = others.map((b) => {
      const same = counterpart(benchmark, control, b);
      return same === undefined ? '—' : same.id === control.id ? same.id : `**${same.id}**`;
    });
    lines.push(`| [${control.id}](${benchmark.id}/${control.id}.md) | ${cells.join(' | ')} |`);
  }
  lines.push('', '<!-- Generated by `pnpm run docs`; edit scripts/docs.ts and docs/examples, not this file. -->', '');
  return lines.join('\n');
}

/** The README's pointer to the control pages. */
export function controlDocsSection(benchmark: Benchmark): string {
  return `Every control has a page in [docs/controls](docs/controls/README.md): what kubecis checks, why it matters, how to fix it, the control's id in each CIS version, and a failing and a passing manifest with the findings \`kubecis scan\` reports on them (verified by the docs test against ${benchmark.id}).`;
}

/** The date examples are scanned on (exemption expiry is the only thing that reads it). */
const exampleDate = new Date('2026-01-01T00:00:00Z');

async function scanFile(dir: string, file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', file, '--no-config', '--fail-on', 'never', ...args], {
    stdin: Readable.from([]) as AsyncIterable<Uint8Array>,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: dir,
    env: {},
    now: () => exampleDate,
  });
  return { code, stdout, stderr };
}

interface JsonReport {
  readonly controls: readonly { readonly id: string; readonly status: string; readonly findings: ExampleRun['findings'] }[];
  readonly diagnostics: readonly { readonly severity: string; readonly message: string; readonly source: { readonly file: string; readonly line: number } | null }[];
}

/** `kubecis scan FILE --benchmark ID --format json`, run in the example's directory. */
async function scanJson(dir: string, file: string, benchmarkId: string): Promise<JsonReport> {
  const json = await scanFile(dir, file, ['--benchmark', benchmarkId, '--format', 'json']);
  try {
    return JSON.parse(json.stdout) as JsonReport;
  } catch {
    throw new Error(`kubecis scan ${join(dir, file)} --benchmark ${benchmarkId} printed no JSON report (exit ${String(json.code)}): ${json.stderr}`);
  }
}

/** The status `kubecis scan FILE --benchmark ID` gives one control (under that version's id for it). */
export async function exampleStatus(dir: string, file: string, benchmarkId: string, controlId: string): Promise<string> {
  const report = await scanJson(dir, file, benchmarkId);
  return report.controls.find((c) => c.id === controlId)?.status ?? 'MISSING';
}

/** Scans one example manifest with the kubecis CLI (in-process) and keeps what it reports for the control. */
export async function runExample(dir: string, kind: ExampleKind, benchmarkId: string, controlId: string): Promise<ExampleRun> {
  const file = exampleKinds.find((k) => k.kind === kind)?.file ?? `${kind}.yaml`;
  const yaml = readFileSync(join(dir, file), 'utf8');
  const report = await scanJson(dir, file, benchmarkId);
  const text = await scanFile(dir, file, ['--benchmark', benchmarkId, '--format', 'text', '--verbose']);
  const control = report.controls.find((c) => c.id === controlId);
  const lines = controlLines(text.stdout, controlId);
  return {
    kind,
    file,
    yaml,
    status: control?.status ?? 'MISSING',
    findings: control?.findings ?? [],
    diagnostics: report.diagnostics.map((d) => `${d.severity}${d.source === null ? '' : ` ${d.source.file}:${String(d.source.line)}`}: ${d.message}`),
    text: lines.lines,
    textFound: lines.found,
  };
}
