import type { KubeObject } from '../objects/meta.js';
import type { ObjectOrigin, ObjectRef, Snapshot, SourceLocation } from '../snapshot/types.js';
import { compileMessage, renderCompiled, type CompiledMessage } from '../rule/messages.js';
import type {
  AnyRule,
  Benchmark,
  ControlDefinition,
  Pack,
  ReportArgs,
  RuleContext,
  RuleFinding,
  Severity,
  Status,
} from '../rule/types.js';
import type { ControlResult, Finding, Report } from '../report/types.js';
import { defaultExemptions, ExemptionSchema, prepareExemption, toIsoDay, type Exemption, type PreparedExemption } from './exemptions.js';
import { statusRank, summarize } from './status.js';
import { globMatcher } from './glob.js';
import { describeIssues } from '../internal/describe.js';
import type { Diagnostic } from '../snapshot/types.js';

export interface EvaluateOptions {
  /** User exemptions; built-in defaults are added unless `strict`. */
  readonly exemptions?: readonly Exemption[];
  /** Counts what the built-in default exemptions would hide (bootstrap RBAC, system namespaces). */
  readonly strict?: boolean;
  /** Today, for exemption expiry (`2026-11-26` or a Date). Core never reads the clock. */
  readonly now?: Date | string;
  /** Options per rule id. */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  /** Rule ids (globs allowed) to skip. */
  readonly disabledRules?: readonly string[];
  /** Severity per rule id. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** Resolves the source of a field inside an object (the CLI maps paths to YAML lines). */
  readonly locate?: (origin: ObjectOrigin, path: string | null) => SourceLocation | null;
  readonly tool?: { readonly name: string; readonly version: string };
}

/** What `evaluate` runs: a benchmark, a pack, a rule, or a list of rules and packs. */
export type EvaluationTarget = Benchmark | Pack | AnyRule | readonly (AnyRule | Pack)[];
type Target = EvaluationTarget;

function isBenchmark(target: Target): target is Benchmark {
  return !Array.isArray(target) && 'controls' in target && 'sections' in target;
}

function rulesOf(target: Target): AnyRule[] {
  if (Array.isArray(target)) return (target as readonly (AnyRule | Pack)[]).flatMap((t) => ('check' in t ? [t] : [...t.rules]));
  if ('check' in (target as AnyRule | Pack)) return [target as AnyRule];
  return [...(target as Pack | Benchmark).rules];
}

function isRef(value: KubeObject | ObjectRef): value is ObjectRef {
  return !('metadata' in value);
}

declare const __PACKAGE_VERSION__: string | undefined;
const coreVersion = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

function createContext<O>(rule: AnyRule, options: O, snapshot: Snapshot): RuleContext<O> {
  // Each message's template is split once per evaluation, not once per finding.
  const compiled = new Map<string, CompiledMessage>();
  const make = (status: RuleFinding['status']) => (args: ReportArgs): RuleFinding => {
    let message = compiled.get(args.messageId);
    if (message === undefined) {
      const template = Object.prototype.hasOwnProperty.call(rule.meta.messages, args.messageId) ? rule.meta.messages[args.messageId] : undefined;
      if (template === undefined) throw new Error(`Rule ${rule.id} has no message "${args.messageId}"`);
      compiled.set(args.messageId, (message = compileMessage(template)));
    }
    const data = args.data ?? {};
    let resource: ObjectRef | null = null;
    let object: KubeObject | null = null;
    if (args.resource) {
      if (isRef(args.resource)) {
        resource = args.resource;
      } else {
        object = args.resource;
        resource = snapshot.refOf(args.resource);
      }
    }
    return {
      ruleId: rule.id,
      status,
      severity: args.severity ?? rule.meta.severity,
      messageId: args.messageId,
      message: renderCompiled(message, data, rule.id, args.messageId),
      data,
      resource,
      path: args.path ?? null,
      evidence: args.evidence ?? [],
      object,
    };
  };
  return { ruleId: rule.id, options, fail: make('FAIL'), warn: make('WARN'), pass: make('PASS'), info: make('INFO') };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Report order: by status, then object (kind, namespace, name), path, rule, message id and message. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    statusRank[a.status] - statusRank[b.status] ||
    compareStrings(a.resource?.kind ?? '', b.resource?.kind ?? '') ||
    compareStrings(a.resource?.namespace ?? '', b.resource?.namespace ?? '') ||
    compareStrings(a.resource?.name ?? '', b.resource?.name ?? '') ||
    compareStrings(a.path ?? '', b.path ?? '') ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.messageId, b.messageId) ||
    compareStrings(a.message, b.message)
  );
}

