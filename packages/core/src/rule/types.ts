import type { z } from 'zod';
import type { KubeObject } from '../objects/meta.js';
import type { ObjectRef, Snapshot, SourceLocation } from '../snapshot/types.js';

/** A control's or a finding's outcome. */
export type Status = 'PASS' | 'FAIL' | 'WARN' | 'INFO' | 'ERROR';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** `automated`: the objects settle the control. `manual-assist`: a verdict plus evidence a person should confirm. */
export type RuleType = 'automated' | 'manual-assist';

/** Scalar values a message may interpolate. Never a Secret value or an env var's literal value. */
export type MessageData = Readonly<Record<string, string | number | boolean>>;

/** One link of a finding's evidence chain: a binding, a role and its rule, a namespace, a webhook. */
export interface Evidence {
  readonly resource: ObjectRef;
  /** A field path inside that resource (`rules[2]`), or `null`. */
  readonly path: string | null;
  /** How the resource relates to the finding: `bound-by`, `granted-by`, `covered-by`, `subject`. */
  readonly relation: string;
  /** `true` when the resource is a Kubernetes built-in the snapshot does not define. */
  readonly builtIn?: boolean;
}

/** A finding as a rule builds it through its context. */
export interface RuleFinding {
  readonly ruleId: string;
  readonly status: Exclude<Status, 'ERROR'>;
  readonly severity: Severity;
  readonly messageId: string;
  readonly message: string;
  readonly data: MessageData;
  readonly resource: ObjectRef | null;
  readonly path: string | null;
  readonly evidence: readonly Evidence[];
  /** Resolved against the snapshot when the resource is one of its objects. */
  readonly object: KubeObject | null;
}

export interface ReportArgs {
  readonly messageId: string;
  readonly data?: MessageData;
  /** The object the finding is about: an object of the snapshot, or the identity of one outside it. */
  readonly resource?: KubeObject | ObjectRef | null;
  /** The field path inside the resource (`rules[0].verbs[0]`). */
  readonly path?: string | null;
  /** Overrides the rule's severity for this finding (a bound grant is worse than an unbound one). */
  readonly severity?: Severity;
  readonly evidence?: readonly Evidence[];
}

/** What a rule's `check` receives beside the snapshot. */
export interface RuleContext<Options> {
  readonly ruleId: string;
  readonly options: Options;
  fail(args: ReportArgs): RuleFinding;
  warn(args: ReportArgs): RuleFinding;
  pass(args: ReportArgs): RuleFinding;
  info(args: ReportArgs): RuleFinding;
}

export interface RuleMeta<Options = Record<string, never>> {
  readonly title: string;
  /** One sentence, no trailing period. */
  readonly description: string;
  readonly rationale: string;
  readonly remediation: string;
  readonly severity: Severity;
  readonly type: RuleType;
  /** Benchmark id → the control ids this rule implements there: `{ 'cis-1.10': ['5.1.3'] }`. */
  readonly controls: Readonly<Record<string, readonly string[]>>;
  readonly tags?: readonly string[];
  /** messageId → template with `{placeholders}`. */
  readonly messages: Readonly<Record<string, string>>;
  /** A zod schema for the rule's options, with defaults; omitted when the rule has none. */
  readonly options?: z.ZodType<Options>;
  readonly deprecated?: boolean;
  readonly replacedBy?: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a generator or a function that returns nothing is a valid check
export type CheckResult = Iterable<RuleFinding> | void;

export interface RuleDefinition<Options = Record<string, never>> {
  /** `<namespace>/<slug>`: `rbac/no-wildcards`. */
  readonly id: string;
  readonly meta: RuleMeta<Options>;
  /** Pure: reads only the snapshot, builds findings only through the context. */
  check(snapshot: Snapshot, context: RuleContext<Options>): CheckResult;
}

export interface Rule<Options = Record<string, never>> extends RuleDefinition<Options> {
  readonly meta: RuleMeta<Options> & { readonly docsUrl: string };
  /** Validates and defaults options; throws a readable error when they are invalid. */
  parseOptions(input: unknown): Options;
}

/** A rule of any options type, as packs and benchmarks hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

export interface Pack {
  /** The namespace of the pack's rule ids (`rbac`). */
  readonly name: string;
  readonly description?: string;
  readonly rules: readonly AnyRule[];
}

export type ControlType = 'automated' | 'manual';

/** One control of a benchmark. */
export interface ControlDefinition {
  readonly id: string;
  readonly title: string;
  readonly type: ControlType;
  /** The group it belongs to (`5.1`). */
  readonly section: string;
}

export interface ControlSection {
  readonly id: string;
  readonly title: string;
}

/** A benchmark profile: its controls, in order, and the rules that evaluate them. */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly sections: readonly ControlSection[];
  readonly controls: readonly ControlDefinition[];
  readonly rules: readonly AnyRule[];
}

export type { SourceLocation };
