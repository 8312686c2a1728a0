import type { z } from 'zod';
import { ObjectEnvelope, ObjectMeta, type KubeObject } from '../objects/meta.js';
import { apiGroupOf, indexKindOf, isClusterScoped, schemaFor } from '../objects/kinds.js';
import { describeIssues, typeName } from '../internal/describe.js';
import { compileFastCheck, type FastCheck } from './fast-validate.js';
import { formatPath, type PathSegment } from './path.js';
import { buildNamespaces } from './views/namespaces.js';
import { buildWorkloads } from './views/workloads.js';
import type {
  Diagnostic,
  NamespaceEntry,
  ObjectOrigin,
  ObjectRef,
  ResolvedSnapshotOptions,
  Snapshot,
  SnapshotOptions,
  SourceLocation,
  Workload,
} from './types.js';

export const defaultSystemNamespaces: readonly string[] = /* @__PURE__ */ Object.freeze([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

interface ObjectInfo {
  readonly ref: ObjectRef;
  readonly origin: ObjectOrigin;
}

const secretValueFields = ['data', 'stringData'] as const;
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeInput(value: Record<string, unknown>): string {
  const kind = typeof value['kind'] === 'string' ? value['kind'] : undefined;
  const meta = value['metadata'];
  const name = isPlainObject(meta) && typeof meta['name'] === 'string' ? meta['name'] : undefined;
  if (kind !== undefined && name !== undefined) return `${kind} "${name}"`;
  if (kind !== undefined) return `a ${kind}`;
  return 'an object';
}

/** Removes every Secret value before the object is stored, so no value can reach any output. */
function scrubSecret(object: Record<string, unknown>): void {
  for (const field of secretValueFields) delete object[field];
  const meta = object['metadata'];
  if (isPlainObject(meta) && isPlainObject(meta['annotations']) && lastApplied in meta['annotations']) {
    const { [lastApplied]: _dropped, ...rest } = meta['annotations'];
    meta['annotations'] = rest;
  }
}

/**
 * Builds an immutable, indexed snapshot from raw objects and kubectl Lists. Never throws: each
 * malformed input becomes a diagnostic, and every valid object is kept.
 */
export function createSnapshot(objects: readonly unknown[], options: SnapshotOptions = {}): Snapshot {
  const resolved: ResolvedSnapshotOptions = Object.freeze({
    defaultNamespace: options.defaultNamespace ?? 'default',
    systemNamespaces: Object.freeze([...(options.systemNamespaces ?? defaultSystemNamespaces)]),
    kubernetesVersion: options.kubernetesVersion ?? null,
  });
  const state: IngestState = { kept: new Map(), info: new Map(), diagnostics: [] };
  if (!Array.isArray(objects)) {
    state.diagnostics.push({ severity: 'error', message: `createSnapshot expects an array of objects, got ${typeName(objects)}`, source: null });
  }
  ingest(Array.isArray(objects) ? objects : [], options.sources, resolved, state, 0, options.locate);
  return buildSnapshot([...state.kept.values()], state.info, state.diagnostics, resolved);
}

/**
 * A snapshot with more objects: the base's objects are reused without validating them again,
 * the new ones are validated and replace base objects of the same identity. Derived views are
 * computed afresh for the new snapshot; the base is untouched. Used for admission-style checks
 * of one incoming object against a prepared snapshot.
 */
export function extendSnapshot(base: Snapshot, objects: readonly unknown[], sources?: readonly (SourceLocation | null | undefined)[]): Snapshot {
  return snapshotWith(base, base.objects, base.diagnostics, objects, sources);
}

/**
 * A snapshot of `keep` (objects of `base`, reused as they are, with their identities and
 * origins) plus `objects` (validated), whose diagnostics start with `diagnostics`. Internal:
 * extendSnapshot keeps everything; evaluateObject keeps the objects an incoming object relates to.
 */
export function snapshotWith(
  base: Snapshot,
  keep: readonly KubeObject[],
  diagnostics: readonly Diagnostic[],
  objects: readonly unknown[],
  sources?: readonly (SourceLocation | null | undefined)[],
): Snapshot {
  const state: IngestState = { kept: new Map(), info: new Map(), diagnostics: [...diagnostics] };
  let offset = 0;
  for (const object of keep) {
    const ref = base.refOf(object);
    const origin = base.origin(object) ?? { source: base.sourceOf(object), documentPath: [], inputIndex: 0 };
    offset = Math.max(offset, origin.inputIndex + 1);
    state.kept.set(identityKey(ref), object);
    state.info.set(object, { ref, origin });
  }
  ingest(Array.isArray(objects) ? objects : [], sources, base.options, state, offset);
  return buildSnapshot([...state.kept.values()], state.info, state.diagnostics, base.options);
}

interface IngestState {
  readonly kept: Map<string, KubeObject>;
  readonly info: Map<KubeObject, ObjectInfo>;
  readonly diagnostics: Diagnostic[];
}

/** Whether a value holds a null anywhere. Shared nodes (a YAML alias bomb handed over directly) are visited once. */
function containsNull(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null) return true;
    if (typeof item !== 'object' || seen.has(item)) continue;
    seen.add(item);
    for (const child of Array.isArray(item) ? item : Object.values(item as Record<string, unknown>)) stack.push(child);
  }
  return false;
}

