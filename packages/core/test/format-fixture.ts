// A realistic report for the formatter tests: a small cluster's manifests with source lines,
// a benchmark shaped like cis-1.10's section 5, rules that FAIL, WARN, PASS and throw, default
// and configured exemptions, controls no rule evaluates, and input diagnostics.
import { createSnapshot } from '../src/snapshot/create-snapshot.js';
import { workloadContainers } from '../src/snapshot/views/workloads.js';
import { defineBenchmark, definePack, defineRule } from '../src/rule/define-rule.js';
import { evaluate, type EvaluateOptions } from '../src/evaluate/evaluate.js';
import type { Benchmark, Rule } from '../src/rule/types.js';
import type { Report } from '../src/report/types.js';
import type { SourceLocation } from '../src/snapshot/types.js';

/** Carried by every Secret value and env literal of the fixture; must never reach a report. */
export const secretMarker = 'S3CR3T-MARKER-7f3a9c';

const base = {
  rationale: 'Least privilege limits what a stolen credential can do.',
  type: 'automated' as const,
};

export const noWildcards: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/no-wildcards',
  meta: {
    ...base,
    title: 'Roles and ClusterRoles grant no wildcard verbs',
    description: 'Flags RBAC rules whose verbs include "*"',
    remediation: 'Replace "*" with the verbs the subject needs, e.g. get, list, watch.',
    severity: 'high',
    controls: { 'cis-1.10': ['5.1.3'], 'cis-1.11': ['5.1.3'] },
    tags: ['rbac'],
    messages: {
      wildcard: '{kind} {name} grants every verb in rule {index}',
      ok: '{kind} {name} grants no wildcard verb',
    },
  },
  *check(snapshot, context) {
    const bindings = snapshot.ofKind('ClusterRoleBinding');
    for (const role of [...snapshot.ofKind('ClusterRole'), ...snapshot.ofKind('Role')]) {
      let clean = true;
      for (const [i, rule] of (role.rules ?? []).entries()) {
        const j = (rule.verbs ?? []).indexOf('*');
        if (j < 0) continue;
        clean = false;
        const evidence = bindings
          .filter((b) => role.kind === 'ClusterRole' && b.roleRef.name === role.metadata.name)
          .map((b) => ({ resource: snapshot.refOf(b), path: 'roleRef', relation: 'bound-by' }));
        yield context.fail({
          messageId: 'wildcard',
          data: { kind: role.kind, name: role.metadata.name, index: i },
          resource: role,
          path: `rules[${String(i)}].verbs[${String(j)}]`,
          evidence,
        });
      }
      if (clean) yield context.pass({ messageId: 'ok', data: { kind: role.kind, name: role.metadata.name }, resource: role });
    }
  },
});

export const noPrivileged: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/no-privileged',
  meta: {
    ...base,
    title: 'Containers are not privileged',
    description: 'Flags containers with securityContext.privileged set to true',
    remediation: 'Remove securityContext.privileged or set it to false.',
    severity: 'critical',
    controls: { 'cis-1.10': ['5.2.2'] },
    tags: ['pod-security'],
    messages: { privileged: 'Container {container} of {kind} {name} is privileged', ok: '{kind} {name} runs no privileged container' },
  },
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      let clean = true;
      for (const c of workloadContainers(w)) {
        if (c.container.securityContext?.privileged !== true) continue;
        clean = false;
        yield context.fail({
          messageId: 'privileged',
          data: { container: c.container.name, kind: w.kind, name: w.object.metadata.name },
          resource: w.object,
          path: `${c.path}.securityContext.privileged`,
        });
      }
      if (clean) yield context.pass({ messageId: 'ok', data: { kind: w.kind, name: w.object.metadata.name }, resource: w.object });
    }
  },
});

export const noSecretEnv: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/no-secret-env',
  meta: {
    ...base,
    type: 'manual-assist',
    title: 'Secrets are mounted as files, not env vars',
    description: 'Flags env vars filled from a Secret key',
    remediation: 'Mount the Secret as a volume and read the file instead.',
    severity: 'medium',
    controls: { 'cis-1.10': ['5.4.1'] },
    messages: { env: 'Container {container} of {kind} {name} reads Secret {secret} into env var {env}' },
  },
  *check(snapshot, context) {
    for (const w of snapshot.workloads()) {
      for (const c of workloadContainers(w)) {
        for (const [i, env] of (c.container.env ?? []).entries()) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref?.name === undefined) continue;
          yield context.warn({
            messageId: 'env',
            data: { container: c.container.name, kind: w.kind, name: w.object.metadata.name, secret: ref.name, env: env.name },
            resource: w.object,
            path: `${c.path}.env[${String(i)}].valueFrom.secretKeyRef`,
          });
        }
      }
    }
  },
});

