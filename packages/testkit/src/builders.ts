// Object builders: every kind kubecis rules read, with sane defaults and typed, deep overrides.
import { workloadTemplatePaths, type KindMap, type KnownKind, type ObjectMeta, type OwnerReference, type PolicyRule, type PodSpec, type Subject, type TemplateMeta } from '@kubecis/core';
import type { WorkloadKindName } from './workload-kinds.js';

/** The known fields of a zod loose object type, without its `[key: string]: unknown` index signature. */
type KnownFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * A deep override of `T`: every known field is optional and typed; any other field is allowed
 * (Kubernetes objects carry many fields that kubecis does not model). Arrays replace the
 * default: give their elements whole (`containers: [build.container({ name: 'b' })]`).
 */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [K in keyof KnownFields<T>]?: DeepPartial<KnownFields<T>[K]> } & Readonly<Record<string, unknown>>
    : T;

/** A complete value of `T` whose objects may also carry fields kubecis does not model. */
export type Loose<T> = T extends readonly (infer U)[]
  ? readonly Loose<U>[]
  : T extends object
    ? { [K in keyof KnownFields<T>]: Loose<KnownFields<T>[K]> } & Readonly<Record<string, unknown>>
    : T;

/** Metadata shorthands every builder accepts beside `metadata` itself. */
export interface BuildMeta {
  readonly name?: string;
  /** Ignored for cluster-scoped kinds. Left out, the snapshot places the object in `default`. */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly uid?: string;
  /** See {@link ownerReference}. */
  readonly ownerReferences?: readonly Loose<OwnerReference>[];
  /** Any other metadata; merged after the shorthands. */
  readonly metadata?: DeepPartial<ObjectMeta>;
}

/** Overrides of a builder of kind `K`: the metadata shorthands plus any field of the object, deeply. */
export type Overrides<K extends KnownKind> = BuildMeta & DeepPartial<Omit<KnownFields<KindMap[K]>, 'metadata' | 'kind' | 'apiVersion'>>;

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Recursively merges plain objects; arrays and scalars in `override` replace. Never mutates. */
function merge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(override) || !isPlainObject(base)) return copy(override) as T;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(out[key], value);
  return out as T;
}

/** A fresh copy of plain data, so that no two built objects share (or freeze) a nested value. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) as T;
  return value;
}

const metaKeys = new Set(['name', 'namespace', 'labels', 'annotations', 'uid', 'ownerReferences', 'metadata']);

function buildMetadata(defaultName: string, namespaced: boolean, overrides: Json): Json {
  const m: Json = { name: defaultName };
  for (const key of ['name', 'namespace', 'labels', 'annotations', 'uid', 'ownerReferences'] as const) {
    if (overrides[key] !== undefined) m[key] = copy(overrides[key]);
  }
  const merged = merge(m, overrides['metadata']);
  if (!namespaced) delete merged['namespace'];
  return merged;
}

function rest(overrides: Json): Json {
  return Object.fromEntries(Object.entries(overrides).filter(([key]) => !metaKeys.has(key)));
}

function make<K extends KnownKind>(apiVersion: string, kind: K, namespaced: boolean, defaults: () => Json) {
  return (overrides: Overrides<K> = {} as Overrides<K>): KindMap[K] => {
    const o = overrides as Json;
    return merge({ apiVersion, kind, metadata: buildMetadata(kind.toLowerCase(), namespaced, o), ...defaults() }, rest(o)) as KindMap[K];
  };
}

type ContainerType = KindMap['Pod']['spec']['containers'][number];

/**
 * A container: `{ name: 'app', image: 'registry.example.com/app:1.0.0' }` plus the overrides.
 * @example build.container({ name: 'init', securityContext: { privileged: true } })
 */
export function container(overrides: DeepPartial<ContainerType> = {}): ContainerType {
  return merge({ name: 'app', image: 'registry.example.com/app:1.0.0' }, overrides);
}

