// fast-check arbitraries for the objects kubecis rules read. Values come from small pools so that
// generated objects interact (same names, namespaces, labels and selectors), every object is one
// the snapshot accepts, and everything is built with records, tuples and maps (no filter or
// chain), so counterexamples shrink to the simplest object that still fails.
import fc from 'fast-check';
import { createSnapshot, isClusterScoped, type Snapshot, type SnapshotOptions } from '@kubecis/core';
import { workloadKindNames, type WorkloadKindName } from './workload-kinds.js';


type Json = Record<string, unknown>;

const defined = (entries: Json): Json => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

/** The marker planted in Secret values and env literals; it must never appear in any output. */
export const secretMarker = 'KUBECIS-SENTINEL-7f3a9c';

/** `undefined` or a value, half and half; shrinks to `undefined`. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 2 });

/** A record whose every field is present or absent, half and half; shrinks towards absent. */
const opt = <T>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> =>
  fc
    .record(Object.fromEntries(Object.entries(record).map(([key, value]) => [key, maybe(value as fc.Arbitrary<unknown>)])))
    .map((fields) => defined(fields) as Partial<T>);


/** The namespaces generated objects live in: one user namespace, two teams, one prod and a system one. */
export const namespaceNames = ['default', 'team-a', 'team-b', 'prod', 'kube-system'] as const;
/** The object names generated objects use; `default` is there for ServiceAccounts. */
export const objectNames = ['app', 'web', 'api', 'db', 'default', 'worker'] as const;

// ---------------------------------------------------------------------------------------------
// Metadata

/** Per-field overrides of the metadata arbitraries. */
export interface MetadataArbitraries {
  readonly name?: fc.Arbitrary<string>;
  /** `undefined` leaves the namespace out (the object lands in `default`). */
  readonly namespace?: fc.Arbitrary<string | undefined>;
  readonly labels?: fc.Arbitrary<Record<string, string> | undefined>;
  readonly annotations?: fc.Arbitrary<Record<string, string> | undefined>;
}

const labelSets: readonly Record<string, string>[] = [
  { app: 'web' },
  { team: 'a' },
  { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
  { app: 'web', team: 'a' },
];

/** Labels from a small pool: app and team labels, Kubernetes' bootstrap label, an aggregation label. */
export const labels = (): fc.Arbitrary<Record<string, string> | undefined> => maybe(fc.constantFrom(...labelSets));

/** Metadata of a namespaced (`true`) or cluster-scoped object. */
export const metadata = (namespaced: boolean, overrides: MetadataArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .record({
      name: overrides.name ?? fc.constantFrom(...objectNames),
      namespace: namespaced ? (overrides.namespace ?? maybe(fc.constantFrom(...namespaceNames))) : fc.constant(undefined),
      labels: overrides.labels ?? labels(),
      annotations: overrides.annotations ?? fc.constant(undefined),
    })
    .map(defined);

// ---------------------------------------------------------------------------------------------
// Containers and pod specs

/** Capabilities rules care about, in both spellings of ALL. */
export const capabilities = ['NET_RAW', 'NET_ADMIN', 'SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN', 'ALL', 'all', 'SYS_PTRACE'] as const;
const capability = fc.constantFrom(...capabilities);

const seccompProfile = fc.oneof(
  fc.constant({ type: 'RuntimeDefault' }),
  fc.constant({ type: 'Unconfined' }),
  fc.constant({ type: 'Localhost', localhostProfile: 'profiles/audit.json' }),
);

const runAsUser = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 }));

/** A container securityContext with any subset of the fields section 5 reads. */
export const securityContext = (): fc.Arbitrary<Json> =>
  opt({
    privileged: fc.boolean(),
    allowPrivilegeEscalation: fc.boolean(),
    runAsNonRoot: fc.boolean(),
    runAsUser,
    readOnlyRootFilesystem: fc.boolean(),
    procMount: fc.constantFrom('Default', 'Unmasked'),
    capabilities: opt({ add: fc.array(capability, { maxLength: 3 }), drop: fc.array(capability, { maxLength: 3 }) }),
    seccompProfile,
    windowsOptions: opt({ hostProcess: fc.boolean() }),
  });

