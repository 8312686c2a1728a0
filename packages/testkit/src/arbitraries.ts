import fc from 'fast-check';
import { isClusterScoped } from '@kubecis/core';

/** The marker planted in Secret values and env literals; it must never appear in any output. */
export const secretMarker = 'KUBECIS-SENTINEL-7f3a9c';

const opt = <T>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> =>
  fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;

export const namespaceNames = ['default', 'team-a', 'team-b', 'prod', 'kube-system'] as const;
const objectName = fc.constantFrom('app', 'web', 'api', 'db', 'default', 'worker');
const namespaceName = fc.constantFrom(...namespaceNames);

export const capabilities = ['NET_RAW', 'NET_ADMIN', 'SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN', 'ALL', 'all', 'SYS_PTRACE'] as const;
const capability = fc.constantFrom(...capabilities);

const seccompProfile = fc.oneof(
  fc.constant({ type: 'RuntimeDefault' }),
  fc.constant({ type: 'Unconfined' }),
  fc.constant({ type: 'Localhost', localhostProfile: 'profiles/audit.json' }),
);

/** A container securityContext with any subset of the fields section 5 reads. */
export const securityContext = (): fc.Arbitrary<Record<string, unknown>> =>
  opt({
    privileged: fc.boolean(),
    allowPrivilegeEscalation: fc.boolean(),
    runAsNonRoot: fc.boolean(),
    runAsUser: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 })),
    readOnlyRootFilesystem: fc.boolean(),
    procMount: fc.constantFrom('Default', 'Unmasked'),
    capabilities: opt({ add: fc.array(capability, { maxLength: 3 }), drop: fc.array(capability, { maxLength: 3 }) }),
    seccompProfile,
    windowsOptions: opt({ hostProcess: fc.boolean() }),
  });

/** A pod-level securityContext. */
export const podSecurityContext = (): fc.Arbitrary<Record<string, unknown>> =>
  opt({
    runAsNonRoot: fc.boolean(),
    runAsUser: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 })),
    seccompProfile,
    sysctls: fc.array(fc.record({ name: fc.constantFrom('kernel.shm_rmid_forced', 'net.core.somaxconn', 'net.ipv4.ip_local_port_range'), value: fc.constant('1') }), { maxLength: 2 }),
  });

const envVar = fc.oneof(
  fc.record({ name: fc.constant('PLAIN'), value: fc.constant(`literal-${secretMarker}`) }),
  fc.record({ name: fc.constant('FROM_SECRET'), valueFrom: fc.record({ secretKeyRef: fc.record({ name: fc.constant('creds'), key: fc.constant('password') }) }) }),
);

/** A container with any security context, ports and env. */
export const container = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.constantFrom('app', 'sidecar', 'init'),
      opt({
        securityContext: securityContext(),
        ports: fc.array(fc.record({ containerPort: fc.constantFrom(80, 8080), hostPort: fc.constantFrom(80, 8080) }, { requiredKeys: ['containerPort'] }), { maxLength: 2 }),
        env: fc.array(envVar, { maxLength: 2 }),
        envFrom: fc.array(fc.record({ secretRef: fc.record({ name: fc.constant('creds') }) }), { maxLength: 1 }),
      }),
    )
    .map(([name, rest]) => ({ name, image: `registry.example.com/${name}:1`, ...rest }));

const volume = fc.oneof(
  fc.record({ name: fc.constant('data'), emptyDir: fc.constant({}) }),
  fc.record({ name: fc.constant('host'), hostPath: fc.record({ path: fc.constantFrom('/var/run/docker.sock', '/etc', '/tmp') }) }),
  fc.record({ name: fc.constant('creds'), secret: fc.record({ secretName: fc.constant('creds') }) }),
);

/** A pod spec: 1-3 containers, optional init/ephemeral containers, host namespaces, volumes, token settings. */
export const podSpec = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.array(container(), { minLength: 1, maxLength: 3 }),
      opt({
        initContainers: fc.array(container(), { minLength: 1, maxLength: 2 }),
        ephemeralContainers: fc.array(container(), { minLength: 1, maxLength: 1 }),
        hostNetwork: fc.boolean(),
        hostPID: fc.boolean(),
        hostIPC: fc.boolean(),
        securityContext: podSecurityContext(),
        volumes: fc.array(volume, { maxLength: 2 }),
        serviceAccountName: fc.constantFrom('default', 'app', 'builder'),
        automountServiceAccountToken: fc.boolean(),
      }),
    )
    .map(([containers, rest]) => ({ containers, ...rest }));

