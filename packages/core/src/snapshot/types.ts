import type { KnownKind, KindMap, ObjectOfKind } from '../objects/kinds.js';
import type { KubeObject, TemplateMeta } from '../objects/meta.js';
import type { Container, PodSpec } from '../objects/core-v1.js';
import type { PathSegment } from './path.js';

/** Where an object (or one of its fields) was written. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  /** The 0-based index of the YAML document in its file, when the file holds several. */
  readonly document?: number;
}

/** The identity of an object, as findings print it. `namespace` is `null` for cluster-scoped kinds. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** Something about the input that a person should know: malformed objects, duplicates, unresolved references. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly source: SourceLocation | null;
  /** The object the diagnostic is about, when it could be identified. */
  readonly object?: ObjectRef | null;
  /** A field path inside that object. */
  readonly path?: string | null;
}

/** Where an object came from: its input's source, and the path from that input's root to the object. */
export interface ObjectOrigin {
  readonly source: SourceLocation | null;
  /** `[]` for a top-level object, `['items', 3]` for the fourth item of a List. */
  readonly documentPath: readonly PathSegment[];
  /** The position of the input in the array given to `createSnapshot`. */
  readonly inputIndex: number;
}

export interface SnapshotOptions {
  /** The namespace of namespaced objects that name none (`default`). */
  readonly defaultNamespace?: string;
  /** Namespaces that belong to Kubernetes itself (kube-system, kube-public, kube-node-lease). */
  readonly systemNamespaces?: readonly string[];
  /** The source of each input, by position (the CLI gives file and document line). */
  readonly sources?: readonly (SourceLocation | null | undefined)[];
  /** The cluster's Kubernetes version (`v1.30.2`), when known. */
  readonly kubernetesVersion?: string | null;
  /**
   * Where an item inside an input is (the fourth item of a List, say), for the diagnostics about
   * it: the same hook as `evaluate`'s `locate`, called with the item's origin and a `null` path.
   * Without it, or when it answers `null` or throws, a diagnostic names the input's own source.
   */
  readonly locate?: (origin: ObjectOrigin, path: string | null) => SourceLocation | null;
}

export interface ResolvedSnapshotOptions {
  readonly defaultNamespace: string;
  readonly systemNamespaces: readonly string[];
  readonly kubernetesVersion: string | null;
}

/** A namespace of the snapshot: declared by a Namespace object, or implied by the objects in it. */
export interface NamespaceEntry {
  readonly name: string;
  /** The Namespace object, or `null` when no object declares it. */
  readonly object: KindMap['Namespace'] | null;
  readonly implicit: boolean;
  /** One of the configured system namespaces. */
  readonly system: boolean;
}

export type WorkloadKind =
  | 'Pod'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'ReplicationController'
  | 'PodTemplate';

export type WorkloadObject = KindMap[WorkloadKind];

/** One pod spec of the snapshot, named by the object that owns it. */
export interface Workload {
  readonly object: WorkloadObject;
  readonly kind: WorkloadKind;
  readonly ref: ObjectRef;
  readonly namespace: string;
  /** The pod's metadata: the Pod's own, or the template's (never `undefined`). */
  readonly podMetadata: TemplateMeta;
  readonly spec: PodSpec;
  /** The path from the owner's root to the pod spec: `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`, `template.spec`. */
  readonly specPath: string;
  /** The path from the owner's root to the pod metadata. */
  readonly metadataPath: string;
  /** Objects in the snapshot that this workload controls (its ReplicaSets, Jobs and Pods), folded into it. */
  readonly folded: readonly ObjectRef[];
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface WorkloadContainer {
  readonly container: Container;
  readonly group: ContainerGroup;
  readonly index: number;
  /** From the owner's root: `spec.template.spec.initContainers[0]`. */
  readonly path: string;
}

/**
 * An immutable, indexed view of a set of Kubernetes objects. Built once by `createSnapshot`;
 * derived views are computed on first use and cached.
 */
export interface Snapshot {
  readonly options: ResolvedSnapshotOptions;
  /** Every valid object, in input order (Lists unwrapped). */
  readonly objects: readonly KubeObject[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Objects of one kind, in input order. A Kubernetes kind's name means that kind in its own API
   * group (`NetworkPolicy` is `networking.k8s.io`'s); `Kind.group` names a kind of any group
   * (`NetworkPolicy.projectcalico.org`, `CiliumNetworkPolicy.cilium.io`).
   */
  ofKind<K extends string>(kind: K): readonly ObjectOfKind<K>[];
  /** One object by kind (as in {@link Snapshot.ofKind}), namespace (`null` for cluster-scoped) and name. */
  get<K extends string>(kind: K, namespace: string | null, name: string): ObjectOfKind<K> | undefined;
  /** Namespaced objects in one namespace, of every kind. */
  inNamespace(namespace: string): readonly KubeObject[];
  /** Declared and implicit namespaces, sorted by name. */
  namespaces(): readonly NamespaceEntry[];
  isSystemNamespace(namespace: string | null | undefined): boolean;
  /** Every pod spec, named by its top-most owner in the snapshot. */
  workloads(): readonly Workload[];
  /** The identity of an object of this snapshot. */
  refOf(object: KubeObject): ObjectRef;
  /** Whether the object is one of this snapshot's objects. */
  has(object: unknown): object is KubeObject;
  origin(object: KubeObject): ObjectOrigin | undefined;
  sourceOf(object: KubeObject): SourceLocation | null;
  /**
   * A view derived from the snapshot, computed once per snapshot and key. Rule packs use it for
   * their indexes (the RBAC index, the namespace policy map): `snapshot.derive(buildIndex)`.
   */
  derive<T>(compute: (snapshot: Snapshot) => T): T;
  derive<T>(key: object, compute: (snapshot: Snapshot) => T): T;
}

export type { KnownKind };