/** A pod-level securityContext. */
export const podSecurityContext = (): fc.Arbitrary<Json> =>
  opt({
    runAsNonRoot: fc.boolean(),
    runAsUser,
    seccompProfile,
    sysctls: fc.array(
      fc.record({ name: fc.constantFrom('kernel.shm_rmid_forced', 'net.core.somaxconn', 'net.ipv4.ip_local_port_range'), value: fc.constant('1') }),
      { maxLength: 2 },
    ),
  });

const envVar = fc.oneof(
  fc.record({ name: fc.constant('PLAIN'), value: fc.constant(`literal-${secretMarker}`) }),
  fc.record({ name: fc.constant('FROM_SECRET'), valueFrom: fc.record({ secretKeyRef: fc.record({ name: fc.constant('creds'), key: fc.constant('password') }) }) }),
);

/** Images from an internal registry, Docker Hub (short and long forms), by digest, and with `latest`. */
export const images = [
  'registry.example.com/app:1.0.0',
  'nginx',
  'nginx:latest',
  'docker.io/library/redis:7',
  'ghcr.io/example/api@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  'localhost:5000/tool:dev',
] as const;

/** Per-field overrides of {@link container}. */
export interface ContainerArbitraries {
  readonly name?: fc.Arbitrary<string>;
  readonly image?: fc.Arbitrary<string>;
  readonly securityContext?: fc.Arbitrary<Json | undefined>;
}

/** A container with any security context, ports, env (some of it planted with {@link secretMarker}) and image. */
export const container = (overrides: ContainerArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .tuple(
      fc.record({
        name: overrides.name ?? fc.constantFrom('app', 'sidecar', 'init'),
        image: overrides.image ?? fc.constantFrom(...images),
        securityContext: overrides.securityContext ?? maybe(securityContext()),
      }),
      opt({
        ports: fc.array(fc.record({ containerPort: fc.constantFrom(80, 8080), hostPort: fc.constantFrom(80, 8080) }, { requiredKeys: ['containerPort'] }), { maxLength: 2 }),
        env: fc.array(envVar, { maxLength: 2 }),
        envFrom: fc.array(fc.record({ secretRef: fc.record({ name: fc.constant('creds') }) }), { maxLength: 1 }),
      }),
    )
    .map(([fields, rest]) => ({ ...defined(fields), ...rest }));

const volume = fc.oneof(
  fc.record({ name: fc.constant('data'), emptyDir: fc.constant({}) }),
  fc.record({ name: fc.constant('host'), hostPath: fc.record({ path: fc.constantFrom('/var/run/docker.sock', '/etc', '/tmp') }) }),
  fc.record({ name: fc.constant('creds'), secret: fc.record({ secretName: fc.constant('creds') }) }),
);

/** Per-field overrides of {@link podSpec}. */
export interface PodSpecArbitraries {
  readonly containers?: fc.Arbitrary<Json[]>;
  readonly securityContext?: fc.Arbitrary<Json | undefined>;
  readonly serviceAccountName?: fc.Arbitrary<string | undefined>;
  readonly automountServiceAccountToken?: fc.Arbitrary<boolean | undefined>;
}

/** A pod spec: 1-3 containers, optional init/ephemeral containers, host namespaces, volumes, token settings. */
export const podSpec = (overrides: PodSpecArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .tuple(
      fc.record({
        containers: overrides.containers ?? fc.array(container(), { minLength: 1, maxLength: 3 }),
        securityContext: overrides.securityContext ?? maybe(podSecurityContext()),
        serviceAccountName: overrides.serviceAccountName ?? maybe(fc.constantFrom('default', 'app', 'builder')),
        automountServiceAccountToken: overrides.automountServiceAccountToken ?? maybe(fc.boolean()),
      }),
      opt({
        initContainers: fc.array(container({ name: fc.constantFrom('init', 'setup') }), { minLength: 1, maxLength: 2 }),
        ephemeralContainers: fc.array(container({ name: fc.constant('debugger') }), { minLength: 1, maxLength: 1 }),
        hostNetwork: fc.boolean(),
        hostPID: fc.boolean(),
        hostIPC: fc.boolean(),
        volumes: fc.array(volume, { maxLength: 2 }),
        os: fc.constantFrom({ name: 'linux' }, { name: 'windows' }),
      }),
    )
    .map(([fields, rest]) => ({ ...defined(fields), ...rest }));

// ---------------------------------------------------------------------------------------------
// Workloads

/** Wraps a pod spec in the given workload kind, with template labels `app: app`. */
export function wrapPodSpec(kind: WorkloadKindName, meta: Json, spec: Json, podLabels: Record<string, string> = { app: 'app' }): Json {
  const template = { metadata: { labels: podLabels }, spec };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: meta, spec };
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata: meta, template };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata: meta, spec: { selector: podLabels, template } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { template } };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { schedule: '@hourly', jobTemplate: { spec: { template } } } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector: { matchLabels: podLabels }, template } };
  }
}

