// kube-bench's section-5 audits, reproduced over a snapshot (../shared/reference/kube-bench.md §3.1-3.3).
// Each audit returns the lines kube-bench's shell audit would print, one entry per line (or per
// grant for the two `kubectl auth can-i` checks), and the outcome of kube-bench's test on them.
// Pure: no I/O, no clock, no globals.

import {
  podContainers,
  type Evidence,
  type KubeObject,
  type MessageData,
  type ObjectRef,
  type PodSpec,
  type PolicyRule,
  type Snapshot,
} from '@kubecis/core';
import { canI, rbacIndex, type Grant, type RoleEntry } from '@kubecis/rules-rbac';
import type { AuditId } from './catalogue.js';

/** How the snapshot stands for the cluster kube-bench would run against. */
export interface AuditSettings {
  /** Add the objects every cluster has and a snapshot of manifests usually lacks (see `KubeBenchParityOptions.clusterDefaults`). */
  readonly clusterDefaults: boolean;
  /** What stands for the pods `kubectl get pods` lists: every pod-running workload, or Pod objects only. */
  readonly pods: 'workloads' | 'pods';
}

/** One line of kube-bench's audit output, or one piece of evidence for it. */
export interface AuditEntry {
  /** `true`/`false`: the line passes/fails kube-bench's test. `null`: evidence only (an INFO finding). */
  readonly compliant: boolean | null;
  readonly messageId: string;
  readonly data: MessageData;
  readonly resource: KubeObject | ObjectRef | null;
  readonly path: string | null;
  readonly evidence: readonly Evidence[];
  /** The line kube-bench's audit prints for it, or `null` for evidence kube-bench does not print. */
  readonly line: string | null;
}

export interface AuditResult {
  /** Whether kube-bench's test passes on the audit output. */
  readonly passed: boolean;
  readonly entries: readonly AuditEntry[];
}

