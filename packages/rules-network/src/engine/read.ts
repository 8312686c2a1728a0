// Defensive readers for objects the snapshot keeps untyped (custom resources, loose fields).
// Nothing here throws on malformed input: a value of the wrong type reads as absent.
import { apiGroupOf, hasPath, type KubeObject, type LabelSelector, type ObjectRef, type Snapshot } from '@kubecis/core';

export type Fields = Readonly<Record<string, unknown>>;

/** A plain object, or `undefined`. */
export function record(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/**
 * An array, or `[]`. An array with a `constructor` of its own (only a JavaScript caller can make
 * one; parsed JSON and YAML cannot) is copied: `map` and `filter` would look up its species and
 * throw.
 */
export function list(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) return [];
  return Object.hasOwn(value, 'constructor') ? Array.from(value as unknown[]) : value;
}

/** A string, or `undefined`. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The strings of an array (other elements dropped), or `undefined` when the value is not an array. */
export function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The value at a chain of object keys. */
export function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    const r = record(current);
    if (r === undefined || !Object.prototype.hasOwnProperty.call(r, key)) return undefined;
    current = r[key];
  }
  return current;
}

/** The API group of an object (`""` for the core group). */
export function groupOf(object: KubeObject): string {
  return apiGroupOf(object.apiVersion);
}

function buildGroupIndex(snapshot: Snapshot): ReadonlyMap<string, readonly KubeObject[]> {
  const byGroup = new Map<string, KubeObject[]>();
  for (const object of snapshot.objects) {
    const group = groupOf(object);
    let objects = byGroup.get(group);
    if (objects === undefined) byGroup.set(group, (objects = []));
    objects.push(object);
  }
  return byGroup;
}

const noObjects: readonly KubeObject[] = Object.freeze([]);

/**
 * The snapshot's objects of one API group, in snapshot order. The detectors look for a dozen
 * groups each; one pass over the objects, once per snapshot, serves them all.
 */
export function objectsOfGroup(snapshot: Snapshot, group: string): readonly KubeObject[] {
  return snapshot.derive(buildGroupIndex).get(group) ?? noObjects;
}

/** Whether a string is a boolean "true" the way Go's strconv.ParseBool reads it. */
export function isTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value.trim());
}

/**
 * A label selector read from untyped data. `null` when the field is absent; `'invalid'` when it
 * is present but malformed (the API server would reject the object, so it selects nothing).
 */
export function readSelector(value: unknown): LabelSelector | null | 'invalid' {
  if (value === undefined || value === null) return null;
  const r = record(value);
  if (r === undefined) return 'invalid';
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelector['matchExpressions'] } = {};
  if (r['matchLabels'] !== undefined && r['matchLabels'] !== null) {
    const labels = record(r['matchLabels']);
    if (labels === undefined) return 'invalid';
    const clean: Record<string, string> = {};
    for (const [key, v] of Object.entries(labels)) {
      if (typeof v !== 'string') return 'invalid';
      clean[key] = v;
    }
    out.matchLabels = clean;
  }
  if (r['matchExpressions'] !== undefined && r['matchExpressions'] !== null) {
    if (!Array.isArray(r['matchExpressions'])) return 'invalid';
    const exprs: NonNullable<LabelSelector['matchExpressions']> = [];
    for (const raw of r['matchExpressions']) {
      const e = record(raw);
      const key = str(e?.['key']);
      const operator = str(e?.['operator']);
      if (e === undefined || key === undefined || (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')) return 'invalid';
      const values = e['values'] === undefined || e['values'] === null ? [] : strings(e['values']);
      if (values === undefined) return 'invalid';
      exprs.push({ key, operator, values });
    }
    out.matchExpressions = exprs;
  }
  return out;
}

/** Whether a selector (already read) selects nothing narrower than everything. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** The identity of a Namespace, declared or not. */
export function namespaceRef(name: string): ObjectRef {
  return { apiVersion: 'v1', kind: 'Namespace', namespace: null, name };
}

/** A stable sort key for an object, so that results never depend on input order. */
export function refKey(ref: ObjectRef): string {
  return `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}\u0000${ref.apiVersion}`;
}

/** Objects sorted by identity. */
export function sortedByRef<T extends KubeObject>(snapshot: Snapshot, objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => {
    const ka = refKey(snapshot.refOf(a));
    const kb = refKey(snapshot.refOf(b));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Joins names for a message: `a, b and 3 more`. */
export function joinNames(names: readonly string[], max = 5): string {
  if (names.length === 0) return 'none';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${String(names.length - max)} more`;
}

/** `1 thing`, `2 things`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

/** Shell-style wildcard match (`*`, `?`), whole string, as Kyverno and Gatekeeper match namespace names. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The path when it resolves in the object, else `null` (evidence and findings point only at fields that exist). */
export function pathIf(object: unknown, path: string): string | null {
  return hasPath(object, path) ? path : null;
}