/** The controller of each kind that a controller can own (a Pod's ReplicaSet, a Job's CronJob). */
const ownerKinds: Partial<Record<WorkloadKindName, { apiVersion: string; kind: WorkloadKindName }>> = {
  Pod: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'Deployment' },
  Job: { apiVersion: 'batch/v1', kind: 'CronJob' },
};

/** Per-field overrides of {@link workload}. */
export interface WorkloadArbitraries extends MetadataArbitraries {
  /** The kinds to choose from; default all nine ({@link workloadKindNames}). */
  readonly kinds?: readonly WorkloadKindName[];
  readonly spec?: fc.Arbitrary<Json>;
  /** Whether a Pod, ReplicaSet or Job may name a controller owner (from the same name pool, so it is sometimes in the snapshot). Default true. */
  readonly owned?: boolean;
}

/**
 * Any workload kind with an arbitrary pod spec. Pods, ReplicaSets and Jobs sometimes carry a
 * controller owner reference, so rules meet the snapshot's folding of owned objects.
 * @example fc.assert(fc.property(arb.workload({ kinds: ['CronJob'], spec: arb.podSpec({ automountServiceAccountToken: fc.constant(false) }) }), (w) => ...))
 */
export const workload = (overrides: WorkloadArbitraries = {}): fc.Arbitrary<Json> => {
  const kinds = overrides.kinds ?? workloadKindNames;
  return fc
    .record({
      kind: fc.constantFrom(...(kinds.length > 0 ? kinds : workloadKindNames)),
      meta: metadata(true, overrides),
      spec: overrides.spec ?? podSpec(),
      owner: overrides.owned === false ? fc.constant(undefined) : maybe(fc.constantFrom(...objectNames)),
    })
    .map(({ kind, meta, spec, owner }) => {
      const ownerKind = ownerKinds[kind];
      const m = owner !== undefined && ownerKind ? { ...meta, ownerReferences: [{ ...ownerKind, name: owner, controller: true }] } : meta;
      return wrapPodSpec(kind, m, spec);
    });
};

/** A Pod. */
export const pod = (overrides: Omit<WorkloadArbitraries, 'kinds'> = {}): fc.Arbitrary<Json> => workload({ ...overrides, kinds: ['Pod'] });

const workloadOf =
  (kind: WorkloadKindName) =>
  (overrides: Omit<WorkloadArbitraries, 'kinds'> = {}): fc.Arbitrary<Json> =>
    workload({ ...overrides, kinds: [kind] });

// ---------------------------------------------------------------------------------------------
// RBAC

