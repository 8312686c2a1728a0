import type { KubeObject } from '../objects/meta.js';
import { extendSnapshot } from '../snapshot/create-snapshot.js';
import type { Diagnostic, ObjectRef, Snapshot, SourceLocation } from '../snapshot/types.js';
import type { ControlResult, Finding } from '../report/types.js';
import { evaluate, type EvaluateOptions, type EvaluationTarget } from './evaluate.js';

export interface ObjectEvaluationContext {
  /** The prepared snapshot of the cluster (built once, reused for every object). */
  readonly snapshot: Snapshot;
  readonly target: EvaluationTarget;
  readonly options?: EvaluateOptions;
  readonly source?: SourceLocation;
}

export interface ObjectEvaluation {
  /** The incoming object's identity, or `null` when it could not be read. */
  readonly resource: ObjectRef | null;
  /** `false` when the object could not be read or has a FAIL finding that no exemption covers. */
  readonly allowed: boolean;
  /** The findings about this object only. */
  readonly findings: readonly Finding[];
  /** The controls with findings about this object, each holding only those findings. */
  readonly controls: readonly ControlResult[];
  /** Diagnostics about the incoming object. */
  readonly diagnostics: readonly Diagnostic[];
}

function sameRef(a: ObjectRef | null, b: ObjectRef): boolean {
  return a !== null && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

/** The object as admission sees it: evaluated as itself, not folded into a controller. */
function standalone(object: unknown): unknown {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  const meta = (object as { metadata?: unknown }).metadata;
  if (meta === null || typeof meta !== 'object' || !Array.isArray((meta as { ownerReferences?: unknown }).ownerReferences)) return object;
  const refs = (meta as { ownerReferences: unknown[] }).ownerReferences.map((r) =>
    r !== null && typeof r === 'object' ? { ...(r as Record<string, unknown>), controller: false } : r,
  );
  return { ...(object as Record<string, unknown>), metadata: { ...(meta as Record<string, unknown>), ownerReferences: refs } };
}

/**
 * Checks one incoming object (a workload, a Role, a binding…) against a prepared snapshot, as an
 * admission webhook would: the object joins the snapshot (replacing one of the same identity)
 * without validating the rest again, the rules run, and only the findings about that object are
 * returned.
 */
export function evaluateObject(object: unknown, context: ObjectEvaluationContext): ObjectEvaluation {
  const before = context.snapshot.diagnostics.length;
  const snapshot = extendSnapshot(context.snapshot, [standalone(object)], [context.source ?? null]);
  const diagnostics = snapshot.diagnostics.slice(before);
  const base = new Set<KubeObject>(context.snapshot.objects);
  const added = snapshot.objects.find((o) => !base.has(o));
  if (added === undefined) return { resource: null, allowed: false, findings: [], controls: [], diagnostics };
  const ref = snapshot.refOf(added);
  const report = evaluate(snapshot, context.target, context.options);
  const controls = report.controls
    .map((c) => ({ ...c, findings: c.findings.filter((f) => sameRef(f.resource, ref)) }))
    .filter((c) => c.findings.length > 0);
  const findings = controls.flatMap((c) => c.findings);
  return {
    resource: ref,
    allowed: !findings.some((f) => f.status === 'FAIL' && !f.exempted),
    findings,
    controls,
    diagnostics: [...diagnostics, ...report.diagnostics.slice(snapshot.diagnostics.length)],
  };
}