/**
 * A copy without null-valued fields (null list items stay: they are not absent fields). A node
 * shared in the input is copied once and shared in the copy, so shared structures never explode.
 */
function withoutNulls(value: unknown, depth = 0, copies = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object' || depth > maxNesting) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    // A loop, not map(): an input array may carry a `constructor` key, which map() would call.
    const out: unknown[] = [];
    copies.set(value, out);
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an input array may also carry its own Symbol.iterator
    for (let i = 0; i < value.length; i++) out.push(withoutNulls(value[i], depth + 1, copies));
    return out;
  }
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    // defineProperty, not assignment: a `__proto__` key must stay a key, never become the prototype.
    if (field !== null) Object.defineProperty(out, key, { value: withoutNulls(field, depth + 1, copies), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** How deep lists may nest in an input before the rest is reported instead of read. */
const maxNesting = 64;

function identityKey(ref: ObjectRef): string {
  return `${apiGroupOf(ref.apiVersion)}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

function ingest(
  inputs: readonly unknown[],
  sources: readonly (SourceLocation | null | undefined)[] | undefined,
  resolved: ResolvedSnapshotOptions,
  state: IngestState,
  indexOffset: number,
  locate?: SnapshotOptions['locate'],
): void {
  const { kept, info, diagnostics } = state;
  // Checkers compiled from the zod schemas, for this call only (core keeps no module-level state).
  // `validFast(schema)` says whether both the envelope and the kind's schema accept an object unchanged.
  const memo = new Map<object, FastCheck>();
  const fastChecks = new Map<object, FastCheck>();
  const validFast = (schema: z.ZodType<KubeObject>): FastCheck => {
    let check = fastChecks.get(schema);
    if (check === undefined) {
      const envelope = compileFastCheck(ObjectEnvelope, memo);
      const own = compileFastCheck(schema, memo);
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
      // Kind schemas hold the envelope's metadata; the envelope adds only non-empty apiVersion and kind.
      check =
        schema === (ObjectEnvelope as unknown)
          ? envelope
          : shape?.['metadata'] === ObjectMeta
            ? (v) => own(v) && (v as KubeObject).apiVersion !== '' && (v as KubeObject).kind !== ''
            : (v) => envelope(v) && own(v);
      fastChecks.set(schema, check);
    }
    return check;
  };
  // An item inside an input: its own line when the caller can tell, else the input's.
  const placeOf = (origin: ObjectOrigin): SourceLocation | null => {
    if (locate === undefined || origin.documentPath.length === 0) return origin.source;
    try {
      return locate(origin, null) ?? origin.source;
    } catch {
      return origin.source;
    }
  };
  const add = (value: unknown, origin: ObjectOrigin, inherited: { apiVersion?: string; kind?: string }): void => {
    // Only diagnostics name the place, so it is formatted only for them.
    const at = (): string => (origin.documentPath.length > 0 ? ` at ${formatPath(origin.documentPath)}` : '');
    const where = (): SourceLocation | null => placeOf(origin);
    if (value === null || value === undefined) {
      if (origin.documentPath.length > 0) {
        diagnostics.push({ severity: 'warning', message: `Empty item${at()} skipped`, source: where() });
      }
      return;
    }
    if (Array.isArray(value)) {
      if (origin.documentPath.length > maxNesting) {
        diagnostics.push({ severity: 'error', message: `Lists nested more than ${String(maxNesting)} deep${at()} skipped`, source: where() });
        return;
      }
      value.forEach((item, index) => {
        add(item, { ...origin, documentPath: [...origin.documentPath, index] }, {});
      });
      return;
    }
    if (!isPlainObject(value)) {
      diagnostics.push({
        severity: 'error',
        message: `Expected a Kubernetes object${at()}, got ${typeName(value)}`,
        source: where(),
      });
      return;
    }
    const kind = value['kind'];
    // kubectl's List and typed lists (PodList) hold items; typed lists' items may omit kind and apiVersion.
    if (typeof kind === 'string' && kind.endsWith('List') && 'items' in value) {
      const items = value['items'];
      if (items === null || items === undefined) return;
      if (!Array.isArray(items)) {
        diagnostics.push({ severity: 'error', message: `${kind}${at()}: items must be a list, got ${typeName(items)}`, source: where() });
        return;
      }
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : undefined;
      items.forEach((item, index) => {
        add(
          item,
          { ...origin, documentPath: [...origin.documentPath, 'items', index] },
          itemKind === undefined ? {} : { kind: itemKind, ...(apiVersion === undefined ? {} : { apiVersion }) },
        );
      });
      return;
    }

    let candidate: Record<string, unknown> = value;
    if ((inherited.kind !== undefined && candidate['kind'] === undefined) || (inherited.apiVersion !== undefined && candidate['apiVersion'] === undefined)) {
      candidate = { ...candidate };
      if (candidate['kind'] === undefined && inherited.kind !== undefined) candidate['kind'] = inherited.kind;
      if (candidate['apiVersion'] === undefined && inherited.apiVersion !== undefined) candidate['apiVersion'] = inherited.apiVersion;
    }

    // The fast path: a valid object is kept as it is (zod would return an equal copy).
    const rawApiVersion = candidate['apiVersion'];
    const rawKind = candidate['kind'];
    const fast = typeof rawApiVersion === 'string' && typeof rawKind === 'string' && validFast(schemaFor(rawApiVersion, rawKind))(candidate);
    let envelopeData: KubeObject;
    if (fast) {
      envelopeData = candidate as KubeObject;
    } else {
      let envelope = ObjectEnvelope.safeParse(candidate);
      if (!envelope.success && containsNull(candidate)) {
        // The API server reads `field: null` as an absent field (Helm output is full of them).
        const stripped = withoutNulls(candidate) as Record<string, unknown>;
        const retried = ObjectEnvelope.safeParse(stripped);
        if (retried.success) {
          candidate = stripped;
          envelope = retried;
        }
      }
      if (!envelope.success) {
        diagnostics.push({
          severity: 'error',
          message: `Skipped ${describeInput(candidate)}${at()}: ${describeIssues(envelope.error.issues, candidate)}`,
          source: where(),
          path: null,
        });
        return;
      }
      envelopeData = envelope.data;
    }
    const { apiVersion, kind: objectKind, metadata } = envelopeData;
    let parsed: { success: true; data: KubeObject } | { success: false; error: { issues: Parameters<typeof describeIssues>[0] } };
    if (fast) {
      parsed = { success: true, data: candidate as KubeObject };
    } else {
      const schema = schemaFor(apiVersion, objectKind);
      parsed = schema.safeParse(candidate);
      if (!parsed.success && containsNull(candidate)) {
        const retried = schema.safeParse(withoutNulls(candidate));
        if (retried.success) parsed = retried;
      }
    }
    const declaredNamespace = metadata.namespace === '' ? undefined : metadata.namespace;
    const clusterScoped = isClusterScoped(apiVersion, objectKind, declaredNamespace);
    const namespace = clusterScoped ? null : (declaredNamespace ?? resolved.defaultNamespace);
    const ref: ObjectRef = Object.freeze({ apiVersion, kind: objectKind, namespace, name: metadata.name });
    if (!parsed.success) {
      diagnostics.push({
        severity: 'error',
        message: `Skipped ${objectKind} "${metadata.name}"${at()}: ${describeIssues(parsed.error.issues, candidate)}`,
        source: where(),
        object: ref,
        path: null,
      });
      return;
    }

    // zod returns fresh objects for the validated levels; normalise the copy, never the input.
    const object = parsed.data;
    const normalisedMeta: Record<string, unknown> = { ...object.metadata };
    if (namespace === null) delete normalisedMeta['namespace'];
    else normalisedMeta['namespace'] = namespace;
    const stored: Record<string, unknown> = { ...object, metadata: normalisedMeta };
    if (objectKind === 'Secret') scrubSecret(stored);

    const key = identityKey(ref);
    const previous = kept.get(key);
    if (previous !== undefined) {
      const earlierOrigin = info.get(previous)?.origin;
      const earlier = earlierOrigin === undefined ? null : placeOf(earlierOrigin);
      diagnostics.push({
        severity: 'warning',
        message: `Duplicate ${objectKind} "${namespace === null ? '' : `${namespace}/`}${metadata.name}": this definition replaces the earlier one${earlier ? ` (${earlier.file}:${String(earlier.line)})` : ''}, as kubectl apply would`,
        source: where(),
        object: ref,
      });
      info.delete(previous);
      kept.delete(key);
    }
    const final = stored as KubeObject;
    kept.set(key, final);
    info.set(final, { ref, origin });
  };

  inputs.forEach((value, index) => {
    const source = sources?.[index] ?? null;
    try {
      add(value, { source, documentPath: [], inputIndex: indexOffset + index }, {});
    } catch (error) {
      // A safety net: no input may stop the snapshot (every known case is a diagnostic above).
      diagnostics.push({ severity: 'error', message: `Input ${String(index + 1)} could not be read: ${error instanceof Error ? error.name : 'unknown error'}`, source });
    }
  });
}

function buildSnapshot(
  objects: readonly KubeObject[],
  info: ReadonlyMap<KubeObject, ObjectInfo>,
  diagnostics: readonly Diagnostic[],
  options: ResolvedSnapshotOptions,
): Snapshot {
  const byKind = new Map<string, KubeObject[]>();
  const byNamespace = new Map<string, KubeObject[]>();
  const index = (kind: string, object: KubeObject): void => {
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(object);
  };
  // `get` indexes a kind by namespace and name the first time it is asked for one of that kind
  // (most kinds of a large dump, Pods and ReplicaSets, are never looked up by name).
  const byName = new Map<string, ReadonlyMap<string, KubeObject>>();
  const namesOf = (kind: string): ReadonlyMap<string, KubeObject> => {
    let names = byName.get(kind);
    if (names === undefined) {
      const built = new Map<string, KubeObject>();
      for (const object of byKind.get(kind) ?? []) {
        const ref = info.get(object)!.ref;
        const key = `${ref.namespace ?? ''}|${ref.name}`;
        if (!built.has(key)) built.set(key, object);
      }
      byName.set(kind, (names = built));
    }
    return names;
  };
  for (const object of objects) {
    const ref = (info.get(object)!).ref;
    // A custom resource that reuses a Kubernetes kind's name (Calico's NetworkPolicy) is indexed
    // as `Kind.group` only, so `ofKind('NetworkPolicy')` holds what its type says. Every object of
    // a named group can also be asked for as `Kind.group`.
    const kind = indexKindOf(ref.apiVersion, ref.kind);
    index(kind, object);
    const group = apiGroupOf(ref.apiVersion);
    if (kind === ref.kind && group !== '') index(`${ref.kind}.${group}`, object);
    if (ref.namespace !== null) {
      let nsList = byNamespace.get(ref.namespace);
      if (!nsList) byNamespace.set(ref.namespace, (nsList = []));
      nsList.push(object);
    }
  }
  const systemNamespaces = new Set(options.systemNamespaces);
  const cache = new Map<object, unknown>();
  const empty: readonly KubeObject[] = Object.freeze([]);

  const snapshot: Snapshot = {
    options,
    objects: Object.freeze([...objects]),
    diagnostics: Object.freeze([...diagnostics]),
    ofKind: (kind) => (byKind.get(kind) ?? empty) as never,
    get: (kind, namespace, name) => namesOf(kind).get(`${namespace ?? ''}|${name}`) as never,
    inNamespace: (namespace) => byNamespace.get(namespace) ?? empty,
    namespaces: () => snapshot.derive(namespacesKey, buildNamespaces),
    isSystemNamespace: (namespace) => typeof namespace === 'string' && systemNamespaces.has(namespace),
    workloads: () => snapshot.derive(workloadsKey, buildWorkloads),
    refOf: (object) => {
      const found = info.get(object);
      if (found) return found.ref;
      // Objects from outside the snapshot (a rule's own constructs) still get an identity.
      const loose = object as Partial<KubeObject>;
      return {
        apiVersion: loose.apiVersion ?? '',
        kind: loose.kind ?? '',
        namespace: loose.metadata?.namespace ?? null,
        name: loose.metadata?.name ?? '',
      };
    },
    has: (object): object is KubeObject => info.has(object as KubeObject),
    origin: (object) => info.get(object)?.origin,
    sourceOf: (object) => info.get(object)?.origin.source ?? null,
    derive<T>(keyOrCompute: object, maybeCompute?: (s: Snapshot) => T): T {
      const compute = (maybeCompute ?? keyOrCompute) as (s: Snapshot) => T;
      if (cache.has(keyOrCompute)) return cache.get(keyOrCompute) as T;
      const value = compute(snapshot);
      cache.set(keyOrCompute, value);
      return value;
    },
  };
  return Object.freeze(snapshot);
}



const namespacesKey: object = { view: 'namespaces' } satisfies object;
const workloadsKey: object = { view: 'workloads' } satisfies object;

export type { NamespaceEntry, Workload, SourceLocation, PathSegment };