/** The message templates of each audit's findings, by messageId. `{check}` is the control id. */
export const auditMessages: Readonly<Record<AuditId, Readonly<Record<string, string>>>> = {
  'cluster-admin-bindings': {
    flagged:
      'kube-bench {check}: ClusterRoleBinding {binding} binds cluster-admin (subjects: {subjects}) and is not the binding named cluster-admin, so its audit line says is_compliant: false; kube-bench looks neither at the subjects nor at any allow-list',
    compliant: 'kube-bench {check}: ClusterRoleBinding {binding} (roleRef.name {role}) is compliant: only a binding whose roleRef.name is cluster-admin and whose own name is not cluster-admin is flagged',
    builtInCompliant:
      'kube-bench {check}: the ClusterRoleBinding cluster-admin (to the group system:masters), which every cluster has, is not in the snapshot; kube-bench lists it as compliant because of its name',
    roleBindingIgnored:
      'kube-bench {check}: RoleBinding {binding} binds cluster-admin in namespace {namespace}, but kube-bench lists ClusterRoleBindings only, so it does not count',
    noOutput:
      'kube-bench {check}: the snapshot has no ClusterRoleBinding, so the audit prints no line ("No resources found") and kube-bench\'s multiple-value test fails on empty output',
  },
  'secrets-can-i': {
    allowed:
      'kube-bench {check}: kubectl auth can-i get,list,watch secrets --all-namespaces --as=system:authenticated answers yes: {binding} grants {subject} the {role} rule {rule}, whose verbs include "*" (the only way RBAC matches the single literal verb "get,list,watch")',
    denied:
      'kube-bench {check}: kubectl auth can-i get,list,watch secrets --all-namespaces --as=system:authenticated answers no: no ClusterRoleBinding gives the user or group system:authenticated a "*" verb (or the literal verb "get,list,watch") on core secrets',
    missedVerb:
      'kube-bench {check}: {binding} lets every authenticated user {verb} secrets across the cluster through {role}, but kube-bench asks for the single literal verb "get,list,watch", which only a "*" verb matches, so it does not count',
  },
  'create-pods-can-i': {
    allowed:
      'kube-bench {check}: kubectl auth can-i create pods --all-namespaces --as=system:authenticated answers yes: {binding} grants {subject} the {role} rule {rule}',
    denied:
      'kube-bench {check}: kubectl auth can-i create pods --all-namespaces --as=system:authenticated answers no: no ClusterRoleBinding lets the user or group system:authenticated create core pods (RoleBindings and other subjects are not asked about)',
  },
  'wildcard-literal': {
    flagged: 'kube-bench {check}: {role} has a rule list that is exactly ["*"] ({field}), so the literal ["*"] match in its compact rules JSON flags it',
    flaggedBuiltIn:
      'kube-bench {check}: the built-in {role}, which every cluster has (not in the snapshot), has a rule list that is exactly ["*"] ({field}), so kube-bench flags it',
    flaggedAggregated:
      'kube-bench {check}: {role} aggregates a rule whose list is exactly ["*"] ({field}, from {source}); the API server serves the aggregated rules, so kube-bench flags it',
    missed:
      'kube-bench {check}: {role} is compliant for kube-bench although it uses the wildcard {wildcard} ({field}): kube-bench only matches a list that is exactly ["*"], not "*" among other entries or patterns such as pods/* or */scale',
    compliant: 'kube-bench {check}: {role} has no rule list that is exactly ["*"]',
    noOutput:
      'kube-bench {check}: the snapshot has no Role or ClusterRole, so the audit prints no line and kube-bench\'s multiple-value test fails on empty output',
  },
  'default-service-accounts': {
    flagged:
      'kube-bench {check}: ServiceAccount {namespace}/default has automountServiceAccountToken: {value}; kube-bench wants every default ServiceAccount to say false explicitly (whether pods use it or bindings grant it is not checked)',
    flaggedImplicit:
      'kube-bench {check}: namespace {namespace} has no default ServiceAccount in the snapshot; the one Kubernetes creates in every namespace leaves automountServiceAccountToken unset (notset), which kube-bench flags',
    compliant: 'kube-bench {check}: ServiceAccount {namespace}/default sets automountServiceAccountToken: false',
    noOutput:
      'kube-bench {check}: the snapshot has no default ServiceAccount, so the audit prints no line and kube-bench\'s multiple-value test fails on empty output',
  },
  'token-mount': {
    flagged:
      'kube-bench {check}: {workload} runs as ServiceAccount {serviceAccount} (automountServiceAccountToken: {saValue}) with the pod setting {podValue}; kube-bench counts a pod as compliant only when the ServiceAccount says false and the pod false or notset, or the ServiceAccount says true and the pod false',
    flaggedPodFalse:
      'kube-bench {check}: {workload} sets automountServiceAccountToken: false, so Kubernetes mounts no token, but its ServiceAccount {serviceAccount} leaves the field unset and kube-bench\'s truth table has no compliant row for that pair',
    flaggedNoServiceAccount:
      'kube-bench {check}: {workload} names ServiceAccount {serviceAccount}, which kube-bench cannot look up ({why}), so its line says is_compliant: false',
    compliant:
      'kube-bench {check}: {workload} (ServiceAccount {serviceAccount} automountServiceAccountToken: {saValue}, pod setting {podValue}) is a compliant row of kube-bench\'s truth table',
    noOutput: 'kube-bench {check}: the snapshot runs no pod, so the audit prints no line ("No resources found") and kube-bench\'s multiple-value test fails on empty output',
  },
  privileged: {
    flagged: 'kube-bench {check}: container {container} of {workload} sets securityContext.privileged: true',
    compliant: 'kube-bench {check}: container {container} of {workload} is not privileged (securityContext.privileged: {value})',
    ignored: 'kube-bench {check}: {group} entry {container} of {workload} sets securityContext.privileged: true, but kube-bench lists .spec.containers only, so it does not count',
    noOutput: 'kube-bench {check}: the snapshot runs no pod with containers, so the audit prints no line and kube-bench\'s multiple-value test fails on empty output',
  },
  'host-pid': {
    flagged: 'kube-bench {check}: {workload} sets hostPID: true',
    compliant: 'kube-bench {check}: {workload} does not set hostPID',
    noOutput: 'kube-bench {check}: the snapshot runs no pod, so the audit prints no line ("No resources found") and kube-bench\'s multiple-value test fails on empty output',
  },
  'host-ipc': {
    flagged: 'kube-bench {check}: {workload} sets hostIPC: true',
    compliant: 'kube-bench {check}: {workload} does not set hostIPC',
    noOutput: 'kube-bench {check}: the snapshot runs no pod, so the audit prints no line ("No resources found") and kube-bench\'s multiple-value test fails on empty output',
  },
  'host-network': {
    flagged: 'kube-bench {check}: {workload} sets hostNetwork: true',
    compliant: 'kube-bench {check}: {workload} does not set hostNetwork',
    noOutput: 'kube-bench {check}: the snapshot runs no pod, so the audit prints no line ("No resources found") and kube-bench\'s multiple-value test fails on empty output',
  },
  'allow-privilege-escalation': {
    flagged: 'kube-bench {check}: container {container} of {workload} sets securityContext.allowPrivilegeEscalation: true',
    compliant:
      'kube-bench {check}: container {container} of {workload} has securityContext.allowPrivilegeEscalation: {value}, which kube-bench accepts (an unset field counts as compliant although escalation is then allowed)',
    ignored:
      'kube-bench {check}: {group} entry {container} of {workload} sets securityContext.allowPrivilegeEscalation: true, but kube-bench lists .spec.containers only, so it does not count',
    noOutput: 'kube-bench {check}: the snapshot runs no pod with containers, so the audit prints no line and kube-bench\'s multiple-value test fails on empty output',
  },
  'added-capabilities': {
    flagged: 'kube-bench {check}: container {container} of {workload} adds capabilities ({capabilities}); kube-bench flags any added capability',
    compliant: 'kube-bench {check}: container {container} of {workload} adds no capability',
    ignored: 'kube-bench {check}: {group} entry {container} of {workload} adds capabilities ({capabilities}), but kube-bench lists .spec.containers only, so it does not count',
    noOutput: 'kube-bench {check}: the snapshot runs no pod with containers, so the audit prints no line and kube-bench\'s multiple-value test fails on empty output',
  },
};