const podSpec = (): Json => ({ containers: [container()] });
const template = (): Json => ({ metadata: { labels: { app: 'app' } }, spec: podSpec() });
const jobTemplate = (): Json => ({ metadata: { labels: { app: 'app' } }, spec: { ...podSpec(), restartPolicy: 'Never' } });
const workloadSpec = (): Json => ({ selector: { matchLabels: { app: 'app' } }, template: template() });
const rbacGroup = 'rbac.authorization.k8s.io';

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Pod Security Admission labels of a namespace: `{ enforce: 'restricted', enforceVersion: 'v1.30' }`. */
export interface PodSecurityLabels {
  readonly enforce?: 'privileged' | 'baseline' | 'restricted' | (string & {});
  readonly enforceVersion?: string;
  readonly audit?: 'privileged' | 'baseline' | 'restricted' | (string & {});
  readonly auditVersion?: string;
  readonly warn?: 'privileged' | 'baseline' | 'restricted' | (string & {});
  readonly warnVersion?: string;
}

/** The `pod-security.kubernetes.io/*` labels for the given levels and versions. */
export function podSecurityLabels(levels: PodSecurityLabels): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const level = levels[mode];
    const version = levels[`${mode}Version`];
    if (level !== undefined) labels[`pod-security.kubernetes.io/${mode}`] = level;
    if (version !== undefined) labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

/** Overrides of {@link build.workload}: metadata shorthands, the pod spec and pod template metadata, and any other field. */
export interface WorkloadOverrides extends BuildMeta {
  /** Merged into the pod spec, wherever the kind keeps it. */
  readonly podSpec?: DeepPartial<PodSpec>;
  /** Merged into the pod template's metadata (ignored for a Pod: use `labels`). */
  readonly podMetadata?: DeepPartial<TemplateMeta>;
  readonly [field: string]: unknown;
}

/** The object that owns another: a built object or a reference. */
export interface OwnerLike {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly uid?: string | undefined };
}

/**
 * An owner reference to `owner`, as a controller by default; copies the owner's uid when it has one.
 * @example build.pod({ ownerReferences: [ownerReference(build.replicaSet({ name: 'web-7d9f', uid: 'rs-1' }))] })
 */
export function ownerReference(owner: OwnerLike, options: { readonly controller?: boolean } = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    ...(owner.metadata.uid === undefined ? {} : { uid: owner.metadata.uid }),
    controller: options.controller ?? true,
  };
}

const deployment = make('apps/v1', 'Deployment', true, () => ({ spec: workloadSpec() }));
const pod = make('v1', 'Pod', true, () => ({ spec: podSpec() }));
const podTemplate = make('v1', 'PodTemplate', true, () => ({ template: template() }));
const replicationController = make('v1', 'ReplicationController', true, () => ({ spec: { selector: { app: 'app' }, template: template() } }));
const replicaSet = make('apps/v1', 'ReplicaSet', true, () => ({ spec: workloadSpec() }));
const statefulSet = make('apps/v1', 'StatefulSet', true, () => ({ spec: { ...workloadSpec(), serviceName: 'statefulset' } }));
const daemonSet = make('apps/v1', 'DaemonSet', true, () => ({ spec: workloadSpec() }));
const job = make('batch/v1', 'Job', true, () => ({ spec: { template: jobTemplate() } }));
const cronJob = make('batch/v1', 'CronJob', true, () => ({ spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: jobTemplate() } } } }));

const workloadBuilders: { readonly [K in WorkloadKindName]: (overrides?: Overrides<K>) => KindMap[K] } = {
  Pod: pod,
  PodTemplate: podTemplate,
  ReplicationController: replicationController,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
};

/**
 * Any of the nine workload kinds with the given pod spec, for tests that run over every kind:
 * `workloadKindNames.map((kind) => build.workload(kind, { name: 'w', podSpec: { hostPID: true } }))`.
 */
