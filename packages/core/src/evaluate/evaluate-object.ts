import { isClusterScoped } from '../objects/kinds.js';
import type { KubeObject } from '../objects/meta.js';
import { isPlainObject, snapshotWith } from '../snapshot/create-snapshot.js';
import type { Diagnostic, ObjectRef, Snapshot, SourceLocation } from '../snapshot/types.js';
import type { ControlResult, Finding } from '../report/types.js';
import { evaluate, type EvaluateOptions, type EvaluationTarget } from './evaluate.js';

export interface ObjectEvaluationContext {
  /** The prepared snapshot of the cluster (built once, reused for every object). */
  readonly snapshot: Snapshot;
  readonly target: EvaluationTarget;
  readonly options?: EvaluateOptions;
  readonly source?: SourceLocation;
  /**
   * Which objects of the snapshot the rules see beside the incoming one. `related` (the default):
   * every object of the incoming object's namespace (and of the namespaces of the service
   * accounts a binding names) with their Namespace objects, the other cluster-scoped objects
   * (ClusterRoles, their bindings, webhooks…), and the RoleBindings elsewhere that
   * grant something to those namespaces' service accounts, with their Roles. That is what a
   * finding about one object can depend on, and it keeps the check fast on a large cluster.
   * `all`: every object (rules that relate objects across namespaces in other ways).
   * Cluster-scoped objects (Namespaces, ClusterRoles, their bindings…) and bindings to every
   * service account are always checked against `all`.
   */
  readonly scope?: 'related' | 'all';
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
  /**
   * How many of the snapshot's objects the rules saw beside the incoming one: the size of the
   * related view (see {@link ObjectEvaluationContext.scope}), or every object with `scope: 'all'`.
   * Useful to see why one object costs more than another.
   */
  readonly considered: number;
}