const metadata = (namespaced: boolean) =>
  fc
    .tuple(objectName, namespaced ? fc.option(namespaceName, { nil: undefined }) : fc.constant(undefined), fc.option(fc.constantFrom({ team: 'a' }, { 'kubernetes.io/bootstrapping': 'rbac-defaults' }), { nil: undefined }))
    .map(([name, namespace, labels]) => ({ name, ...(namespace === undefined ? {} : { namespace }), ...(labels === undefined ? {} : { labels }) }));

export const workloadKindNames = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'] as const;
export type WorkloadKindName = (typeof workloadKindNames)[number];

/** Wraps a pod spec in the given workload kind. */
export function wrapPodSpec(kind: WorkloadKindName, meta: Record<string, unknown>, spec: Record<string, unknown>): Record<string, unknown> {
  const template = { metadata: { labels: { app: 'app' } }, spec };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: meta, spec };
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata: meta, template };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata: meta, spec: { selector: { app: 'app' }, template } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { template } };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { schedule: '@hourly', jobTemplate: { spec: { template } } } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector: { matchLabels: { app: 'app' } }, template } };
  }
}

/** A Pod. */
export const pod = (): fc.Arbitrary<Record<string, unknown>> => fc.tuple(metadata(true), podSpec()).map(([m, spec]) => wrapPodSpec('Pod', m, spec));

/** Any of the nine workload kinds with an arbitrary pod spec. */
export const workload = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(fc.constantFrom(...workloadKindNames), metadata(true), podSpec()).map(([kind, m, spec]) => wrapPodSpec(kind, m, spec));

export const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '*', 'bind', 'escalate', 'impersonate', 'approve', 'proxy'] as const;
export const apiGroups = ['', '*', 'apps', 'rbac.authorization.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', 'authentication.k8s.io'] as const;
export const resources = [
  'pods', 'secrets', '*', '*/scale', 'secrets/*', 'nodes/proxy', 'nodes', 'persistentvolumes', 'certificatesigningrequests/approval',
  'signers', 'serviceaccounts/token', 'serviceaccounts', 'roles', 'clusterroles', 'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations', 'deployments', 'pods/exec', 'users', 'groups',
] as const;

/** A PolicyRule biased towards wildcards and sensitive resources. */
export const policyRule = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    { weight: 9, arbitrary: fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...verbs), { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.constantFrom(...apiGroups), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...resources), { minLength: 1, maxLength: 3 }),
        fc.option(fc.constantFrom(['creds'], ['kubernetes.io/kube-apiserver-client']), { nil: undefined }),
      )
      .map(([v, g, r, names]) => ({ verbs: v, apiGroups: g, resources: r, ...(names === undefined ? {} : { resourceNames: names }) })) },
    { weight: 1, arbitrary: fc.record({ verbs: fc.constant(['get']), nonResourceURLs: fc.constantFrom(['/healthz'], ['*']) }) },
  );

/** A Role (namespaced) or ClusterRole, optionally aggregated. */
export const role = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(metadata(true), fc.array(policyRule(), { maxLength: 3 })).map(([m, rules]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: m, rules }));

export const clusterRole = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(metadata(false), fc.array(policyRule(), { maxLength: 3 }), fc.option(fc.constant({ clusterRoleSelectors: [{ matchLabels: { team: 'a' } }] }), { nil: undefined }))
    .map(([m, rules, aggregationRule]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: m, rules, ...(aggregationRule ? { aggregationRule } : {}) }));

/** A binding subject, including the groups Kubernetes treats specially. */
export const subjectArb = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record({ kind: fc.constant('User'), apiGroup: fc.constant('rbac.authorization.k8s.io'), name: fc.constantFrom('alice', 'system:anonymous') }),
    fc.record({ kind: fc.constant('Group'), apiGroup: fc.constant('rbac.authorization.k8s.io'), name: fc.constantFrom('devs', 'system:masters', 'system:authenticated', 'system:unauthenticated', 'system:serviceaccounts') }),
    fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('default', 'app', 'builder'), namespace: namespaceName }),
  );