// ---------------------------------------------------------------------------------------------
// Shared helpers

const rbacApiVersion = 'rbac.authorization.k8s.io/v1';
/** The namespaces every cluster has. */
const clusterNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

function entry(compliant: boolean | null, messageId: string, data: MessageData, resource: KubeObject | ObjectRef | null, path: string | null, line: string | null, evidence: readonly Evidence[] = []): AuditEntry {
  return { compliant, messageId, data, resource, path, evidence, line };
}

/** The multiple-value test: every line must pass, and an empty output fails. */
function multiple(entries: readonly AuditEntry[], empty: () => AuditEntry): AuditResult {
  const lines = entries.filter((e) => e.compliant !== null);
  if (lines.length === 0) return { passed: false, entries: [...entries, empty()] };
  return { passed: lines.every((e) => e.compliant === true), entries };
}

const nsName = (ns: string | null, name: string): string => (ns === null ? name : `${ns}/${name}`);
const label = (ref: ObjectRef): string => `${ref.kind} ${nsName(ref.namespace, ref.name)}`;

/** A boolean field as kube-bench's jq and sed print it: true, false or notset. */
function tristate(value: unknown): 'true' | 'false' | 'notset' {
  return value === true ? 'true' : value === false ? 'false' : 'notset';
}

// ---------------------------------------------------------------------------------------------
// 5.1.1: ClusterRoleBindings to cluster-admin