function workload<K extends WorkloadKindName>(kind: K, overrides: WorkloadOverrides = {}): KindMap[K] {
  const { podSpec: spec, podMetadata, ...others } = overrides;
  const paths = workloadTemplatePaths[kind];
  let extra: unknown = others;
  if (spec !== undefined) extra = merge(extra, nest(paths.spec, spec));
  if (podMetadata !== undefined && kind !== 'Pod') extra = merge(extra, nest(paths.metadata, podMetadata));
  return (workloadBuilders[kind] as (o: Json) => KindMap[K])(extra as Json);
}

/**
 * A PolicyRule: `{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }` plus the overrides.
 * @example build.policyRule({ verbs: ['*'], resources: ['secrets'] })
 */
function policyRule(overrides: DeepPartial<PolicyRule> = {}): PolicyRule {
  return merge({ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, overrides);
}

type WebhookType = NonNullable<KindMap['ValidatingWebhookConfiguration']['webhooks']>[number];

/**
 * One webhook of a Validating/MutatingWebhookConfiguration: it intercepts pod CREATE and UPDATE,
 * calls a Service, and fails closed.
 */
function webhook(overrides: DeepPartial<WebhookType> = {}): WebhookType {
  return merge(
    {
      name: 'policy.example.com',
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'], scope: '*' }],
      failurePolicy: 'Fail',
      sideEffects: 'None',
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 'policy-webhook', namespace: 'policy-system', path: '/validate' } },
    },
    overrides,
  );
}

/**
 * Object builders with sane defaults, for every kind kubecis rules read. Overrides merge deeply
 * into the defaults; arrays replace. `name`, `namespace`, `labels`, `annotations`, `uid` and
 * `ownerReferences` go to metadata (so does `metadata` itself, merged last). A builder called
 * without a name names the object after its kind (`pod`, `deployment`, `clusterrole`).
 *
 * @example
 * build.deployment({ name: 'web', namespace: 'shop', spec: { template: { spec: { hostNetwork: true } } } })
 * build.workload('CronJob', { name: 'sync', podSpec: { hostPID: true } })
 * build.namespace({ name: 'apps', podSecurity: { enforce: 'restricted', enforceVersion: 'latest' } })
 * build.clusterRoleBinding({ roleRef: { name: 'cluster-admin' }, subjects: [subject.group('devs')] })
 */