export const secretInventory: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/secret-inventory',
  meta: {
    ...base,
    type: 'manual-assist',
    title: 'Secrets could live in an external store',
    description: 'Lists the Secrets kept in the cluster',
    remediation: 'Consider an external secret store.',
    severity: 'low',
    controls: { 'cis-1.10': ['5.4.2'] },
    messages: { secret: 'Secret {name} of type {type} is stored in the cluster' },
  },
  *check(snapshot, context) {
    for (const s of snapshot.ofKind('Secret')) {
      yield context.warn({ messageId: 'secret', data: { name: s.metadata.name, type: s.type ?? 'Opaque' }, resource: s, path: 'metadata.name' });
    }
  },
});

/** Owners come from an annotation, so messages can carry `|`, newlines and Markdown. */
export const namespaceOwner: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/namespace-owner',
  meta: {
    ...base,
    type: 'manual-assist',
    title: 'Namespaces name an owner',
    description: 'Shows the owner annotation of each namespace',
    remediation: 'Annotate each namespace with its owning team.',
    severity: 'info',
    controls: { 'cis-1.10': ['5.7.1'] },
    messages: {
      owner: 'Namespace {name} is owned by {owner}',
      odd: 'Namespace {name} names owner {owner}, which is not a team id',
      none: 'Namespace {name} names no owner',
    },
  },
  *check(snapshot, context) {
    for (const ns of snapshot.ofKind('Namespace')) {
      const owner = ns.metadata.annotations?.['example.com/owner'];
      const path = 'metadata.annotations["example.com/owner"]';
      if (owner === undefined) yield context.warn({ messageId: 'none', data: { name: ns.metadata.name }, resource: ns, path: 'metadata' });
      else if (/^[a-z-]+$/.test(owner)) yield context.info({ messageId: 'owner', data: { name: ns.metadata.name, owner }, resource: ns, path });
      else yield context.warn({ messageId: 'odd', data: { name: ns.metadata.name, owner }, resource: ns, path });
    }
  },
});

export const throwing: Rule = /* @__PURE__ */ defineRule({
  id: 'fixture/host-ipc',
  meta: {
    ...base,
    title: 'No hostIPC',
    description: 'Flags pods sharing the host IPC namespace',
    remediation: 'Remove hostIPC.',
    severity: 'high',
    controls: { 'cis-1.10': ['5.2.4'] },
    messages: { x: 'x' },
  },
  check() {
    throw new Error('index <out> of "range" & more');
  },
});

export const fixtureRules = [noWildcards, noPrivileged, noSecretEnv, secretInventory, namespaceOwner, throwing] as const;

export const sections = [
  { id: '5.1', title: 'RBAC and Service Accounts' },
  { id: '5.2', title: 'Pod Security Standards' },
  { id: '5.4', title: 'Secrets Management' },
  { id: '5.7', title: 'General Policies' },
];

export const benchmark: Benchmark = defineBenchmark({
  id: 'cis-1.10',
  title: 'CIS Kubernetes Benchmark v1.10.0, section 5 (Policies)',
  version: '1.10',
  sections,
  controls: [
    { id: '5.1.1', title: 'Ensure that the cluster-admin role is only used where required', type: 'automated', section: '5.1' },
    { id: '5.1.3', title: 'Minimize wildcard use in Roles and ClusterRoles', type: 'automated', section: '5.1' },
    { id: '5.2.2', title: 'Minimize the admission of privileged containers', type: 'manual', section: '5.2' },
    { id: '5.2.4', title: 'Minimize the admission of containers wishing to share the host IPC namespace', type: 'manual', section: '5.2' },
    { id: '5.4.1', title: 'Prefer using Secrets as files over Secrets as environment variables', type: 'manual', section: '5.4' },
    { id: '5.4.2', title: 'Consider external secret storage', type: 'manual', section: '5.4' },
    { id: '5.7.1', title: 'Create administrative boundaries between resources using namespaces', type: 'manual', section: '5.7' },
    { id: '5.7.4', title: 'The default namespace should not be used', type: 'manual', section: '5.7' },
  ],
  rules: [definePack({ name: 'fixture', rules: [...fixtureRules] })],
});