function clusterAdminBindings(snapshot: Snapshot, settings: AuditSettings): AuditResult {
  const entries: AuditEntry[] = [];
  const bindings = snapshot.ofKind('ClusterRoleBinding');
  for (const binding of bindings) {
    const name = binding.metadata.name;
    const role = binding.roleRef.name;
    const subjects = (binding.subjects ?? []).map((s) => s.name).join(',') || '<none>';
    const compliant = !(name !== 'cluster-admin' && role === 'cluster-admin');
    const line = `**role_name: ${name} role_binding: ${role} subject: ${subjects} is_compliant: ${String(compliant)}`;
    entries.push(entry(compliant, compliant ? 'compliant' : 'flagged', { binding: name, role, subjects }, binding, 'roleRef.name', line));
  }
  if (settings.clusterDefaults && !bindings.some((b) => b.metadata.name === 'cluster-admin')) {
    const ref: ObjectRef = { apiVersion: rbacApiVersion, kind: 'ClusterRoleBinding', namespace: null, name: 'cluster-admin' };
    entries.push(entry(true, 'builtInCompliant', {}, ref, null, '**role_name: cluster-admin role_binding: cluster-admin subject: system:masters is_compliant: true'));
  }
  for (const binding of snapshot.ofKind('RoleBinding')) {
    if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') continue;
    const namespace = snapshot.refOf(binding).namespace ?? '';
    entries.push(entry(null, 'roleBindingIgnored', { binding: nsName(namespace, binding.metadata.name), namespace }, binding, 'roleRef.name', null));
  }
  return multiple(entries, () => entry(false, 'noOutput', {}, null, null, 'No resources found'));
}

// ---------------------------------------------------------------------------------------------
// 5.1.2 and 5.1.4: `kubectl auth can-i … --all-namespaces --as=system:authenticated`

/** The identity `--as=system:authenticated` impersonates: a user of that name, whom the API server puts in the group system:authenticated. */
const impersonated = { kind: 'User', name: 'system:authenticated' } as const;

function ruleText(rule: PolicyRule): string {
  const parts = [`verbs ${JSON.stringify(rule.verbs)}`];
  if (rule.apiGroups !== undefined) parts.push(`apiGroups ${JSON.stringify(rule.apiGroups)}`);
  if (rule.resources !== undefined) parts.push(`resources ${JSON.stringify(rule.resources)}`);
  if (rule.resourceNames !== undefined && rule.resourceNames.length > 0) parts.push(`resourceNames ${JSON.stringify(rule.resourceNames)}`);
  return parts.join(', ');
}

function grantEvidence(grant: Grant): Evidence[] {
  const evidence: Evidence[] = [{ resource: grant.role, path: null, relation: 'granted-by', ...(grant.builtIn ? { builtIn: true as const } : {}) }];
  for (const r of grant.rules) evidence.push({ resource: r.role, path: r.path, relation: 'rule', ...(r.builtIn ? { builtIn: true as const } : {}) });
  return evidence;
}

function grantsOf(snapshot: Snapshot, settings: AuditSettings, verb: string, resource: string): readonly Grant[] {
  const { grants } = canI(snapshot, impersonated, { verb, resource, apiGroup: '' });
  // Without the cluster's defaults, a binding to a built-in role the snapshot lacks grants nothing.
  return settings.clusterDefaults ? grants : grants.filter((g) => !g.builtIn);
}

function grantEntry(snapshot: Snapshot, grant: Grant, compliant: boolean | null, messageId: string, line: string | null, extra: MessageData = {}): AuditEntry {
  const object = snapshot.get(grant.binding.kind as 'ClusterRoleBinding', grant.binding.namespace, grant.binding.name);
  const subject = `${grant.subject.kind} ${grant.subject.name}`;
  const first = grant.rules[0];
  return entry(
    compliant,
    messageId,
    { binding: label(grant.binding), subject, role: label(grant.role), rule: first === undefined ? '-' : `${first.path} (${ruleText(first.rule)})`, ...extra },
    object ?? grant.binding,
    object ? grant.subjectPath : null,
    line,
    grantEvidence(grant),
  );
}

function canIAudit(snapshot: Snapshot, settings: AuditSettings, flag: string, verb: string, resource: string, missedVerbs: readonly string[]): AuditResult {
  const grants = grantsOf(snapshot, settings, verb, resource);
  const allowed = grants.length > 0;
  const line = `${flag}: ${allowed ? 'yes' : 'no'}`;
  const entries: AuditEntry[] = allowed
    ? grants.map((g) => grantEntry(snapshot, g, false, 'allowed', line))
    : [entry(true, 'denied', {}, null, null, line)];
  // What kube-bench's single literal verb misses: the ordinary verbs, granted cluster-wide to every authenticated user.
  const counted = new Set(grants.map((g) => `${g.binding.kind}/${g.binding.name}/${g.subjectPath}`));
  const missed = new Map<string, { grant: Grant; verbs: string[] }>();
  for (const v of missedVerbs) {
    for (const g of grantsOf(snapshot, settings, v, resource)) {
      const key = `${g.binding.kind}/${g.binding.name}/${g.subjectPath}`;
      if (counted.has(key)) continue;
      const found = missed.get(key);
      if (found) found.verbs.push(v);
      else missed.set(key, { grant: g, verbs: [v] });
    }
  }
  for (const { grant, verbs } of missed.values()) entries.push(grantEntry(snapshot, grant, null, 'missedVerb', null, { verb: verbs.join(', ') }));
  return { passed: !allowed, entries };
}

