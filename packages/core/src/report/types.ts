import type { Diagnostic, ObjectRef, SourceLocation } from '../snapshot/types.js';
import type { ControlType, Evidence, MessageData, Severity, Status } from '../rule/types.js';

export interface ExemptionInfo {
  /** The exemption's id, or `default:<name>` for a built-in default. */
  readonly id: string;
  readonly reason: string;
  readonly origin: 'default' | 'config';
  readonly expires: string | null;
}

/** One finding of the report. */
export interface Finding {
  readonly ruleId: string;
  readonly status: Status;
  readonly severity: Severity;
  readonly messageId: string;
  readonly message: string;
  readonly data: MessageData;
  readonly resource: ObjectRef | null;
  readonly path: string | null;
  readonly source: SourceLocation | null;
  readonly evidence: readonly Evidence[];
  readonly exempted: boolean;
  readonly exemption: ExemptionInfo | null;
}

export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly type: ControlType;
  readonly section: string | null;
  readonly status: Status;
  /** Why the status is what it is, when findings alone do not say (not evaluated, a rule error). */
  readonly reason: string | null;
  /** The rules that evaluated the control. */
  readonly rules: readonly string[];
  readonly findings: readonly Finding[];
}

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly warn: number;
  readonly info: number;
  readonly error: number;
}

export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  /** The benchmark id, or `null` when rules were evaluated without one. */
  readonly benchmark: string | null;
  readonly summary: Summary;
  readonly controls: readonly ControlResult[];
  readonly diagnostics: readonly Diagnostic[];
}
