import type { KindMap } from '@kubecis/core';

type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Recursively merges plain objects; arrays and scalars in `override` replace. */
function merge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (override === null || typeof override !== 'object' || Array.isArray(override) || base === null || typeof base !== 'object' || Array.isArray(base)) {
    return override as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    out[key] = merge(out[key], value);
  }
  return out as T;
}

export interface BuildMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

type Overrides<K extends keyof KindMap> = BuildMeta & { readonly spec?: unknown; readonly [key: string]: unknown } & DeepPartial<Omit<KindMap[K], 'metadata' | 'kind' | 'apiVersion'>>;

function meta(defaults: { name: string; namespaced: boolean }, overrides: BuildMeta): Record<string, unknown> {
  const m: Record<string, unknown> = { name: overrides.name ?? defaults.name };
  if (defaults.namespaced && overrides.namespace !== undefined) m['namespace'] = overrides.namespace;
  if (overrides.labels) m['labels'] = overrides.labels;
  if (overrides.annotations) m['annotations'] = overrides.annotations;
  return m;
}

function splitMeta(overrides: Record<string, unknown>): [BuildMeta, Record<string, unknown>] {
  const { name, namespace, labels, annotations, metadata, ...rest } = overrides;
  const m: BuildMeta = {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
    ...(labels ? { labels: labels as Record<string, string> } : {}),
    ...(annotations ? { annotations: annotations as Record<string, string> } : {}),
  };
  return [merge(m, metadata), rest];
}

function make<K extends keyof KindMap>(apiVersion: string, kind: K, namespaced: boolean, defaults: Record<string, unknown>) {
  return (overrides: Overrides<K> | Record<string, unknown> = {}): KindMap[K] => {
    const [m, rest] = splitMeta(overrides);
    return merge({ apiVersion, kind, metadata: meta({ name: kind.toLowerCase(), namespaced }, m), ...defaults }, rest) as KindMap[K];
  };
}

/** A container with a name and an image. */
export function container(overrides: Record<string, unknown> = {}): KindMap['Pod']['spec']['containers'][number] {
  return merge({ name: 'app', image: 'registry.example.com/app:1.0.0' }, overrides);
}

const podSpec = (): Record<string, unknown> => ({ containers: [container()] });
const template = (): Record<string, unknown> => ({ metadata: { labels: { app: 'app' } }, spec: podSpec() });
const workloadSpec = (): Record<string, unknown> => ({ selector: { matchLabels: { app: 'app' } }, template: template() });

/**
 * Object builders with sane defaults. Overrides merge deeply into the defaults (arrays replace):
 * `build.pod({ name: 'web', namespace: 'shop', spec: { hostNetwork: true } })`.
 * `name`, `namespace`, `labels` and `annotations` go to metadata.
 */
export const build = {
  container,
  namespace: make('v1', 'Namespace', false, {}),
  pod: make('v1', 'Pod', true, { spec: podSpec() }),
  podTemplate: make('v1', 'PodTemplate', true, { template: template() }),
  replicationController: make('v1', 'ReplicationController', true, { spec: { selector: { app: 'app' }, template: template() } }),
  serviceAccount: make('v1', 'ServiceAccount', true, {}),
  service: make('v1', 'Service', true, { spec: { selector: { app: 'app' }, ports: [{ port: 80 }] } }),
  secret: make('v1', 'Secret', true, { type: 'Opaque', data: {} }),
  deployment: make('apps/v1', 'Deployment', true, { spec: workloadSpec() }),
  replicaSet: make('apps/v1', 'ReplicaSet', true, { spec: workloadSpec() }),
  statefulSet: make('apps/v1', 'StatefulSet', true, { spec: workloadSpec() }),
  daemonSet: make('apps/v1', 'DaemonSet', true, { spec: workloadSpec() }),
  job: make('batch/v1', 'Job', true, { spec: { template: { ...template(), spec: { ...podSpec(), restartPolicy: 'Never' } } } }),
  cronJob: make('batch/v1', 'CronJob', true, {
    spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { ...template(), spec: { ...podSpec(), restartPolicy: 'Never' } } } } },
  }),
  role: make('rbac.authorization.k8s.io/v1', 'Role', true, { rules: [] }),
  clusterRole: make('rbac.authorization.k8s.io/v1', 'ClusterRole', false, { rules: [] }),
  roleBinding: make('rbac.authorization.k8s.io/v1', 'RoleBinding', true, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'role' },
    subjects: [],
  }),
  clusterRoleBinding: make('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false, {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'clusterrole' },
    subjects: [],
  }),
  networkPolicy: make('networking.k8s.io/v1', 'NetworkPolicy', true, { spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
  validatingWebhookConfiguration: make('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false, { webhooks: [] }),
  mutatingWebhookConfiguration: make('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false, { webhooks: [] }),
  /** Any other kind, as a generic object: `build.object('kyverno.io/v1', 'ClusterPolicy', { name: 'p', spec: {...} })`. */
  object(apiVersion: string, kind: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const [m, rest] = splitMeta(overrides);
    return merge({ apiVersion, kind, metadata: meta({ name: kind.toLowerCase(), namespaced: true }, m) }, rest);
  },
} as const;

/** A subject of a binding. */
export const subject = {
  user: (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name }),
  group: (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name }),
  serviceAccount: (name: string, namespace: string) => ({ kind: 'ServiceAccount', name, namespace }),
} as const;