// ---------------------------------------------------------------------------------------------
// 5.1.3: the literal ["*"] match over every Role and ClusterRole

/** A policy rule as the API server serialises it (Go field order, empty lists omitted except verbs), as `jq -c` prints it. */
function servedRule(rule: PolicyRule): Record<string, unknown> {
  const out: Record<string, unknown> = { verbs: Array.isArray(rule.verbs) ? rule.verbs : null };
  for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const value = rule[key];
    if (Array.isArray(value) && value.length > 0) out[key] = value;
  }
  return out;
}

const literalWildcard = '["*"]';
const ruleFields = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

function roleLine(role: RoleEntry, rulesJson: string, compliant: boolean): string {
  return role.kind === 'Role'
    ? `**role_name: ${role.name} role_namespace: ${role.namespace ?? ''} role_rules: ${rulesJson} role_is_compliant: ${String(compliant)}`
    : `**clusterrole_name: ${role.name} clusterrole_rules: ${rulesJson} clusterrole_is_compliant: ${String(compliant)}`;
}

function wildcardLiteral(snapshot: Snapshot, settings: AuditSettings): AuditResult {
  const entries: AuditEntry[] = [];
  const index = rbacIndex(snapshot);
  // kubectl lists Roles (by namespace, name), then ClusterRoles (by name); the index sorts by kind, namespace and name.
  const roles = [...index.roles].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'Role' ? -1 : 1));
  for (const role of roles) {
    if (role.object === null && !settings.clusterDefaults) continue;
    const served = role.rules.map((r) => servedRule(r.rule));
    const rulesJson = role.object !== null && role.aggregationRule === null && role.object.rules == null ? 'null' : JSON.stringify(served);
    const compliant = !rulesJson.includes(literalWildcard);
    const line = roleLine(role, rulesJson, compliant);
    const name = `${role.kind} ${nsName(role.namespace, role.name)}`;
    if (!compliant) {
      const offending = role.rules.find((r) => ruleFields.some((f) => JSON.stringify(r.rule[f]) === literalWildcard))!;
      const field = ruleFields.find((f) => JSON.stringify(offending.rule[f]) === literalWildcard)!;
      const own = offending.role === role;
      const fieldPath = `${offending.path}.${field}`;
      if (role.object === null) {
        entries.push(entry(false, 'flaggedBuiltIn', { role: name, field: fieldPath }, role.ref, own ? fieldPath : null, line));
      } else if (own) {
        entries.push(entry(false, 'flagged', { role: name, field: fieldPath }, role.object, fieldPath, line));
      } else {
        const source = `${offending.role.kind} ${nsName(offending.role.namespace, offending.role.name)}`;
        const evidence: Evidence[] = [{ resource: offending.role.ref, path: fieldPath, relation: 'aggregated-from', ...(offending.role.builtIn ? { builtIn: true as const } : {}) }];
        entries.push(entry(false, 'flaggedAggregated', { role: name, field: fieldPath, source }, role.object, 'aggregationRule', line, evidence));
      }
      continue;
    }
    // Compliant for kube-bench; say so when a wildcard slipped through its literal match.
    let missed: { field: string; wildcard: string; own: boolean } | null = null;
    for (const r of role.rules) {
      for (const f of ruleFields) {
        const values = r.rule[f];
        if (!Array.isArray(values)) continue;
        const i = values.findIndex((v) => v.includes('*'));
        if (i >= 0) {
          missed = { field: `${r.path}.${f}[${String(i)}]`, wildcard: JSON.stringify(values[i]), own: r.role === role };
          break;
        }
      }
      if (missed) break;
    }
    const resource = role.object ?? role.ref;
    if (missed) {
      const path = missed.own ? missed.field : role.object === null ? null : 'aggregationRule';
      entries.push(entry(true, 'missed', { role: name, field: missed.field, wildcard: missed.wildcard }, resource, path, line));
    } else {
      entries.push(entry(true, 'compliant', { role: name }, resource, null, line));
    }
  }
  return multiple(entries, () => entry(false, 'noOutput', {}, null, null, 'No resources found\nNo resources found'));
}