const b64 = (text: string): string => {
  // A tiny base64 encoder (the fixture must not depend on Buffer being a global in every runner).
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i) & 0xff);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]! + (i + 1 < bytes.length ? chars[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? chars[n & 63]! : '=');
  }
  return out;
};

/** The marker as it sits in a Secret's `data`: base64. */
export const secretMarkerBase64 = b64(secretMarker);

/** The objects, each with the file and line it was read from. */
export function fixtureObjects(): { objects: unknown[]; sources: SourceLocation[] } {
  const entries: [unknown, SourceLocation][] = [
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      },
      { file: 'manifests/rbac.yaml', line: 1 },
    ],
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'ci-deployer' },
        rules: [
          { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
          { apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get', '*'] },
        ],
      },
      { file: 'manifests/rbac.yaml', line: 12 },
    ],
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'ci-deployer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ci-deployer' },
        subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'ci' }],
      },
      { file: 'manifests/rbac.yaml', line: 30 },
    ],
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'reader', namespace: 'shop' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
      },
      { file: 'manifests/rbac.yaml', line: 42 },
    ],
    [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', annotations: { 'example.com/owner': 'team | payments\n*on-call* <b>@shop</b>' } },
      },
      { file: 'manifests/namespaces.yaml', line: 1 },
    ],
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci' } }, { file: 'manifests/namespaces.yaml', line: 8 }],
    [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra', annotations: { 'example.com/owner': 'platform' } } },
      { file: 'manifests/namespaces.yaml', line: 12 },
    ],
    [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'shop/web:1.2',
                  env: [
                    { name: 'API_TOKEN', value: secretMarker },
                    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                  ],
                },
                { name: 'debug', image: 'busybox', securityContext: { privileged: true } },
              ],
            },
          },
        },
      },
      { file: 'manifests/apps/web deploy.yaml', line: 1 },
    ],
    [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'kube-proxy-x1', namespace: 'kube-system' },
        spec: { containers: [{ name: 'kube-proxy', image: 'k8s/kube-proxy', securityContext: { privileged: true } }] },
      },
      { file: 'manifests/system.yaml', line: 3 },
    ],
    [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'backup', namespace: 'shop' },
        spec: {
          schedule: '0 3 * * *',
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  restartPolicy: 'OnFailure',
                  containers: [{ name: 'backup', image: 'shop/backup', securityContext: { privileged: true } }],
                },
              },
            },
          },
        },
      },
      { file: 'manifests/apps/backup|nightly.yaml', line: 1 },
    ],
    [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'db',
          namespace: 'shop',
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { password: secretMarker } }),
          },
        },
        type: 'Opaque',
        data: { password: b64(secretMarker) },
        stringData: { token: secretMarker },
      },
      { file: 'manifests/secrets.yaml', line: 1 },
    ],
    [{ kind: 'Pod', metadata: { name: 'broken' } }, { file: 'manifests/broken.yaml', line: 2 }],
  ];
  return { objects: entries.map(([o]) => o), sources: entries.map(([, s]) => s) };
}

/** The fixture's report: evaluated against {@link benchmark}, with one configured exemption. */
export function fixtureReport(options: EvaluateOptions = {}): Report {
  const { objects, sources } = fixtureObjects();
  const snapshot = createSnapshot(objects, { sources });
  return evaluate(snapshot, benchmark, {
    tool: { name: 'kubecis', version: '0.1.0' },
    now: '2026-06-01',
    exemptions: [
      {
        id: 'backup-needs-host',
        rules: ['fixture/no-privileged'],
        names: ['backup'],
        reason: 'Backup agent reads host volumes | approved by security\nuntil the CSI migration',
        expires: '2026-12-31',
      },
    ],
    // Field lines: the object's line plus one per path segment, as a YAML locator would give.
    locate: (origin, path) =>
      origin.source === null ? null : { file: origin.source.file, line: origin.source.line + (path === null ? 0 : path.split('.').length) },
    ...options,
  });
}
