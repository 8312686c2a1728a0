// Test-only pod builders for the engine and rule tests (not part of the package).
type Json = Record<string, unknown>;

/** The restricted-compliant container: allowPrivilegeEscalation false, drop ALL. */
export function hardenedContainer(name: string, extra: Json = {}): Json {
  const { securityContext, ...rest } = extra as { securityContext?: Json };
  return {
    name,
    image: 'registry.k8s.io/pause',
    ...rest,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...securityContext },
  };
}

/**
 * The minimal pod allowed by restricted at every version (pss.md §4): pod runAsNonRoot and
 * RuntimeDefault seccomp; an init container and a container, both hardened.
 */
export function restrictedPod(spec: Json = {}, metadata: Json = {}): Json {
  const { securityContext, ...rest } = spec as { securityContext?: Json };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', ...metadata },
    spec: {
      initContainers: [hardenedContainer('init')],
      containers: [hardenedContainer('app')],
      ...rest,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...securityContext },
    },
  };
}

/** The minimal pod: one init container and one container, nothing else. */
export function plainPod(spec: Json = {}, metadata: Json = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', ...metadata },
    spec: {
      initContainers: [{ name: 'init', image: 'registry.k8s.io/pause' }],
      containers: [{ name: 'app', image: 'registry.k8s.io/pause' }],
      ...spec,
    },
  };
}

/** A pod wrapped in a workload kind, template metadata taken from the pod. */
export function wrapIn(kind: string, pod: Json): Json {
  const template = { metadata: pod['metadata'], spec: pod['spec'] };
  const metadata = { name: 'owner', namespace: 'team' };
  switch (kind) {
    case 'Pod':
      return pod;
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata, template };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata, spec: { selector: { app: 'x' }, template } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '@hourly', jobTemplate: { spec: { template } } } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: { app: 'x' } }, template } };
  }
}

export const workloadKinds = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'] as const;

/** `spec.template.` etc.: where each kind's pod spec lives. */
export const specPrefix: Readonly<Record<(typeof workloadKinds)[number], string>> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
  PodTemplate: 'template.spec',
};

/** A Namespace enforcing a Pod Security level (and version). */
export function psaNamespace(name: string, level: string, version?: string): Json {
  const labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': level };
  if (version !== undefined) labels['pod-security.kubernetes.io/enforce-version'] = version;
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** An object with a uid and, optionally, a controller owner reference (for owner folding). */
export function owned<T>(object: T, uid: string, owner?: { kind: string; name: string; uid: string }): T {
  const o = object as unknown as { metadata: Json };
  const apiVersion = owner === undefined ? '' : owner.kind === 'Deployment' || owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet' ? 'apps/v1' : 'batch/v1';
  const ownerReferences = owner === undefined ? [] : [{ apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true }];
  return { ...o, metadata: { ...o.metadata, uid, ...(owner === undefined ? {} : { ownerReferences }) } } as unknown as T;
}