// ---------------------------------------------------------------------------------------------
// 5.1.5: every default ServiceAccount says automountServiceAccountToken: false

function defaultServiceAccounts(snapshot: Snapshot, settings: AuditSettings): AuditResult {
  const entries: AuditEntry[] = [];
  const seen = new Set<string>();
  for (const sa of snapshot.ofKind('ServiceAccount')) {
    if (sa.metadata.name !== 'default') continue;
    const namespace = snapshot.refOf(sa).namespace ?? snapshot.options.defaultNamespace;
    seen.add(namespace);
    const value = tristate(sa.automountServiceAccountToken);
    const line = `namespace: ${namespace}, kind: ServiceAccount, name: default, automountServiceAccountToken: ${value}`;
    const compliant = value === 'false';
    entries.push(entry(compliant, compliant ? 'compliant' : 'flagged', { namespace, value }, sa, value === 'notset' ? null : 'automountServiceAccountToken', line));
  }
  if (settings.clusterDefaults) {
    const namespaces = new Set<string>([...clusterNamespaces, ...snapshot.namespaces().map((n) => n.name)]);
    for (const namespace of [...namespaces].sort()) {
      if (seen.has(namespace)) continue;
      const ref: ObjectRef = { apiVersion: 'v1', kind: 'ServiceAccount', namespace, name: 'default' };
      const line = `namespace: ${namespace}, kind: ServiceAccount, name: default, automountServiceAccountToken: notset`;
      entries.push(entry(false, 'flaggedImplicit', { namespace }, ref, null, line));
    }
  }
  return multiple(entries, () => entry(false, 'noOutput', {}, null, null, ''));
}

// ---------------------------------------------------------------------------------------------
// The pods `kubectl get pods --all-namespaces` lists

interface PodEntry {
  readonly object: KubeObject;
  readonly ref: ObjectRef;
  readonly namespace: string;
  readonly spec: PodSpec;
  readonly specPath: string;
  /** `Pod ns/x`, or `Deployment ns/x (its pods)`. */
  readonly label: string;
}

function podsOf(snapshot: Snapshot, settings: AuditSettings): PodEntry[] {
  if (settings.pods === 'pods') {
    const out: PodEntry[] = [];
    for (const pod of snapshot.ofKind('Pod')) {
      if (pod.spec === undefined || pod.spec === null) continue;
      const ref = snapshot.refOf(pod);
      const namespace = ref.namespace ?? snapshot.options.defaultNamespace;
      out.push({ object: pod, ref, namespace, spec: pod.spec, specPath: 'spec', label: `Pod ${namespace}/${ref.name}` });
    }
    return out;
  }
  // A PodTemplate runs nothing; every other workload stands for the pods it runs (folded Pods and ReplicaSets included).
  return snapshot
    .workloads()
    .filter((w) => w.kind !== 'PodTemplate')
    .map((w) => ({
      object: w.object,
      ref: w.ref,
      namespace: w.namespace,
      spec: w.spec,
      specPath: w.specPath,
      label: w.kind === 'Pod' ? `Pod ${w.namespace}/${w.ref.name}` : `${w.kind} ${w.namespace}/${w.ref.name} (its pods)`,
    }));
}

const noPods = (messageId = 'noOutput'): AuditEntry => entry(false, messageId, {}, null, null, 'No resources found');

// ---------------------------------------------------------------------------------------------
// 5.1.6: the token-mount truth table

/** A ServiceAccount's automountServiceAccountToken as kube-bench reads it; `''` when its lookup fails. */
export type ServiceAccountValue = 'true' | 'false' | 'notset' | '';
export type PodValue = 'true' | 'false' | 'notset';

