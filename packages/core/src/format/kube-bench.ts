import type { AnyRule, Benchmark, ControlSection } from '../rule/types.js';
import type { ControlResult, Finding, Report } from '../report/types.js';

/**
 * kube-bench's `--json` output, key for key (aquasecurity/kube-bench `check/controls.go` and
 * `check/check.go`; ../shared/reference/kube-bench.md §4.2). Key order is the Go structs' field
 * order, which is the order `json.Marshal` prints; the three untagged Go fields keep their
 * capitalised names (`AuditEnv`, `AuditConfig`, `IsMultiple`).
 */
export interface KubeBenchCheck {
  readonly test_number: string;
  readonly test_desc: string;
  readonly audit: string;
  readonly AuditEnv: string;
  readonly AuditConfig: string;
  /** `""` (evaluated), `"manual"` (not evaluated) or `"skip"` (disabled). */
  readonly type: '' | 'manual' | 'skip';
  readonly remediation: string;
  readonly test_info: readonly string[];
  readonly status: KubeBenchState;
  readonly actual_value: string;
  readonly scored: boolean;
  readonly IsMultiple: boolean;
  readonly expected_result: string;
  /** Omitted when empty (Go `omitempty`). */
  readonly reason?: string;
}

export type KubeBenchState = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

export interface KubeBenchGroup {
  readonly section: string;
  readonly type: string;
  readonly pass: number;
  readonly fail: number;
  readonly warn: number;
  readonly info: number;
  readonly desc: string;
  readonly results: readonly KubeBenchCheck[];
}

export interface KubeBenchSummary {
  readonly total_pass: number;
  readonly total_fail: number;
  readonly total_warn: number;
  readonly total_info: number;
}

export interface KubeBenchControls extends KubeBenchSummary {
  readonly id: string;
  readonly version: string;
  /** Omitted when empty (Go `omitempty`). */
  readonly detected_version?: string;
  readonly text: string;
  readonly node_type: string;
  /** `null` when no check ran, as kube-bench prints a nil slice. */
  readonly tests: readonly KubeBenchGroup[] | null;
}

/** The top level kube-bench prints: `{ Controls, Totals }`, or the bare Controls array with `--nototals`. */
export interface KubeBenchOverall {
  readonly Controls: readonly KubeBenchControls[];
  readonly Totals: KubeBenchSummary;
}

export interface KubeBenchFormatOptions {
  /** Section (group) titles by id. Defaults to `benchmark.sections`, then to the CIS section-5 titles. */
  readonly sections?: readonly ControlSection[];
  /** Rule meta for remediation texts. `benchmark.rules` are used too. */
  readonly rules?: readonly AnyRule[];
  /** The benchmark the report was evaluated against: its section titles and rules. */
  readonly benchmark?: Benchmark;
  /** Controls `version`. Defaults to the report's benchmark id (`cis-1.10`). */
  readonly version?: string;
  /** Controls `detected_version` (kube-bench prints the Kubernetes version it detected, or `none`); omitted when unset. */
  readonly detectedVersion?: string;
  /** kube-bench's `--nototals`: print the bare array of Controls instead of `{ Controls, Totals }`. */
  readonly noTotals?: boolean;
  /**
   * Indentation for a readable file. kube-bench prints compact JSON (the default), so leave it
   * unset for byte-for-byte compatible output.
   */
  readonly indent?: string;
}

/** The CIS Kubernetes Benchmark's section-5 group titles, as kube-bench's policies.yaml names them. */
export const kubeBenchSectionTitles: Readonly<Record<string, string>> = {
  '5.1': 'RBAC and Service Accounts',
  '5.2': 'Pod Security Standards',
  '5.3': 'Network Policies and CNI',
  '5.4': 'Secrets Management',
  '5.5': 'Extensible Admission Control',
  // General Policies is 5.7 up to cis-1.10 and 5.6 from cis-1.11; neither id means anything else.
  '5.6': 'General Policies',
  '5.7': 'General Policies',
};

const policiesId = '5';
const policiesText = 'Kubernetes Policies';
const policiesNodeType = 'policies';

/** Characters of a `key: value` token that would end it or split the line. */
const tokenUnsafe = /[\s%]/g;

