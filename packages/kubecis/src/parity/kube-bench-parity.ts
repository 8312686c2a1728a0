// `--parity kube-bench`: the section-5 verdicts kube-bench itself prints, reproduced over a
// snapshot, as a core Report. kubecis's default report stays the correct, evidence-based one;
// this one copies kube-bench's quirks on purpose (../shared/reference/kube-bench.md §3.1-3.3) so a
// team can switch tools and compare report to report. Pure and browser-safe.

import {
  renderMessage,
  statusRank,
  summarize,
  type Benchmark,
  type ControlDefinition,
  type ControlResult,
  type ControlSection,
  type Diagnostic,
  type Finding,
  type KubeObject,
  type ObjectOrigin,
  type ObjectRef,
  type Report,
  type Severity,
  type Snapshot,
  type SourceLocation,
  type Status,
} from '@kubecis/core';
import { controlsFor } from '../benchmarks/catalogue.js';
import { auditMessages, runAudit, type AuditEntry, type AuditSettings } from './audits.js';
import {
  auditedChecks,
  isKubeBenchVersion,
  isScored,
  manualReason,
  parityRuleId,
  skipReason,
  type AuditId,
  type KubeBenchScoring,
} from './catalogue.js';

export interface KubeBenchParityOptions {
  /**
   * Count the objects every cluster has, which kube-bench always sees but a snapshot of manifests
   * usually lacks: Kubernetes' built-in roles (as @kubecis/rules-rbac encodes them, cluster-admin
   * with its `["*"]` included), the ClusterRoleBinding `cluster-admin`, and a `default`
   * ServiceAccount that leaves automountServiceAccountToken unset in every namespace (default,
   * kube-system, kube-public and kube-node-lease included). Default `true`. With `false`, only the
   * snapshot's own objects count, as if the cluster held nothing else.
   */
  readonly clusterDefaults?: boolean;
  /**
   * What stands for the pods `kubectl get pods --all-namespaces` lists: `workloads` (the default)
   * takes every object that runs pods (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs,
   * ReplicaSets, ReplicationControllers; not PodTemplates), a controller standing for the pods it
   * owns, so manifests and live snapshots give the same verdicts; `pods` takes Pod objects only,
   * exactly what kube-bench lists when the snapshot was collected from a live cluster.
   */
  readonly pods?: 'workloads' | 'pods';
  /**
   * `current` (the default): every section-5 check is unscored, as in kube-bench v0.14.0 and later,
   * so nothing is ever FAIL. `pre-v0.14.0`: 5.1.1-5.1.6 of cis-1.9 and cis-1.10 are scored, as
   * before kube-bench PR #1989, so a failed audit there is FAIL.
   */
  readonly scoring?: KubeBenchScoring;
  /** kube-bench's `--skip`: check ids (`5.1.3`) or group ids (`5.2`) reported INFO, "Test marked as skip". */
  readonly skip?: readonly string[];
  /** Resolves the source of a field inside an object (the CLI maps paths to YAML lines), as `evaluate` does. */
  readonly locate?: (origin: ObjectOrigin, path: string | null) => SourceLocation | null;
  readonly tool?: { readonly name: string; readonly version: string };
}

declare const __KUBECIS_VERSION__: string | undefined;
const kubecisVersion = typeof __KUBECIS_VERSION__ === 'string' ? __KUBECIS_VERSION__ : '0.0.0-dev';

function isObject(value: KubeObject | ObjectRef): value is KubeObject {
  return 'metadata' in value;
}

const sortKey = (f: Finding): string =>
  [f.resource?.kind ?? '', f.resource?.namespace ?? '', f.resource?.name ?? '', f.path ?? '', f.ruleId, f.messageId, f.message].join('\u0000');

/** Findings in the order `evaluate` uses: by status, then object, path, rule and message. */
function sortFindings(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((finding) => ({ finding, rank: statusRank[finding.status], key: sortKey(finding) }));
  keyed.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.finding);
}

interface Catalogue {
  readonly sections: readonly ControlSection[];
  readonly controls: readonly ControlDefinition[];
  readonly audited: ReadonlyMap<string, AuditId>;
  readonly scored: (controlId: string) => boolean;
}

function catalogueOf(benchmark: Benchmark, scoring: KubeBenchScoring, diagnostics: Diagnostic[]): Catalogue {
  const id = benchmark.id;
  if (isKubeBenchVersion(id)) {
    const { sections, controls } = controlsFor(id);
    const known = new Set(controls.map((c) => c.id));
    const extra = benchmark.controls.filter((c) => !known.has(c.id));
    if (extra.length > 0) {
      diagnostics.push({
        severity: 'info',
        message: `kube-bench parity reports kube-bench's ${String(controls.length)} section-5 checks of ${id}; ${String(extra.length)} other control(s) of the benchmark (${extra.map((c) => c.id).join(', ')}) are not kube-bench's and are left out`,
        source: null,
      });
    }
    return { sections, controls, audited: auditedChecks(id), scored: (controlId) => isScored(id, controlId, scoring) };
  }
  diagnostics.push({
    severity: 'warning',
    message: `kube-bench parity knows no kube-bench policies for benchmark "${id}"; every control is reported as kube-bench reports a manual check (WARN)`,
    source: null,
  });
  return { sections: benchmark.sections, controls: benchmark.controls, audited: new Map(), scored: () => false };
}