/**
 * kube-bench 5.1.6's truth table: compliant only when the ServiceAccount says false and the pod
 * false or notset, or the ServiceAccount says true and the pod false. Everything else is
 * non-compliant, including a pod that says false under a ServiceAccount that says nothing.
 */
export function tokenMountCompliant(serviceAccount: ServiceAccountValue, pod: PodValue): boolean {
  if (serviceAccount === 'false') return pod === 'false' || pod === 'notset';
  if (serviceAccount === 'true') return pod === 'false';
  return false;
}

const mirrorAnnotation = 'kubernetes.io/config.mirror';

function tokenMount(snapshot: Snapshot, settings: AuditSettings): AuditResult {
  const entries: AuditEntry[] = [];
  for (const pod of podsOf(snapshot, settings)) {
    const spec = pod.spec;
    const named = spec.serviceAccountName ?? spec.serviceAccount;
    const isMirror = pod.ref.kind === 'Pod' && pod.object.metadata.annotations?.[mirrorAnnotation] !== undefined;
    // The API server sets the ServiceAccount of every pod but a static (mirror) pod, which has none.
    const saName = named !== undefined && named !== '' ? named : isMirror ? '<none>' : 'default';
    const podValue = tristate(spec.automountServiceAccountToken);
    const sa = saName === '<none>' ? undefined : snapshot.get('ServiceAccount', pod.namespace, saName);
    let saValue: ServiceAccountValue;
    let why: string | null = null;
    if (sa !== undefined) saValue = tristate(sa.automountServiceAccountToken);
    else if (saName === 'default' && settings.clusterDefaults) saValue = 'notset';
    else {
      saValue = '';
      why = saName === '<none>' ? 'a static pod has no ServiceAccount' : 'it is not in the snapshot';
    }
    const compliant = tokenMountCompliant(saValue, podValue);
    const line = `**namespace: ${pod.namespace} pod_name: ${pod.ref.name} service_account: ${saName} pod_is_automountserviceaccounttoken: ${podValue} svacc_is_automountServiceAccountToken: ${saValue} is_compliant: ${String(compliant)}`;
    const data: MessageData = { workload: pod.label, serviceAccount: `${pod.namespace}/${saName}`, saValue: saValue === '' ? 'unknown' : saValue, podValue, why: why ?? '-' };
    const path =
      spec.automountServiceAccountToken !== undefined && spec.automountServiceAccountToken !== null
        ? `${pod.specPath}.automountServiceAccountToken`
        : spec.serviceAccountName !== undefined
          ? `${pod.specPath}.serviceAccountName`
          : spec.serviceAccount !== undefined
            ? `${pod.specPath}.serviceAccount`
            : pod.specPath;
    const evidence: Evidence[] = sa
      ? [{ resource: snapshot.refOf(sa), path: sa.automountServiceAccountToken === undefined || sa.automountServiceAccountToken === null ? null : 'automountServiceAccountToken', relation: 'service-account' }]
      : saName === '<none>'
        ? []
        : [{ resource: { apiVersion: 'v1', kind: 'ServiceAccount', namespace: pod.namespace, name: saName }, path: null, relation: 'service-account', ...(saValue === 'notset' ? { builtIn: true as const } : {}) }];
    const messageId = compliant ? 'compliant' : why !== null ? 'flaggedNoServiceAccount' : saValue === 'notset' && podValue === 'false' ? 'flaggedPodFalse' : 'flagged';
    entries.push(entry(compliant, messageId, data, pod.object, path, line, evidence));
  }
  return multiple(entries, () => noPods());
}

// ---------------------------------------------------------------------------------------------
// 5.2.x: pod-level host namespaces