/** Verbs, with the wildcard and the escalation verbs. */
export const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '*', 'bind', 'escalate', 'impersonate', 'approve', 'proxy'] as const;
/** API groups, with the wildcard. */
export const apiGroups = ['', '*', 'apps', 'rbac.authorization.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', 'authentication.k8s.io'] as const;
/** Resources section 5 names, with wildcards, subresources and literal `secrets/*`. */
export const resources = [
  'pods', 'secrets', '*', '*/scale', 'secrets/*', 'nodes/proxy', 'nodes', 'persistentvolumes', 'certificatesigningrequests/approval',
  'signers', 'serviceaccounts/token', 'serviceaccounts', 'roles', 'clusterroles', 'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations', 'deployments', 'pods/exec', 'users', 'groups',
] as const;

/** Per-field overrides of {@link policyRule}. */
export interface PolicyRuleArbitraries {
  readonly verbs?: fc.Arbitrary<string[]>;
  readonly apiGroups?: fc.Arbitrary<string[]>;
  readonly resources?: fc.Arbitrary<string[]>;
}

/** A PolicyRule biased towards wildcards and sensitive resources; one in ten is a non-resource URL rule. */
export const policyRule = (overrides: PolicyRuleArbitraries = {}): fc.Arbitrary<Json> =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .record({
          verbs: overrides.verbs ?? fc.uniqueArray(fc.constantFrom(...verbs), { minLength: 1, maxLength: 4 }),
          apiGroups: overrides.apiGroups ?? fc.uniqueArray(fc.constantFrom(...apiGroups), { minLength: 1, maxLength: 2 }),
          resources: overrides.resources ?? fc.uniqueArray(fc.constantFrom(...resources), { minLength: 1, maxLength: 3 }),
          resourceNames: maybe(fc.constantFrom(['creds'], ['kubernetes.io/kube-apiserver-client'])),
        })
        .map(defined),
    },
    { weight: 1, arbitrary: fc.record({ verbs: fc.constant(['get']), nonResourceURLs: fc.constantFrom(['/healthz'], ['*']) }) },
  );

/** Per-field overrides of {@link role} and {@link clusterRole}. */
export interface RoleArbitraries extends MetadataArbitraries {
  readonly rules?: fc.Arbitrary<Json[]>;
}

const rules = (overrides: RoleArbitraries): fc.Arbitrary<Json[]> => overrides.rules ?? fc.array(policyRule(), { maxLength: 3 });

/** A Role with up to three rules. */
export const role = (overrides: RoleArbitraries = {}): fc.Arbitrary<Json> =>
  fc.record({ metadata: metadata(true, overrides), rules: rules(overrides) }).map(({ metadata: m, rules: r }) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: m, rules: r }));

const aggregationRule = fc.constantFrom(
  { clusterRoleSelectors: [{ matchLabels: { team: 'a' } }] },
  { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] },
  { clusterRoleSelectors: [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }] },
);

/** A ClusterRole, sometimes aggregated (its selectors match the labels other generated ClusterRoles carry). */
export const clusterRole = (overrides: RoleArbitraries & { readonly aggregationRule?: fc.Arbitrary<Json | undefined> } = {}): fc.Arbitrary<Json> =>
  fc
    .record({ metadata: metadata(false, overrides), rules: rules(overrides), aggregationRule: overrides.aggregationRule ?? maybe(aggregationRule) })
    .map(({ metadata: m, rules: r, aggregationRule: a }) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: m, rules: r, ...(a ? { aggregationRule: a } : {}) }));

/** A binding subject, including the groups Kubernetes treats specially. */
export const subjectArb = (): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.record({ kind: fc.constant('User'), apiGroup: fc.constant('rbac.authorization.k8s.io'), name: fc.constantFrom('alice', 'system:anonymous') }),
    fc.record({
      kind: fc.constant('Group'),
      apiGroup: fc.constant('rbac.authorization.k8s.io'),
      name: fc.constantFrom('devs', 'system:masters', 'system:authenticated', 'system:unauthenticated', 'system:serviceaccounts', 'system:serviceaccounts:team-a'),
    }),
    fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('default', 'app', 'builder'), namespace: fc.constantFrom(...namespaceNames) }),
  );