function sameRef(a: ObjectRef | null, b: ObjectRef): boolean {
  return a !== null && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

/** The object as admission sees it: evaluated as itself, not folded into a controller. */
function standalone(object: unknown): unknown {
  const value = record(object);
  const meta = record(value?.['metadata']);
  if (value === undefined || meta === undefined || !Array.isArray(meta['ownerReferences'])) return object;
  const refs = (meta['ownerReferences'] as unknown[]).map((r) => (record(r) ? { ...record(r), controller: false } : r));
  return { ...value, metadata: { ...meta, ownerReferences: refs } };
}

/** Groups every service account belongs to (besides its own namespace's). */
const serviceAccountGroups = ['system:serviceaccounts', 'system:authenticated'];

interface RelatedIndex {
  /** Cluster-scoped objects. */
  readonly clusterScoped: readonly KubeObject[];
  /** RoleBindings by the namespace whose service accounts they grant to (`*`: all of them, through a group). */
  readonly grantsTo: ReadonlyMap<string, readonly KubeObject[]>;
}

/** Built once per prepared snapshot. */
function buildRelatedIndex(snapshot: Snapshot): RelatedIndex {
  const clusterScoped: KubeObject[] = [];
  for (const object of snapshot.objects) if (snapshot.refOf(object).namespace === null) clusterScoped.push(object);
  const grantsTo = new Map<string, KubeObject[]>();
  const add = (key: string, binding: KubeObject): void => {
    let list = grantsTo.get(key);
    if (!list) grantsTo.set(key, (list = []));
    if (list[list.length - 1] !== binding) list.push(binding);
  };
  for (const binding of snapshot.ofKind('RoleBinding')) {
    for (const subject of binding.subjects ?? []) {
      if (subject.kind === 'ServiceAccount') add(subject.namespace ?? snapshot.refOf(binding).namespace ?? '', binding);
      else if (subject.kind === 'Group' && serviceAccountGroups.includes(subject.name)) add('*', binding);
      else if (subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts:')) add(subject.name.slice('system:serviceaccounts:'.length), binding);
    }
  }
  return { clusterScoped, grantsTo };
}

/**
 * The snapshot objects an incoming object's findings can depend on, or `null` when that is
 * every object (a cluster-scoped object, a binding to every service account, or an object that
 * cannot be read).
 */
function relatedObjects(snapshot: Snapshot, incoming: unknown): KubeObject[] | null {
  const value = record(incoming);
  const meta = record(value?.['metadata']);
  const kind = value?.['kind'];
  const apiVersion = value?.['apiVersion'];
  if (value === undefined || meta === undefined || typeof kind !== 'string' || typeof apiVersion !== 'string') return null;
  const declared = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  const namespaces = new Set<string>();
  // Findings about cluster-scoped objects (a Namespace: "every workload shares it") can depend on anything.
  if (isClusterScoped(apiVersion, kind, declared)) return null;
  namespaces.add(declared ?? snapshot.options.defaultNamespace);
  // A binding relates to the namespaces of the service accounts it names; one for every service account, to all.
  const subjects = value['subjects'];
  if (Array.isArray(subjects)) {
    for (const subject of subjects) {
      const s = record(subject);
      if (s?.['kind'] === 'ServiceAccount' && typeof s['namespace'] === 'string') namespaces.add(s['namespace']);
      if (s?.['kind'] === 'Group' && typeof s['name'] === 'string' && serviceAccountGroups.includes(s['name'])) return null;
    }
  }
  const index = snapshot.derive(buildRelatedIndex);
  // Cluster-scoped objects, but of the Namespaces only those related (a large cluster has thousands).
  const related = new Set<KubeObject>();
  for (const object of index.clusterScoped) if (object.kind !== 'Namespace' || namespaces.has(object.metadata.name)) related.add(object);
  const bindings = new Set<KubeObject>(index.grantsTo.get('*') ?? []);
  for (const namespace of namespaces) {
    for (const object of snapshot.inNamespace(namespace)) related.add(object);
    for (const binding of index.grantsTo.get(namespace) ?? []) bindings.add(binding);
  }
  for (const binding of bindings) {
    related.add(binding);
    const roleRef = (binding as KubeObject & { roleRef?: { kind?: string; name?: string } }).roleRef;
    if (roleRef?.kind === 'Role' && typeof roleRef.name === 'string') {
      const role = snapshot.get('Role', snapshot.refOf(binding).namespace, roleRef.name);
      if (role !== undefined) related.add(role);
    }
  }
  // In the snapshot's own order, so that the rules see them as they would in the whole snapshot.
  return snapshot.objects.length <= related.size * 4 ? snapshot.objects.filter((o) => related.has(o)) : [...related].sort(byOrder(snapshot));
}

function byOrder(snapshot: Snapshot): (a: KubeObject, b: KubeObject) => number {
  const position = snapshot.derive(buildPositions);
  return (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
}

function buildPositions(snapshot: Snapshot): ReadonlyMap<KubeObject, number> {
  return new Map(snapshot.objects.map((o, i) => [o, i]));
}

/**
 * Checks one incoming object (a workload, a Role, a binding…) against a prepared snapshot, as an
 * admission webhook would: the object joins the snapshot's related objects (see
 * {@link ObjectEvaluationContext.scope}), replacing one of the same identity, without validating
 * them again; the rules run, and only the findings about that object are returned.
 */
export function evaluateObject(object: unknown, context: ObjectEvaluationContext): ObjectEvaluation {
  const base = context.snapshot;
  const incoming = standalone(object);
  const related = context.scope === 'all' ? null : relatedObjects(base, incoming);
  const snapshot = snapshotWith(base, related ?? base.objects, [], [incoming], [context.source ?? null]);
  const kept = new Set<KubeObject>(related ?? base.objects);
  const added = snapshot.objects.find((o) => !kept.has(o));
  if (added === undefined) return { resource: null, allowed: false, findings: [], controls: [], diagnostics: snapshot.diagnostics, considered: 0 };
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
    diagnostics: report.diagnostics,
    considered: snapshot.objects.length - 1,
  };
}