function token(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  return value.replace(tokenUnsafe, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

/** One finding as one `actual_value` line, in kube-bench's `key: value … is_compliant: true|false` style. */
export function kubeBenchFindingLine(finding: Finding): string {
  const ref = finding.resource;
  const parts = [
    `rule: ${token(finding.ruleId)}`,
    `status: ${finding.status}`,
    `kind: ${token(ref?.kind)}`,
    `namespace: ${token(ref?.namespace)}`,
    `name: ${token(ref?.name)}`,
    `path: ${token(finding.path)}`,
    `source: ${finding.source === null ? '-' : token(`${finding.source.file}:${String(finding.source.line)}`)}`,
  ];
  if (finding.evidence.length > 0) {
    const chain = finding.evidence.map((e) => {
      const at = [e.resource.kind, e.resource.namespace, e.resource.name].filter((s) => s !== null && s !== '').join('/');
      return `${at}${e.path === null ? '' : `#${e.path}`}@${e.relation}${e.builtIn === true ? '(built-in)' : ''}`;
    });
    parts.push(`evidence: ${token(chain.join(','))}`);
  }
  parts.push(`exempted: ${String(finding.exempted)}`);
  if (finding.exempted && finding.exemption !== null) parts.push(`exemption: ${token(finding.exemption.id)}`);
  parts.push(`is_compliant: ${String(finding.status === 'PASS' || finding.status === 'INFO')}`);
  parts.push(`message: ${oneLine(finding.message)}`);
  return parts.join(' ');
}

interface RuleIndex {
  readonly remediation: ReadonlyMap<string, string>;
}

function indexRules(options: KubeBenchFormatOptions): RuleIndex {
  const remediation = new Map<string, string>();
  for (const rule of [...(options.benchmark?.rules ?? []), ...(options.rules ?? [])]) remediation.set(rule.id, rule.meta.remediation);
  return { remediation };
}

function sectionOf(control: ControlResult): string {
  if (control.section !== null) return control.section;
  const match = /^(\d+(?:\.\d+)*)\.\d+$/.exec(control.id);
  return match?.[1] ?? '';
}

function checkOf(control: ControlResult, rules: RuleIndex): KubeBenchCheck {
  const evaluated = control.rules.length > 0;
  const skipped = control.status === 'INFO';
  const type: KubeBenchCheck['type'] = !evaluated ? 'manual' : skipped ? 'skip' : '';
  const status: KubeBenchState = control.status === 'ERROR' ? 'WARN' : control.status;

  let remediation: string;
  if (evaluated) {
    const texts = control.rules.map((id) => rules.remediation.get(id)).filter((t): t is string => t !== undefined && t !== '');
    remediation = [...new Set(texts)].join('\n');
  } else {
    remediation = `Not evaluated by kubecis: review control ${control.id} by hand, following the CIS Kubernetes Benchmark's remediation.`;
  }

  let reason: string | undefined;
  if (control.status === 'ERROR') reason = `failed to run: ${control.reason ?? 'a rule failed'}`;
  else if (!evaluated) reason = control.reason ?? 'Not evaluated: no kubecis rule implements this control; check it by hand';
  else if (skipped) reason = control.reason ?? 'Test marked as skip';

  const ran = evaluated && !skipped;
  const actual = ran ? control.findings.map(kubeBenchFindingLine).join('\n') : '';
  const anyExempted = control.findings.some((f) => f.exempted);
  const expected = ran && control.status !== 'ERROR'
    ? `'is_compliant' is equal to 'true'${anyExempted ? " OR 'exempted' is equal to 'true'" : ''}`
    : '';

  return {
    test_number: control.id,
    test_desc: `${control.title} (${control.type === 'automated' ? 'Automated' : 'Manual'})`,
    audit: evaluated ? `kubecis ${control.rules.length === 1 ? 'rule' : 'rules'} ${control.rules.join(', ')}` : '',
    AuditEnv: '',
    AuditConfig: '',
    type,
    remediation,
    test_info: [remediation],
    status,
    actual_value: actual,
    scored: ran,
    IsMultiple: ran,
    expected_result: expected,
    ...(reason === undefined || reason === '' ? {} : { reason }),
  };
}

function tally(states: readonly KubeBenchState[]): { pass: number; fail: number; warn: number; info: number } {
  const counts = { pass: 0, fail: 0, warn: 0, info: 0 };
  for (const s of states) {
    if (s === 'PASS') counts.pass++;
    else if (s === 'FAIL') counts.fail++;
    else if (s === 'WARN') counts.warn++;
    else counts.info++;
  }
  return counts;
}

/**
 * The report as kube-bench's JSON data: one Controls object (`id: "5"`, Kubernetes Policies),
 * one group per CIS section, one check per control. Statuses map as kube-bench's would:
 * ERROR becomes WARN with `reason: "failed to run: …"`; a control no rule evaluates is
 * `type: "manual"`, WARN, with the report's "Not evaluated" reason; a disabled control is
 * `type: "skip"`, INFO. `actual_value` lists every finding, one per line.
 */
export function toKubeBench(report: Report, options: KubeBenchFormatOptions & { readonly noTotals: true }): readonly KubeBenchControls[];
export function toKubeBench(report: Report, options?: KubeBenchFormatOptions & { readonly noTotals?: false }): KubeBenchOverall;
export function toKubeBench(report: Report, options?: KubeBenchFormatOptions): KubeBenchOverall | readonly KubeBenchControls[];
export function toKubeBench(report: Report, options: KubeBenchFormatOptions = {}): KubeBenchOverall | readonly KubeBenchControls[] {
  const rules = indexRules(options);
  const titles = new Map<string, string>(Object.entries(kubeBenchSectionTitles));
  for (const s of options.benchmark?.sections ?? []) titles.set(s.id, s.title);
  for (const s of options.sections ?? []) titles.set(s.id, s.title);

  const groups: { id: string; checks: KubeBenchCheck[] }[] = [];
  const byId = new Map<string, { id: string; checks: KubeBenchCheck[] }>();
  for (const control of report.controls) {
    const id = sectionOf(control);
    let group = byId.get(id);
    if (group === undefined) {
      group = { id, checks: [] };
      byId.set(id, group);
      groups.push(group);
    }
    group.checks.push(checkOf(control, rules));
  }

  const tests: KubeBenchGroup[] = groups.map((g) => {
    const c = tally(g.checks.map((check) => check.status));
    return { section: g.id, type: '', pass: c.pass, fail: c.fail, warn: c.warn, info: c.info, desc: titles.get(g.id) ?? '', results: g.checks };
  });
  const total = tally(tests.flatMap((g) => g.results.map((check) => check.status)));
  const summary: KubeBenchSummary = { total_pass: total.pass, total_fail: total.fail, total_warn: total.warn, total_info: total.info };
  const detected = options.detectedVersion;
  const controls: KubeBenchControls = {
    id: policiesId,
    version: options.version ?? report.benchmark ?? '',
    ...(detected === undefined || detected === '' ? {} : { detected_version: detected }),
    text: policiesText,
    node_type: policiesNodeType,
    tests: tests.length === 0 ? null : tests,
    ...summary,
  };
  if (options.noTotals === true) return [controls];
  return { Controls: [controls], Totals: summary };
}

/** kube-bench `--json` output for the report, as kube-bench prints it (compact, Go's escaping, a final newline). */
export function formatKubeBench(report: Report, options: KubeBenchFormatOptions = {}): string {
  return `${goJson(toKubeBench(report, options), options.indent ?? '')}\n`;
}

/** kube-bench `--junit` output for the report: kube-bench's own JUnit shape, each check's JSON in `system-out`. */
export function formatKubeBenchJunit(report: Report, options: Omit<KubeBenchFormatOptions, 'noTotals' | 'indent'> = {}): string {
  const overall = toKubeBench(report, { ...options, noTotals: false });
  return overall.Controls.map((controls) => `${kubeBenchJunitSuite(controls)}\n`).join('');
}

/** One Controls as kube-bench's `Controls.JUnit()` encodes it (Go's xml.Encoder with four-space indent). */
function kubeBenchJunitSuite(controls: KubeBenchControls): string {
  const tests = controls.total_pass + controls.total_fail + controls.total_info + controls.total_warn;
  const open = `<testsuite name="${goXml(controls.text)}" tests="${String(tests)}" failures="${String(controls.total_fail)}" errors="0" time="0">`;
  const cases: string[] = [];
  for (const group of controls.tests ?? []) {
    for (const check of group.results) {
      const lines = [`    <testcase name="${goXml(`${check.test_number} ${check.test_desc}`)}" classname="${goXml(group.desc)}" time="0">`];
      if (check.status === 'FAIL') lines.push(`        <failure type="">${goXml(check.remediation)}</failure>`);
      else if (check.status === 'WARN' || check.status === 'INFO') lines.push('        <skipped></skipped>');
      lines.push(`        <system-out>${goXml(goJson(check, ''))}</system-out>`);
      lines.push('    </testcase>');
      cases.push(lines.join('\n'));
    }
  }
  if (cases.length === 0) return `${open}</testsuite>`;
  return `${open}\n${cases.join('\n')}\n</testsuite>`;
}

/** A JSON string as Go's encoding/json writes it: HTML-safe escapes, U+2028/9 escaped, lone surrogates replaced. */
function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    switch (code) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x3c: out += '\\u003c'; break;
      case 0x3e: out += '\\u003e'; break;
      case 0x26: out += '\\u0026'; break;
      case 0x2028: out += '\\u2028'; break;
      case 0x2029: out += '\\u2029'; break;
      default:
        out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : s[i]!;
    }
  }
  return `${out}"`;
}

/** JSON in Go's encoding/json style: keys in insertion order, compact unless `indent` is given. */
export function goJson(value: unknown, indent: string, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const nl = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const close = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => `${nl}${goJson(v, indent, depth + 1)}`).join(',')}${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const sep = indent === '' ? ':' : ': ';
  return `{${entries.map(([k, v]) => `${nl}${goJsonString(k)}${sep}${goJson(v, indent, depth + 1)}`).join(',')}${close}}`;
}

/** Text and attribute escaping as Go's encoding/xml does it (`&#34;`, `&#39;`, `&#xA;`, invalid characters as U+FFFD). */
function goXml(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '&#34;'; break;
      case "'": out += '&#39;'; break;
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '\t': out += '&#x9;'; break;
      case '\n': out += '&#xA;'; break;
      case '\r': out += '&#xD;'; break;
      default: {
        const valid = code >= 0x20 ? (code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000) : false;
        out += valid ? ch : '\ufffd';
      }
    }
  }
  return out;
}