export const build = {
  container,
  /** A Namespace; `podSecurity` adds the Pod Security Admission labels (see {@link podSecurityLabels}). */
  namespace(overrides: Overrides<'Namespace'> & { readonly podSecurity?: PodSecurityLabels } = {}): KindMap['Namespace'] {
    const { podSecurity, ...others } = overrides;
    const labels = podSecurity === undefined ? others.labels : { ...podSecurityLabels(podSecurity), ...others.labels };
    return make('v1', 'Namespace', false, () => ({}))({ ...others, ...(labels === undefined ? {} : { labels }) });
  },
  /** A Pod with one container. */
  pod,
  /** A PodTemplate (the pod spec is at `template.spec`). */
  podTemplate,
  /** A ReplicationController (equality-based selector `app: app`). */
  replicationController,
  /** A Deployment selecting `app: app`. */
  deployment,
  /** A ReplicaSet selecting `app: app`. */
  replicaSet,
  /** A StatefulSet selecting `app: app`. */
  statefulSet,
  /** A DaemonSet selecting `app: app`. */
  daemonSet,
  /** A Job with `restartPolicy: Never`. */
  job,
  /** An hourly CronJob (the pod spec is at `spec.jobTemplate.spec.template.spec`). */
  cronJob,
  workload,
  /** A ServiceAccount; it mounts its token by default, as in Kubernetes. */
  serviceAccount: make('v1', 'ServiceAccount', true, () => ({})),
  /** An Opaque Secret with no data. Give `data`/`stringData` to test that values never leak. */
  secret: make('v1', 'Secret', true, () => ({ type: 'Opaque', data: {} })),
  /** A ClusterIP Service on port 80 selecting `app: app`. */
  service: make('v1', 'Service', true, () => ({ spec: { type: 'ClusterIP', selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } })),
  /** A ConfigMap with no data. */
  configMap(overrides: BuildMeta & { readonly data?: Readonly<Record<string, string>>; readonly [field: string]: unknown } = {}): Json {
    const o = overrides as Json;
    return merge({ apiVersion: 'v1', kind: 'ConfigMap', metadata: buildMetadata('configmap', true, o), data: {} }, rest(o));
  },
  policyRule,
  /** A Role with no rules. */
  role: make('rbac.authorization.k8s.io/v1', 'Role', true, () => ({ rules: [] })),
  /** A ClusterRole with no rules; give `aggregationRule: { clusterRoleSelectors: [...] }` for an aggregated one. */
  clusterRole: make('rbac.authorization.k8s.io/v1', 'ClusterRole', false, () => ({ rules: [] })),
  /** A RoleBinding of the Role `role`, with no subjects. Override `roleRef: { kind: 'ClusterRole', name }` to bind a ClusterRole. */
  roleBinding: make('rbac.authorization.k8s.io/v1', 'RoleBinding', true, () => ({ roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'role' }, subjects: [] })),
  /** A ClusterRoleBinding of the ClusterRole `clusterrole`, with no subjects. */
  clusterRoleBinding: make('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false, () => ({
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'clusterrole' },
    subjects: [],
  })),
  /** A NetworkPolicy that selects every pod of its namespace and allows no ingress (a default deny). */
  networkPolicy: make('networking.k8s.io/v1', 'NetworkPolicy', true, () => ({ spec: { podSelector: {}, policyTypes: ['Ingress'] } })),
  webhook,
  /** A ValidatingWebhookConfiguration with no webhooks; add some with `webhooks: [build.webhook()]`. */
  validatingWebhookConfiguration: make('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false, () => ({ webhooks: [] })),
  /** A MutatingWebhookConfiguration with no webhooks. */
  mutatingWebhookConfiguration: make('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false, () => ({ webhooks: [] })),
  /** A ValidatingAdmissionPolicy on pod CREATE and UPDATE with one CEL validation. */
  validatingAdmissionPolicy: make('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', false, () => ({
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }] },
      validations: [{ expression: 'object.spec.containers.all(c, !has(c.securityContext) || c.securityContext.privileged != true)' }],
    },
  })),
  /** A binding that enforces (`Deny`) the policy `validatingadmissionpolicy` (the default policy's name) everywhere. */
  validatingAdmissionPolicyBinding: make('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', false, () => ({
    spec: { policyName: 'validatingadmissionpolicy', validationActions: ['Deny'] },
  })),
  ownerReference,
  /** Any other kind, as a generic namespaced object: `build.object('kyverno.io/v1', 'ClusterPolicy', { name: 'p', spec: {...} })`. */
  object(apiVersion: string, kind: string, overrides: BuildMeta & Readonly<Record<string, unknown>> = {}): Json {
    const o = overrides as Json;
    return merge({ apiVersion, kind, metadata: buildMetadata(kind.toLowerCase(), true, o) }, rest(o));
  },
} as const;

/**
 * Subjects of a RoleBinding or ClusterRoleBinding.
 * @example build.roleBinding({ subjects: [subject.user('alice'), subject.serviceAccount('ci', 'build')] })
 */
export const subject = {
  user: (name: string): Subject => ({ kind: 'User', apiGroup: rbacGroup, name }),
  group: (name: string): Subject => ({ kind: 'Group', apiGroup: rbacGroup, name }),
  serviceAccount: (name: string, namespace: string): Subject => ({ kind: 'ServiceAccount', name, namespace }),
} as const;