/** Findings in report order (a stable sort that allocates nothing per finding). */
function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

/** Document order of objects: by input, then by their path inside it (List items in order). */
function compareOrigins(a: ObjectOrigin, b: ObjectOrigin): number {
  if (a.inputIndex !== b.inputIndex) return a.inputIndex - b.inputIndex;
  const n = Math.min(a.documentPath.length, b.documentPath.length);
  for (let i = 0; i < n; i++) {
    const x = a.documentPath[i]!;
    const y = b.documentPath[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareStrings(String(x), String(y));
  }
  return a.documentPath.length - b.documentPath.length;
}

/** Sets each finding's source from the locate hook, object by object in document order. A hook that throws leaves the object's own source. */
function locateFindings(pending: ReadonlyMap<ObjectOrigin, Finding[]>, locate: NonNullable<EvaluateOptions['locate']>): void {
  const origins = [...pending.keys()].sort(compareOrigins);
  for (const origin of origins) {
    for (const finding of pending.get(origin)!) {
      let source: SourceLocation | null;
      try {
        source = locate(origin, finding.path);
      } catch {
        source = null;
      }
      (finding as { source: SourceLocation | null }).source = source ?? origin.source;
    }
  }
}

/**
 * Runs a benchmark, a pack, a rule or a list of them over a snapshot and returns the report:
 * one result per control, findings with evidence and exemptions, and a summary. Never throws:
 * a rule that throws gives its controls an ERROR result and the other rules still run.
 */
export function evaluate(snapshot: Snapshot, target: Target, options: EvaluateOptions = {}): Report {
  const benchmark = isBenchmark(target) ? target : null;
  const diagnostics: Diagnostic[] = [...snapshot.diagnostics];
  const disabledMatch = globMatcher(options.disabledRules ?? []);
  const allRules = rulesOf(target);
  const rules = allRules.filter((r) => !disabledMatch(r.id));

  const controls: readonly ControlDefinition[] = benchmark
    ? benchmark.controls
    : allRules.map((r) => ({ id: r.id, title: r.meta.title, type: r.meta.type === 'automated' ? 'automated' : 'manual', section: '' }));
  const controlsOfRule = (rule: AnyRule): readonly string[] => (benchmark ? (rule.meta.controls[benchmark.id] ?? []) : [rule.id]);

  // Exemptions.
  const today = options.now === undefined ? null : toIsoDay(options.now);
  if (options.now !== undefined && today === null) {
    diagnostics.push({ severity: 'warning', message: 'options.now is not a valid date; exemption expiry was not checked', source: null });
  }
  const prepared: PreparedExemption[] = [];
  (options.exemptions ?? []).forEach((raw, index) => {
    const parsed = ExemptionSchema.safeParse(raw);
    if (!parsed.success) {
      diagnostics.push({ severity: 'error', message: `Exemption ${String(index + 1)} ignored: ${describeIssues(parsed.error.issues, raw)}`, source: null });
      return;
    }
    const exemption = prepareExemption(parsed.data, index);
    const expires = exemption.info.expires;
    if (expires !== null && today !== null && today > expires) {
      diagnostics.push({ severity: 'warning', message: `Exemption "${exemption.info.id}" expired on ${expires} and no longer applies (${exemption.info.reason})`, source: null });
      return;
    }
    if (expires !== null && today === null && options.now === undefined) {
      diagnostics.push({ severity: 'info', message: `Exemption "${exemption.info.id}" has an expiry date but no current date was given; it applies`, source: null });
    }
    prepared.push(exemption);
  });
  if (!options.strict) prepared.push(...defaultExemptions(snapshot.options.systemNamespaces));

  const findingsByRule = new Map<string, Finding[]>();
  const errors = new Map<string, string>();
  // Findings whose field is located after the rules ran, object by object in document order, so
  // that the locate hook (the CLI reads positions from the source text) reads each object once.
  const toLocate = new Map<ObjectOrigin, Finding[]>();
  for (const rule of rules) {
    const found: Finding[] = [];
    findingsByRule.set(rule.id, found);
    const controlIds = controlsOfRule(rule);
    try {
      const ruleOptions: unknown = rule.parseOptions(options.ruleOptions?.[rule.id]);
      const context = createContext(rule, ruleOptions, snapshot);
      const result = rule.check(snapshot, context);
      const override = options.severityOverrides?.[rule.id];
      for (const draft of result ?? []) {
        // PASS and INFO findings are evidence: exemptions never apply to them.
        let exemption: PreparedExemption | undefined;
        if (draft.status !== 'PASS' && draft.status !== 'INFO' && prepared.length > 0) {
          const target = { ruleId: rule.id, controlIds, resource: draft.resource, object: draft.object };
          for (const candidate of prepared) {
            if (candidate.matches(target)) {
              exemption = candidate;
              break;
            }
          }
        }
        const origin = draft.object ? snapshot.origin(draft.object) : undefined;
        const finding: Finding = {
          ruleId: draft.ruleId,
          status: draft.status,
          severity: override ?? draft.severity,
          messageId: draft.messageId,
          message: draft.message,
          data: draft.data,
          resource: draft.resource,
          path: draft.path,
          source: origin ? origin.source : null,
          evidence: draft.evidence,
          exempted: exemption !== undefined,
          exemption: exemption === undefined ? null : exemption.info,
        };
        found.push(finding);
        if (origin && options.locate) {
          let pending = toLocate.get(origin);
          if (pending === undefined) toLocate.set(origin, (pending = []));
          pending.push(finding);
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.set(rule.id, message);
      found.length = 0;
      found.push({
        ruleId: rule.id,
        status: 'ERROR',
        severity: rule.meta.severity,
        messageId: 'rule-error',
        message: `Rule ${rule.id} failed: ${message}`,
        data: {},
        resource: null,
        path: null,
        source: null,
        evidence: [],
        exempted: false,
        exemption: null,
      });
    }
  }

  if (options.locate) locateFindings(toLocate, options.locate);

  const results: ControlResult[] = controls.map((control) => {
    const mapped = allRules.filter((r) => controlsOfRule(r).includes(control.id));
    const active = mapped.filter((r) => findingsByRule.has(r.id));
    const findings = sortFindings(active.flatMap((r) => findingsByRule.get(r.id) ?? []));
    const counted = findings.filter((f) => !f.exempted);
    let status: Status;
    let reason: string | null = null;
    if (mapped.length === 0) {
      status = 'WARN';
      reason = 'Not evaluated: no kubecis rule implements this control yet; check it by hand';
    } else if (active.length === 0) {
      status = 'INFO';
      reason = 'Skipped: its rules are disabled by configuration';
    } else if (counted.some((f) => f.status === 'FAIL')) {
      status = 'FAIL';
    } else if (active.some((r) => errors.has(r.id))) {
      status = 'ERROR';
      reason = active.filter((r) => errors.has(r.id)).map((r) => `${r.id}: ${errors.get(r.id) ?? ''}`).join('; ');
    } else if (counted.some((f) => f.status === 'WARN')) {
      status = 'WARN';
    } else {
      status = 'PASS';
    }
    return {
      id: control.id,
      title: control.title,
      type: control.type,
      section: control.section === '' ? null : control.section,
      status,
      reason,
      rules: mapped.map((r) => r.id),
      findings,
    };
  });

  return {
    tool: options.tool ?? { name: 'kubecis', version: coreVersion },
    benchmark: benchmark?.id ?? null,
    summary: summarize(results),
    controls: results,
    diagnostics,
  };
}