function matchesSkip(control: ControlDefinition, skip: ReadonlySet<string>): boolean {
  return skip.has(control.id) || (control.section !== '' && skip.has(control.section));
}

/**
 * kube-bench's verdicts for section 5 of `benchmark`'s version, over the snapshot: what
 * `kube-bench run --targets policies --benchmark <version>` would print against a cluster holding
 * these objects. Automated checks run kube-bench's audit, with its quirks (the literal `["*"]`
 * match, `.spec.containers` only, the 5.1.6 truth table, `system:authenticated`-only can-i
 * questions, empty output failing the test); manual checks are WARN with kube-bench's reason; and
 * an unscored check that fails is WARN, never FAIL. Findings carry rule ids `kube-bench/<check>`,
 * one per line of kube-bench's audit output, saying why kube-bench decides as it does. No
 * exemptions apply: kube-bench has none. Never throws: an audit that throws gives its control ERROR.
 */
export function kubeBenchParity(snapshot: Snapshot, benchmark: Benchmark, options: KubeBenchParityOptions = {}): Report {
  const diagnostics: Diagnostic[] = [...snapshot.diagnostics];
  const scoring: KubeBenchScoring = options.scoring === 'pre-v0.14.0' ? 'pre-v0.14.0' : 'current';
  const settings: AuditSettings = { clusterDefaults: options.clusterDefaults !== false, pods: options.pods === 'pods' ? 'pods' : 'workloads' };
  const catalogue = catalogueOf(benchmark, scoring, diagnostics);
  const skip = new Set(options.skip ?? []);

  const controls: ControlResult[] = catalogue.controls.map((control) => {
    const audit = catalogue.audited.get(control.id);
    const ruleId = parityRuleId(control.id);
    const base = { id: control.id, title: control.title, type: control.type, section: control.section === '' ? null : control.section };
    // kube-bench's order: skip, then manual, then the audit.
    if (matchesSkip(control, skip)) return { ...base, status: 'INFO', reason: skipReason, rules: [ruleId], findings: [] };
    if (audit === undefined) return { ...base, status: 'WARN', reason: manualReason, rules: [], findings: [] };
    const scored = catalogue.scored(control.id);
    try {
      const result = runAudit(audit, snapshot, settings);
      const findings = sortFindings(result.entries.map((e) => toFinding(snapshot, options, audit, control.id, ruleId, scored, e)));
      const status: Status = result.passed ? 'PASS' : scored ? 'FAIL' : 'WARN';
      return { ...base, status, reason: null, rules: [ruleId], findings };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finding: Finding = {
        ruleId,
        status: 'ERROR',
        severity: 'info',
        messageId: 'audit-error',
        message: `kube-bench ${control.id}: the audit failed: ${message}`,
        data: {},
        resource: null,
        path: null,
        source: null,
        evidence: [],
        exempted: false,
        exemption: null,
      };
      return { ...base, status: 'ERROR', reason: message, rules: [ruleId], findings: [finding] };
    }
  });

  return {
    tool: options.tool ?? { name: 'kubecis', version: kubecisVersion },
    benchmark: benchmark.id,
    summary: summarize(controls),
    controls,
    diagnostics,
  };
}

function toFinding(snapshot: Snapshot, options: KubeBenchParityOptions, audit: AuditId, controlId: string, ruleId: string, scored: boolean, e: AuditEntry): Finding {
  const status: Exclude<Status, 'ERROR'> = e.compliant === null ? 'INFO' : e.compliant ? 'PASS' : scored ? 'FAIL' : 'WARN';
  const severity: Severity = e.compliant === false ? 'medium' : 'info';
  const template = auditMessages[audit][e.messageId];
  if (template === undefined) throw new Error(`kube-bench ${controlId} has no message "${e.messageId}"`);
  const data = { ...e.data, check: controlId, ...(e.line === null ? {} : { kubeBenchLine: e.line }) };
  let resource: ObjectRef | null = null;
  let source: SourceLocation | null = null;
  if (e.resource !== null) {
    if (isObject(e.resource)) {
      resource = snapshot.refOf(e.resource);
      const origin = snapshot.has(e.resource) ? snapshot.origin(e.resource) : undefined;
      if (origin !== undefined) source = options.locate?.(origin, e.path) ?? origin.source;
    } else {
      resource = e.resource;
    }
  }
  return {
    ruleId,
    status,
    severity,
    messageId: e.messageId,
    message: renderMessage(template, data, ruleId, e.messageId),
    data,
    resource,
    path: e.path,
    source,
    evidence: e.evidence,
    exempted: false,
    exemption: null,
  };
}