const roleRef = fc.oneof(
  fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constant('ClusterRole'), name: fc.constantFrom('cluster-admin', 'admin', 'edit', 'view', 'app', 'web') }),
  fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constant('Role'), name: fc.constantFrom('app', 'web') }),
);

export const roleBinding = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(metadata(true), fc.array(subjectArb(), { maxLength: 3 }), roleRef).map(([m, subjects, ref]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: m, subjects, roleRef: ref }));

export const clusterRoleBinding = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(metadata(false), fc.array(subjectArb(), { maxLength: 3 }), roleRef.filter((r) => r.kind === 'ClusterRole'))
    .map(([m, subjects, ref]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: m, subjects, roleRef: ref }));

/** A Namespace, optionally with Pod Security Admission labels. */
export const namespace = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(namespaceName, fc.option(fc.constantFrom('privileged', 'baseline', 'restricted'), { nil: undefined }), fc.option(fc.constantFrom('latest', 'v1.25', 'v1.30'), { nil: undefined }))
    .map(([name, level, version]) => {
      const labels: Record<string, string> = {};
      if (level !== undefined) labels['pod-security.kubernetes.io/enforce'] = level;
      if (level !== undefined && version !== undefined) labels['pod-security.kubernetes.io/enforce-version'] = version;
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(level === undefined ? {} : { labels }) } };
    });

export const serviceAccount = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(metadata(true), fc.option(fc.boolean(), { nil: undefined })).map(([m, automount]) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: m,
    ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
  }));

export const networkPolicy = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(metadata(true), fc.constantFrom({}, { matchLabels: { app: 'web' } }), fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']))
    .map(([m, podSelector, policyTypes]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: m, spec: { podSelector, policyTypes } }));

/** A Secret whose values (data, stringData, last-applied annotation) carry {@link secretMarker}. */
export const secret = (): fc.Arbitrary<Record<string, unknown>> =>
  metadata(true).map((m) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { ...m, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"password":"${secretMarker}"}}` } },
    type: 'Opaque',
    data: { password: btoaAscii(secretMarker), plain: secretMarker },
    stringData: { token: secretMarker },
  }));

function btoaAscii(text: string): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]! + (Number.isNaN(b) ? '=' : chars[(n >> 6) & 63]!) + (Number.isNaN(c) ? '=' : chars[n & 63]!);
  }
  return out;
}

/** Any object section 5 reads. */
export const anyObject = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(workload(), role(), clusterRole(), roleBinding(), clusterRoleBinding(), namespace(), serviceAccount(), networkPolicy(), secret());

/** Identity used by the snapshot: the last of several objects with one identity wins. */
function identity(object: Record<string, unknown>): string {
  const meta = (object['metadata'] ?? {}) as Record<string, unknown>;
  const apiVersion = String(object['apiVersion']);
  const kind = String(object['kind']);
  const namespace = isClusterScoped(apiVersion, kind) ? '' : typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default';
  return `${apiVersion.split('/').slice(0, -1).join('/')}|${kind}|${namespace}|${String(meta['name'])}`;
}

/** Removes later objects whose identity repeats an earlier one, so that any order gives the same snapshot. */
export function uniqueObjects<T extends Record<string, unknown>>(objects: readonly T[]): T[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = identity(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A whole snapshot's worth of objects with unique identities. */
export const snapshotObjects = (options: { maxLength?: number; of?: fc.Arbitrary<Record<string, unknown>> } = {}): fc.Arbitrary<Record<string, unknown>[]> =>
  fc.array(options.of ?? anyObject(), { maxLength: options.maxLength ?? 12 }).map(uniqueObjects);

/** Every arbitrary factory, as `arb.pod()`, `arb.role()`, … */
export const arb = {
  securityContext,
  podSecurityContext,
  container,
  podSpec,
  pod,
  workload,
  policyRule,
  role,
  clusterRole,
  subject: subjectArb,
  roleBinding,
  clusterRoleBinding,
  namespace,
  serviceAccount,
  networkPolicy,
  secret,
  anyObject,
  snapshotObjects,
} as const;

/** fast-check extended with kubecis's arbitraries: `kfc.pod()`, `kfc.array(...)`. */
export const kfc = Object.freeze({ ...fc, ...arb });
