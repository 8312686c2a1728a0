// kube-bench's JSON for a parity report, closer to what kube-bench prints than core's generic
// kube-bench formatter can be: `scored` as kube-bench has it (false for every section-5 check
// since v0.14.0; core prints `true` for every evaluated control), kube-bench's `expected_result`
// and `IsMultiple`, `actual_value` as kube-bench's own audit lines, and a remediation for every check.

import {
  goJson,
  toKubeBench,
  type ControlResult,
  type KubeBenchCheck,
  type KubeBenchControls,
  type KubeBenchFormatOptions,
  type KubeBenchGroup,
  type KubeBenchOverall,
  type Report,
} from '@kubecis/core';
import { audits, auditedChecks, isKubeBenchVersion, isScored, type AuditId, type KubeBenchScoring } from './catalogue.js';

export interface KubeBenchParityFormatOptions extends Omit<KubeBenchFormatOptions, 'rules'> {
  /** The scoring the report was made with (`KubeBenchParityOptions.scoring`); default `current`. */
  readonly scoring?: KubeBenchScoring;
}

function remediationOf(control: ControlResult, audit: AuditId | undefined, options: KubeBenchParityFormatOptions, benchmarkId: string): string {
  if (audit !== undefined) return audits[audit].remediation;
  // kube-bench has no audit here; its remediation is CIS guidance, which kubecis's rules for the control restate.
  const texts = (options.benchmark?.rules ?? [])
    .filter((rule) => (rule.meta.controls[benchmarkId] ?? []).includes(control.id))
    .map((rule) => rule.meta.remediation);
  const unique = [...new Set(texts)];
  return unique.length > 0 ? unique.join('\n') : `Review control ${control.id} by hand, following the CIS Kubernetes Benchmark's remediation (kube-bench has no audit for it).`;
}

function actualValue(control: ControlResult, audit: AuditId): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const finding of control.findings) {
    const line = finding.data['kubeBenchLine'];
    if (typeof line !== 'string' || seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines.length > 0 ? lines.join('\n') : audits[audit].emptyOutput;
}

function patchCheck(check: KubeBenchCheck, control: ControlResult | undefined, audited: ReadonlyMap<string, AuditId>, scored: (id: string) => boolean, options: KubeBenchParityFormatOptions, benchmarkId: string): KubeBenchCheck {
  if (control === undefined) return check;
  const audit = audited.get(control.id);
  const remediation = remediationOf(control, audit, options, benchmarkId);
  const base = { ...check, remediation, test_info: [remediation], scored: scored(control.id) };
  if (audit === undefined || check.type === 'skip') {
    return { ...base, audit: audit === undefined ? '' : audits[audit].audit, actual_value: '', IsMultiple: audit === undefined ? false : audits[audit].multiple, expected_result: '' };
  }
  const info = audits[audit];
  const failed = control.status === 'ERROR';
  return {
    ...base,
    audit: info.audit,
    actual_value: failed ? (control.reason ?? '') : actualValue(control, audit),
    IsMultiple: info.multiple,
    expected_result: failed ? '' : info.expected,
  };
}

/**
 * A `kubeBenchParity` report as kube-bench's JSON data: core's `toKubeBench` structure with each
 * check's `scored`, `audit`, `expected_result`, `IsMultiple`, `actual_value` and remediation set
 * as kube-bench sets them for that check.
 */
export function toKubeBenchParity(report: Report, options: KubeBenchParityFormatOptions = {}): KubeBenchOverall | readonly KubeBenchControls[] {
  const benchmarkId = report.benchmark ?? '';
  const known = isKubeBenchVersion(benchmarkId);
  const audited = known ? auditedChecks(benchmarkId) : new Map<string, AuditId>();
  const scoring: KubeBenchScoring = options.scoring ?? 'current';
  const scored = (id: string): boolean => known && isScored(benchmarkId, id, scoring);
  const byId = new Map(report.controls.map((c) => [c.id, c]));
  const overall = toKubeBench(report, { ...options, noTotals: false });
  const controls = overall.Controls.map((c): KubeBenchControls => ({
    ...c,
    tests:
      c.tests === null
        ? null
        : c.tests.map((g): KubeBenchGroup => ({ ...g, results: g.results.map((check) => patchCheck(check, byId.get(check.test_number), audited, scored, options, benchmarkId)) })),
  }));
  if (options.noTotals === true) return controls;
  return { Controls: controls, Totals: overall.Totals };
}

/** `toKubeBenchParity` printed as kube-bench prints JSON: compact (unless `indent`), Go's escaping, a final newline. */
export function formatKubeBenchParity(report: Report, options: KubeBenchParityFormatOptions = {}): string {
  return `${goJson(toKubeBenchParity(report, options), options.indent ?? '')}\n`;
}