const clusterRoleRef = fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constant('ClusterRole'), name: fc.constantFrom('cluster-admin', 'admin', 'edit', 'view', 'app', 'web') });
const anyRoleRef = fc.oneof(clusterRoleRef, fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constant('Role'), name: fc.constantFrom('app', 'web') }));

/** Per-field overrides of {@link roleBinding} and {@link clusterRoleBinding}. */
export interface BindingArbitraries extends MetadataArbitraries {
  readonly subjects?: fc.Arbitrary<Json[]>;
  readonly roleRef?: fc.Arbitrary<Json>;
}

/** A RoleBinding of a Role or ClusterRole (built-in ones included) to up to three subjects. */
export const roleBinding = (overrides: BindingArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .record({ metadata: metadata(true, overrides), subjects: overrides.subjects ?? fc.array(subjectArb(), { maxLength: 3 }), roleRef: overrides.roleRef ?? anyRoleRef })
    .map((b) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', ...b }));

/** A ClusterRoleBinding of a ClusterRole (built-in ones included) to up to three subjects. */
export const clusterRoleBinding = (overrides: BindingArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .record({ metadata: metadata(false, overrides), subjects: overrides.subjects ?? fc.array(subjectArb(), { maxLength: 3 }), roleRef: overrides.roleRef ?? clusterRoleRef })
    .map((b) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', ...b }));

/** A ServiceAccount that sets automountServiceAccountToken to true, false, or not at all. */
export const serviceAccount = (overrides: MetadataArbitraries & { readonly automount?: fc.Arbitrary<boolean | undefined> } = {}): fc.Arbitrary<Json> =>
  fc.record({ metadata: metadata(true, overrides), automount: overrides.automount ?? maybe(fc.boolean()) }).map(({ metadata: m, automount }) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: m,
    ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
  }));

// ---------------------------------------------------------------------------------------------
// Namespaces, network, secrets, services, admission

/** Pod Security Admission levels, with the invalid values Kubernetes treats specially. */
export const podSecurityLevels = ['privileged', 'baseline', 'restricted'] as const;

/** Per-field overrides of {@link namespace}. */
export interface NamespaceArbitraries {
  readonly name?: fc.Arbitrary<string>;
  readonly enforce?: fc.Arbitrary<string | undefined>;
}

/** A Namespace, optionally with Pod Security Admission labels: enforce (with or without a version), audit and warn. */
export const namespace = (overrides: NamespaceArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .record({
      name: overrides.name ?? fc.constantFrom(...namespaceNames),
      enforce: overrides.enforce ?? maybe(fc.constantFrom(...podSecurityLevels)),
      version: maybe(fc.constantFrom('latest', 'v1.25', 'v1.30')),
      audit: maybe(fc.constantFrom(...podSecurityLevels)),
      warn: maybe(fc.constantFrom(...podSecurityLevels)),
      metadataName: fc.boolean(),
    })
    .map(({ name, enforce, version, audit, warn, metadataName }) => {
      const l: Record<string, string> = {};
      if (metadataName) l['kubernetes.io/metadata.name'] = name;
      if (enforce !== undefined) l['pod-security.kubernetes.io/enforce'] = enforce;
      if (enforce !== undefined && version !== undefined) l['pod-security.kubernetes.io/enforce-version'] = version;
      if (audit !== undefined) l['pod-security.kubernetes.io/audit'] = audit;
      if (warn !== undefined) l['pod-security.kubernetes.io/warn'] = warn;
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(Object.keys(l).length === 0 ? {} : { labels: l }) } };
    });

/** A NetworkPolicy: a default deny or one that selects `app: web`, for ingress, egress or both. */
export const networkPolicy = (overrides: MetadataArbitraries = {}): fc.Arbitrary<Json> =>
  fc
    .tuple(metadata(true, overrides), fc.constantFrom({}, { matchLabels: { app: 'web' } }), fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']))
    .map(([m, podSelector, policyTypes]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: m, spec: { podSelector, policyTypes } }));

/** A Secret whose values (data, stringData, last-applied annotation) carry {@link secretMarker}. */
export const secret = (overrides: MetadataArbitraries = {}): fc.Arbitrary<Json> =>
  fc.tuple(metadata(true, overrides), fc.constantFrom('Opaque', 'kubernetes.io/service-account-token', 'kubernetes.io/dockerconfigjson')).map(([m, type]) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { ...m, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"password":"${secretMarker}"}}` } },
    type,
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

/** A Service of any type (LoadBalancer ones sometimes annotated as internal). */
export const service = (overrides: MetadataArbitraries & { readonly type?: fc.Arbitrary<string | undefined> } = {}): fc.Arbitrary<Json> =>
  fc
    .record({
      metadata: metadata(true, overrides),
      type: overrides.type ?? maybe(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')),
      internal: fc.boolean(),
    })
    .map(({ metadata: m, type, internal }) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: type === 'LoadBalancer' && internal ? { ...m, annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } } : m,
      spec: { ...(type === undefined ? {} : { type }), selector: { app: 'web' }, ports: [{ port: 80 }] },
    }));

/** A ConfigMap. */
export const configMap = (overrides: MetadataArbitraries = {}): fc.Arbitrary<Json> =>
  fc.tuple(metadata(true, overrides), fc.dictionary(fc.constantFrom('mode', 'enable-policy', 'config.yaml'), fc.constantFrom('true', 'false', 'never', ''), { maxKeys: 2 })).map(([m, data]) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: m,
    data,
  }));

const admissionRule = fc.record({
  apiGroups: fc.constantFrom([''], ['*'], ['apps']),
  apiVersions: fc.constant(['v1']),
  operations: fc.constantFrom(['CREATE'], ['CREATE', 'UPDATE'], ['*']),
  resources: fc.constantFrom(['pods'], ['*'], ['deployments'], ['pods/exec']),
});
const selector = fc.constantFrom<Json>({}, { matchLabels: { team: 'a' } }, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] });

/** A ValidatingWebhookConfiguration or MutatingWebhookConfiguration with one or two webhooks. */
export const webhookConfiguration = (): fc.Arbitrary<Json> =>
  fc
    .record({
      kind: fc.constantFrom('ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'),
      name: fc.constantFrom('policy', 'kyverno-resource-validating-webhook-cfg', 'gatekeeper-validating-webhook-configuration', 'vault-agent-injector-cfg'),
      webhooks: fc.array(
        fc.record({
          rules: fc.array(admissionRule, { maxLength: 2 }),
          failurePolicy: fc.constantFrom('Fail', 'Ignore'),
          namespaceSelector: selector,
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map(({ kind, name, webhooks }) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind,
      metadata: { name },
      webhooks: webhooks.map((w, i) => ({ name: `w${String(i)}.${name}.example.com`, ...w, sideEffects: 'None', admissionReviewVersions: ['v1'], clientConfig: { url: 'https://policy.example.com/' } })),
    }));

/** A ValidatingAdmissionPolicy or a binding to one (names from one pool, so they pair up). */
export const admissionPolicy = (): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.record({ name: fc.constantFrom('app', 'web'), rules: fc.array(admissionRule, { maxLength: 2 }), failurePolicy: fc.constantFrom('Fail', 'Ignore') }).map(({ name, rules: r, failurePolicy }) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name },
      spec: { failurePolicy, matchConstraints: { resourceRules: r }, validations: [{ expression: 'true' }] },
    })),
    fc
      .record({ name: fc.constantFrom('app', 'web'), policyName: fc.constantFrom('app', 'web'), validationActions: fc.constantFrom(['Deny'], ['Audit'], ['Warn', 'Audit']), namespaceSelector: selector })
      .map(({ name, policyName, validationActions, namespaceSelector }) => ({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name },
        spec: { policyName, validationActions, matchResources: { namespaceSelector } },
      })),
  );

// ---------------------------------------------------------------------------------------------
// Whole snapshots

/** Any object section 5 reads, weighted towards workloads and RBAC. */
export const anyObject = (): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 4, arbitrary: workload() },
    { weight: 2, arbitrary: role() },
    { weight: 2, arbitrary: clusterRole() },
    { weight: 2, arbitrary: roleBinding() },
    { weight: 2, arbitrary: clusterRoleBinding() },
    { weight: 2, arbitrary: namespace() },
    { weight: 2, arbitrary: serviceAccount() },
    { weight: 1, arbitrary: networkPolicy() },
    { weight: 1, arbitrary: secret() },
    { weight: 1, arbitrary: service() },
    { weight: 1, arbitrary: configMap() },
    { weight: 1, arbitrary: webhookConfiguration() },
    { weight: 1, arbitrary: admissionPolicy() },
  );

/** Identity used by the snapshot: the last of several objects with one identity wins. */
function identity(object: Json): string {
  const meta = (object['metadata'] ?? {}) as Json;
  const apiVersion = String(object['apiVersion']);
  const kind = String(object['kind']);
  const namespace = isClusterScoped(apiVersion, kind) ? '' : typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default';
  return `${apiVersion.split('/').slice(0, -1).join('/')}|${kind}|${namespace}|${String(meta['name'])}`;
}

/** Removes later objects whose identity repeats an earlier one, so that any order gives the same snapshot. */
export function uniqueObjects<T extends Json>(objects: readonly T[]): T[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = identity(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Options of {@link snapshotObjects} and {@link snapshot}. */
export interface SnapshotArbitraryOptions {
  readonly minLength?: number;
  /** Default 12. */
  readonly maxLength?: number;
  /** The objects to draw from; default {@link anyObject}. */
  readonly of?: fc.Arbitrary<Json>;
}

/** A whole snapshot's worth of objects with unique identities. */
export const snapshotObjects = (options: SnapshotArbitraryOptions = {}): fc.Arbitrary<Json[]> =>
  fc.array(options.of ?? anyObject(), { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 12 }).map(uniqueObjects);

/** A {@link Snapshot} of {@link snapshotObjects}; shrinks through its objects. */
export const snapshot = (options: SnapshotArbitraryOptions & { readonly snapshotOptions?: SnapshotOptions } = {}): fc.Arbitrary<Snapshot> =>
  snapshotObjects(options).map((objects) => createSnapshot(objects, options.snapshotOptions));

/**
 * Every arbitrary factory: `arb.pod()`, `arb.workload({ kinds: ['CronJob'] })`, `arb.role()`,
 * `arb.snapshotObjects({ of: fc.oneof(arb.role(), arb.roleBinding()) })`. Each factory takes
 * optional per-field arbitraries (`arb.container({ securityContext: fc.constant({ privileged: true }) })`).
 */
export const arb = {
  metadata,
  labels,
  securityContext,
  podSecurityContext,
  container,
  podSpec,
  pod,
  workload,
  deployment: workloadOf('Deployment'),
  replicaSet: workloadOf('ReplicaSet'),
  statefulSet: workloadOf('StatefulSet'),
  daemonSet: workloadOf('DaemonSet'),
  job: workloadOf('Job'),
  cronJob: workloadOf('CronJob'),
  replicationController: workloadOf('ReplicationController'),
  podTemplate: workloadOf('PodTemplate'),
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
  service,
  configMap,
  webhookConfiguration,
  admissionPolicy,
  anyObject,
  snapshotObjects,
  snapshot,
} as const;

/** fast-check extended with kubecis's arbitraries: `kfc.pod()`, `kfc.array(kfc.role())`, `kfc.assert(...)`. */
export const kfc: typeof fc & typeof arb = Object.freeze({ ...fc, ...arb });
