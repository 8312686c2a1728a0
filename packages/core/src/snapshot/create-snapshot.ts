import { ObjectEnvelope, type KubeObject } from '../objects/meta.js';
import { apiGroupOf, indexKindOf, isClusterScoped, schemaFor } from '../objects/kinds.js';
import { describeIssues, typeName } from '../internal/describe.js';
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
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
  ingest(Array.isArray(objects) ? objects : [], options.sources, resolved, state, 0);
  return buildSnapshot([...state.kept.values()], state.info, state.diagnostics, resolved);
}

/**
 * A snapshot with more objects: the base's objects are reused without validating them again,
 * the new ones are validated and replace base objects of the same identity. Derived views are
 * computed afresh for the new snapshot; the base is untouched. Used for admission-style checks
 * of one incoming object against a prepared snapshot.
 */
export function extendSnapshot(base: Snapshot, objects: readonly unknown[], sources?: readonly (SourceLocation | null | undefined)[]): Snapshot {
  const state: IngestState = { kept: new Map(), info: new Map(), diagnostics: [...base.diagnostics] };
  let offset = 0;
  for (const object of base.objects) {
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

function containsNull(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null) return true;
    if (typeof item === 'object') for (const child of Array.isArray(item) ? item : Object.values(item as Record<string, unknown>)) stack.push(child);
  }
  return false;
}

/** A copy without null-valued fields (null list items stay: they are not absent fields). */
function withoutNulls(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > maxNesting) return value;
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (field !== null) out[key] = withoutNulls(field, depth + 1);
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
): void {
  const { kept, info, diagnostics } = state;
  const add = (value: unknown, origin: ObjectOrigin, inherited: { apiVersion?: string; kind?: string }): void => {
    const where = origin.documentPath.length > 0 ? ` at ${formatPath(origin.documentPath)}` : '';
    if (value === null || value === undefined) {
      if (origin.documentPath.length > 0) {
        diagnostics.push({ severity: 'warning', message: `Empty item${where} skipped`, source: origin.source });
      }
      return;
    }
    if (Array.isArray(value)) {
      if (origin.documentPath.length > maxNesting) {
        diagnostics.push({ severity: 'error', message: `Lists nested more than ${String(maxNesting)} deep${where} skipped`, source: origin.source });
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
        message: `Expected a Kubernetes object${where}, got ${typeName(value)}`,
        source: origin.source,
      });
      return;
    }
    const kind = value['kind'];
    // kubectl's List and typed lists (PodList) hold items; typed lists' items may omit kind and apiVersion.
    if (typeof kind === 'string' && kind.endsWith('List') && 'items' in value) {
      const items = value['items'];
      if (items === null || items === undefined) return;
      if (!Array.isArray(items)) {
        diagnostics.push({ severity: 'error', message: `${kind}${where}: items must be a list, got ${typeName(items)}`, source: origin.source });
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
        message: `Skipped ${describeInput(candidate)}${where}: ${describeIssues(envelope.error.issues, candidate)}`,
        source: origin.source,
        path: null,
      });
      return;
    }
    const { apiVersion, kind: objectKind, metadata } = envelope.data;
    let parsed = schemaFor(apiVersion, objectKind).safeParse(candidate);
    if (!parsed.success && containsNull(candidate)) {
      const retried = schemaFor(apiVersion, objectKind).safeParse(withoutNulls(candidate));
      if (retried.success) parsed = retried;
    }
    const declaredNamespace = metadata.namespace === '' ? undefined : metadata.namespace;
    const clusterScoped = isClusterScoped(apiVersion, objectKind, declaredNamespace);
    const namespace = clusterScoped ? null : (declaredNamespace ?? resolved.defaultNamespace);
    const ref: ObjectRef = Object.freeze({ apiVersion, kind: objectKind, namespace, name: metadata.name });
    if (!parsed.success) {
      diagnostics.push({
        severity: 'error',
        message: `Skipped ${objectKind} "${metadata.name}"${where}: ${describeIssues(parsed.error.issues, candidate)}`,
        source: origin.source,
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
      const earlier = info.get(previous)?.origin.source;
      diagnostics.push({
        severity: 'warning',
        message: `Duplicate ${objectKind} "${namespace === null ? '' : `${namespace}/`}${metadata.name}": this definition replaces the earlier one${earlier ? ` (${earlier.file}:${String(earlier.line)})` : ''}, as kubectl apply would`,
        source: origin.source,
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
    add(value, { source, documentPath: [], inputIndex: indexOffset + index }, {});
  });
}

function buildSnapshot(
  objects: readonly KubeObject[],
  info: ReadonlyMap<KubeObject, ObjectInfo>,
  diagnostics: readonly Diagnostic[],
  options: ResolvedSnapshotOptions,
): Snapshot {
  const byKind = new Map<string, KubeObject[]>();
  const byName = new Map<string, KubeObject>();
  const byNamespace = new Map<string, KubeObject[]>();
  const index = (kind: string, ref: ObjectRef, object: KubeObject): void => {
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(object);
    const nameKey = `${kind}|${ref.namespace ?? ''}|${ref.name}`;
    if (!byName.has(nameKey)) byName.set(nameKey, object);
  };
  for (const object of objects) {
    const ref = (info.get(object)!).ref;
    // A custom resource that reuses a Kubernetes kind's name (Calico's NetworkPolicy) is indexed
    // as `Kind.group` only, so `ofKind('NetworkPolicy')` holds what its type says. Every object of
    // a named group can also be asked for as `Kind.group`.
    const kind = indexKindOf(ref.apiVersion, ref.kind);
    index(kind, ref, object);
    const group = apiGroupOf(ref.apiVersion);
    if (kind === ref.kind && group !== '') index(`${ref.kind}.${group}`, ref, object);
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
    get: (kind, namespace, name) => byName.get(`${kind}|${namespace ?? ''}|${name}`) as never,
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