function hostNamespace(snapshot: Snapshot, settings: AuditSettings, field: 'hostPID' | 'hostIPC' | 'hostNetwork'): AuditResult {
  const entries: AuditEntry[] = [];
  const key = field === 'hostPID' ? 'is_pod_hostpid' : field === 'hostIPC' ? 'is_pod_hostipc' : 'is_pod_hostnetwork';
  for (const pod of podsOf(snapshot, settings)) {
    // The API server omits a false boolean, so kubectl's jsonpath prints nothing for false or unset.
    const set = pod.spec[field] === true;
    const line = `***pod_name: ${pod.ref.name} pod_namespace: ${pod.namespace} ${key}: ${set ? 'true' : 'false'} is_compliant: ${String(!set)}`;
    const path = pod.spec[field] === undefined || pod.spec[field] === null ? pod.specPath : `${pod.specPath}.${field}`;
    entries.push(entry(!set, set ? 'flagged' : 'compliant', { workload: pod.label }, pod.object, path, line));
  }
  return multiple(entries, () => noPods());
}

// ---------------------------------------------------------------------------------------------
// 5.2.x: per container, .spec.containers only

type ContainerField = 'privileged' | 'allowPrivilegeEscalation' | 'capabilities';

function containerAudit(snapshot: Snapshot, settings: AuditSettings, field: ContainerField): AuditResult {
  const entries: AuditEntry[] = [];
  for (const pod of podsOf(snapshot, settings)) {
    for (const c of podContainers(pod.spec, pod.specPath)) {
      const sc = c.container.securityContext ?? undefined;
      const name = c.container.name ?? String(c.index);
      let flagged: boolean;
      let value: string;
      let fieldPath: string;
      if (field === 'capabilities') {
        const add = sc?.capabilities?.add;
        flagged = Array.isArray(add) && add.length > 0;
        value = Array.isArray(add) ? (add.length === 0 ? '[]' : add.join(',')) : 'notset';
        fieldPath = `${c.path}.securityContext.capabilities.add`;
      } else {
        value = tristate(sc?.[field]);
        flagged = value === 'true';
        fieldPath = `${c.path}.securityContext.${field}`;
      }
      const set = value !== 'notset';
      const path = set ? fieldPath : c.path;
      const data: MessageData = { workload: pod.label, container: name, group: c.group, value, capabilities: value };
      if (c.group !== 'containers') {
        // kube-bench never lists it; kubecis would.
        if (flagged) entries.push(entry(null, 'ignored', data, pod.object, path, null));
        continue;
      }
      const key = field === 'privileged' ? 'is_container_privileged' : field === 'allowPrivilegeEscalation' ? 'is_container_allowprivesc' : 'container_caps_add';
      const line = `***pod_name: ${pod.ref.name} container_name: ${name} pod_namespace: ${pod.namespace} ${key}: ${value} is_compliant: ${String(!flagged)}`;
      entries.push(entry(!flagged, flagged ? 'flagged' : 'compliant', data, pod.object, path, line));
    }
  }
  return multiple(entries, () => noPods());
}

// ---------------------------------------------------------------------------------------------

/** Runs one kube-bench audit over the snapshot. */
export function runAudit(audit: AuditId, snapshot: Snapshot, settings: AuditSettings): AuditResult {
  switch (audit) {
    case 'cluster-admin-bindings':
      return clusterAdminBindings(snapshot, settings);
    case 'secrets-can-i':
      return canIAudit(snapshot, settings, 'canGetListWatchSecretsAsSystemAuthenticated', 'get,list,watch', 'secrets', ['get', 'list', 'watch']);
    case 'create-pods-can-i':
      return canIAudit(snapshot, settings, 'canCreatePodsAsSystemAuthenticated', 'create', 'pods', []);
    case 'wildcard-literal':
      return wildcardLiteral(snapshot, settings);
    case 'default-service-accounts':
      return defaultServiceAccounts(snapshot, settings);
    case 'token-mount':
      return tokenMount(snapshot, settings);
    case 'privileged':
      return containerAudit(snapshot, settings, 'privileged');
    case 'host-pid':
      return hostNamespace(snapshot, settings, 'hostPID');
    case 'host-ipc':
      return hostNamespace(snapshot, settings, 'hostIPC');
    case 'host-network':
      return hostNamespace(snapshot, settings, 'hostNetwork');
    case 'allow-privilege-escalation':
      return containerAudit(snapshot, settings, 'allowPrivilegeEscalation');
    case 'added-capabilities':
      return containerAudit(snapshot, settings, 'capabilities');
  }
}
