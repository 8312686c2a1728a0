// Which admission mechanisms apply to the pods of each namespace: Pod Security Admission labels,
// Kyverno policies, Gatekeeper constraints, ValidatingAdmissionPolicies with bindings, Kubewarden
// policies, and (when a policy engine's policies are not in the snapshot) its webhooks.
import { formatPath, type Evidence, type KubeObject, type ObjectRef, type Snapshot } from '@kubecis/core';
import { workloadImages } from './workload-images.js';
import { userNamespaces, type UserNamespace } from './namespaces.js';
import {
  gatekeeperKindsCoverPods,
  kyvernoKindCoversPods,
  narrowsObjects,
  nonEmpty,
  podKinds,
  podKindsCoveredBy,
  selectorAllows,
  webhookRulesCoverPods,
} from './pod-kinds.js';
import { at, groupOf, list, pathIf, record, refKey, sortedByRef, str, strings, wildcardMatch, type Fields, objectsOfGroup } from './read.js';

export type Mode = 'enforce' | 'audit';

/** One policy (or policy plus binding) that may apply to pods. */
export interface PolicySource {
  readonly engine: string;
  /** `Kyverno ClusterPolicy disallow-privileged`. */
  readonly label: string;
  readonly evidence: readonly Evidence[];
  /** How it acts in a namespace: `undefined` when it does not apply to all the namespace's pods. */
  modeIn(namespace: UserNamespace): Mode | undefined;
}

/** An engine's admission webhook, used only when none of that engine's policies is in the snapshot. */
export interface EngineWebhook {
  readonly engine: string;
  readonly label: string;
  readonly evidence: readonly Evidence[];
  covers(namespace: UserNamespace): boolean;
}

export const psaEnforceLabel = 'pod-security.kubernetes.io/enforce';
const psaLevels: readonly string[] = ['privileged', 'baseline', 'restricted'];

export interface PsaState {
  /** The level Pod Security Admission enforces; an invalid value is enforced as `restricted`. */
  readonly level: 'privileged' | 'baseline' | 'restricted';
  readonly value: string;
  readonly valid: boolean;
}

/** The Pod Security Admission enforce level a namespace's labels set, if any. */
export function psaEnforce(namespace: UserNamespace): PsaState | undefined {
  const value = namespace.object?.metadata.labels?.[psaEnforceLabel];
  if (value === undefined) return undefined;
  const valid = psaLevels.includes(value);
  return { level: valid ? (value as PsaState['level']) : 'restricted', value, valid };
}

/** Audit or warn labels without effect on admission. */
export function psaReportOnlyLabels(namespace: UserNamespace): string[] {
  const labels = namespace.object?.metadata.labels ?? {};
  return ['audit', 'warn'].filter((mode) => {
    const v = labels[`pod-security.kubernetes.io/${mode}`];
    return v !== undefined && v !== 'privileged';
  });
}

export interface NamespaceAdmission {
  readonly namespace: UserNamespace;
  readonly psa: PsaState | undefined;
  readonly enforcing: readonly PolicySource[];
  readonly auditing: readonly PolicySource[];
  readonly webhooks: readonly EngineWebhook[];
}

export interface AdmissionIndex {
  readonly sources: readonly PolicySource[];
  readonly webhooks: readonly EngineWebhook[];
  /** Engines installed (by workload image) whose policies do not reach a namespace; for messages. */
  readonly installed: readonly { readonly engine: string; readonly ref: ObjectRef }[];
  /** Policies that cannot act: a ValidatingAdmissionPolicy without binding, a Gatekeeper template without constraints. */
  readonly inactive: readonly { readonly label: string; readonly ref: ObjectRef }[];
  readonly namespaces: readonly NamespaceAdmission[];
}

function ev(snapshot: Snapshot, object: KubeObject, relation: string, path: string | null = null): Evidence {
  return { resource: snapshot.refOf(object), path: path === null ? null : pathIf(object, path), relation };
}

// ---------------------------------------------------------------------------------------------
// Kyverno

function isEnforce(action: unknown): boolean | undefined {
  const s = str(action);
  if (s === undefined) return undefined;
  const lower = s.toLowerCase();
  if (lower === 'enforce') return true;
  if (lower === 'audit') return false;
  return undefined;
}

/** Whether a Kyverno resource filter applies to every pod (or pod controller) created in the namespace. */
function kyvernoFilterCovers(filter: unknown, ns: UserNamespace): boolean {
  const f = record(filter);
  if (f === undefined) return false;
  for (const key of ['subjects', 'roles', 'clusterRoles']) if (list(f[key]).length > 0) return false;
  const r = record(f['resources']);
  if (r === undefined) return false;
  const kinds = strings(r['kinds']) ?? [];
  if (!kinds.some(kyvernoKindCoversPods)) return false;
  if ((strings(r['names']) ?? []).length > 0 || nonEmpty(r['name']) !== undefined) return false;
  if (narrowsObjects(r['selector']) || Object.keys(record(r['annotations']) ?? {}).length > 0) return false;
  const operations = strings(r['operations']);
  if (operations !== undefined && operations.length > 0 && !operations.includes('CREATE')) return false;
  const namespaces = strings(r['namespaces']) ?? [];
  if (namespaces.length > 0 && !namespaces.some((p) => wildcardMatch(p, ns.name))) return false;
  return selectorAllows(r['namespaceSelector'], ns.labels);
}

/** Whether a Kyverno exclude filter removes every pod of the namespace. */
function kyvernoFilterExcludes(filter: unknown, ns: UserNamespace): boolean {
  const f = record(filter);
  if (f === undefined) return false;
  for (const key of ['subjects', 'roles', 'clusterRoles']) if (list(f[key]).length > 0) return false;
  const r = record(f['resources']);
  if (r === undefined) return false;
  const kinds = strings(r['kinds']) ?? [];
  if (kinds.length > 0 && !kinds.some((k) => k === '*' || kyvernoKindCoversPods(k))) return false;
  if ((strings(r['names']) ?? []).length > 0 || nonEmpty(r['name']) !== undefined) return false;
  if (narrowsObjects(r['selector']) || Object.keys(record(r['annotations']) ?? {}).length > 0) return false;
  const operations = strings(r['operations']);
  if (operations !== undefined && operations.length > 0 && !operations.includes('CREATE')) return false;
  const namespaces = strings(r['namespaces']) ?? [];
  if (namespaces.length > 0 && !namespaces.some((p) => wildcardMatch(p, ns.name))) return false;
  if (r['namespaceSelector'] !== undefined && r['namespaceSelector'] !== null && !selectorAllows(r['namespaceSelector'], ns.labels)) return false;
  return true;
}

function kyvernoMatches(match: unknown, ns: UserNamespace): boolean {
  const m = record(match);
  if (m === undefined) return false;
  const any = list(m['any']);
  const all = list(m['all']);
  if (any.length > 0) return any.some((f) => kyvernoFilterCovers(f, ns));
  if (all.length > 0) return all.every((f) => kyvernoFilterCovers(f, ns));
  return kyvernoFilterCovers(m, ns);
}

function kyvernoExcludes(exclude: unknown, ns: UserNamespace): boolean {
  const e = record(exclude);
  if (e === undefined) return false;
  const any = list(e['any']);
  const all = list(e['all']);
  if (any.length > 0) return any.some((f) => kyvernoFilterExcludes(f, ns));
  if (all.length > 0) return all.every((f) => kyvernoFilterExcludes(f, ns));
  if (record(e['resources']) === undefined) return false;
  return kyvernoFilterExcludes(e, ns);
}

/** Per-namespace overrides of the failure action (`validationFailureActionOverrides`, `failureActionOverrides`). */
function overrideFor(overrides: unknown, ns: UserNamespace): boolean | undefined {
  for (const raw of list(overrides)) {
    const o = record(raw);
    if (o === undefined) continue;
    const action = isEnforce(o['action']);
    if (action === undefined) continue;
    const namespaces = strings(o['namespaces']) ?? [];
    const inList = namespaces.length > 0 && namespaces.some((p) => wildcardMatch(p, ns.name));
    const bySelector = o['namespaceSelector'] !== undefined && o['namespaceSelector'] !== null && selectorAllows(o['namespaceSelector'], ns.labels);
    if (inList || bySelector) return action;
  }
  return undefined;
}

function kyvernoSources(snapshot: Snapshot): PolicySource[] {
  const out: PolicySource[] = [];
  const policies = sortedByRef(
    snapshot,
    objectsOfGroup(snapshot, 'kyverno.io').filter((o) => (o.kind === 'ClusterPolicy' || o.kind === 'Policy')),
  );
  for (const policy of policies) {
    const spec = record((policy as Fields)['spec']);
    if (spec === undefined) continue;
    const own = policy.kind === 'Policy' ? snapshot.refOf(policy).namespace : null;
    const admission = spec['admission'] !== false;
    list(spec['rules']).forEach((rawRule, index) => {
      const rule = record(rawRule);
      const validate = record(rule?.['validate']);
      if (rule === undefined || validate === undefined) return;
      const name = str(rule['name']) ?? `#${String(index)}`;
      out.push({
        engine: 'Kyverno',
        label: `Kyverno ${policy.kind} ${policy.metadata.name} (rule ${name})`,
        evidence: [ev(snapshot, policy, 'enforced-by', formatPath(['spec', 'rules', index]))],
        modeIn(ns) {
          if (own !== null && own !== ns.name) return undefined;
          if (!kyvernoMatches(rule['match'], ns) || kyvernoExcludes(rule['exclude'], ns)) return undefined;
          if (!admission) return 'audit';
          const enforce =
            isEnforce(validate['failureAction']) ??
            overrideFor(validate['failureActionOverrides'], ns) ??
            overrideFor(spec['validationFailureActionOverrides'], ns) ??
            isEnforce(spec['validationFailureAction']) ??
            false;
          return enforce ? 'enforce' : 'audit';
        },
      });
    });
  }
  return out;
}

/** Kyverno's CEL ValidatingPolicy, shaped like a ValidatingAdmissionPolicy with its own actions. */
function kyvernoValidatingPolicySources(snapshot: Snapshot): PolicySource[] {
  const out: PolicySource[] = [];
  const policies = sortedByRef(snapshot, objectsOfGroup(snapshot, 'policies.kyverno.io').filter((o) => o.kind === 'ValidatingPolicy'));
  for (const policy of policies) {
    const spec = record((policy as Fields)['spec']);
    if (spec === undefined) continue;
    const constraints = record(spec['matchConstraints']);
    const actions = strings(spec['validationActions']) ?? [];
    const admission = at(spec, 'evaluation', 'admission', 'enabled') !== false;
    out.push({
      engine: 'Kyverno',
      label: `Kyverno ValidatingPolicy ${policy.metadata.name}`,
      evidence: [ev(snapshot, policy, 'enforced-by', 'spec')],
      modeIn(ns) {
        if (!matchConstraintsCover(constraints, ns)) return undefined;
        return admission && actions.includes('Deny') ? 'enforce' : 'audit';
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ValidatingAdmissionPolicy

/** Whether VAP-style match constraints (`resourceRules`, `excludeResourceRules`, selectors) reach every pod of the namespace. */
function matchConstraintsCover(constraints: Fields | undefined, ns: UserNamespace, requireRules = true): boolean {
  if (constraints === undefined) return !requireRules;
  const rules = list(constraints['resourceRules']);
  if (rules.length === 0 && requireRules) return false;
  const covered = new Set(rules.length === 0 ? podKinds.map((k) => k.kind) : rules.flatMap((r) => podKindsCoveredBy(r)));
  for (const raw of list(constraints['excludeResourceRules'])) {
    const r = record(raw);
    if (r === undefined || (strings(r['resourceNames']) ?? []).length > 0) continue;
    for (const kind of podKindsCoveredBy(r)) covered.delete(kind);
  }
  if (covered.size === 0) return false;
  if (narrowsObjects(constraints['objectSelector'])) return false;
  return selectorAllows(constraints['namespaceSelector'], ns.labels);
}

function vapSources(snapshot: Snapshot, inactive: { label: string; ref: ObjectRef }[]): PolicySource[] {
  const out: PolicySource[] = [];
  const bindings = sortedByRef(snapshot, snapshot.ofKind('ValidatingAdmissionPolicyBinding'));
  for (const policy of sortedByRef(snapshot, snapshot.ofKind('ValidatingAdmissionPolicy'))) {
    if (groupOf(policy) !== 'admissionregistration.k8s.io') continue;
    const constraints = record(at(policy, 'spec', 'matchConstraints'));
    const mine = bindings.filter((b) => b.spec?.policyName === policy.metadata.name);
    if (mine.length === 0) {
      inactive.push({ label: `ValidatingAdmissionPolicy ${policy.metadata.name} has no binding`, ref: snapshot.refOf(policy) });
      continue;
    }
    for (const binding of mine) {
      const actions = strings(at(binding, 'spec', 'validationActions')) ?? [];
      const matchResources = record(at(binding, 'spec', 'matchResources'));
      out.push({
        engine: 'ValidatingAdmissionPolicy',
        label: `ValidatingAdmissionPolicy ${policy.metadata.name} (binding ${binding.metadata.name})`,
        evidence: [ev(snapshot, policy, 'enforced-by', 'spec'), ev(snapshot, binding, 'bound-by', 'spec')],
        modeIn(ns) {
          if (!matchConstraintsCover(constraints, ns)) return undefined;
          if (!matchConstraintsCover(matchResources, ns, false)) return undefined;
          return actions.includes('Deny') ? 'enforce' : 'audit';
        },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Gatekeeper

function gatekeeperExcluded(snapshot: Snapshot): string[] {
  const out: string[] = [];
  for (const config of objectsOfGroup(snapshot, 'config.gatekeeper.sh')) {
    if (config.kind !== 'Config') continue;
    for (const raw of list(at(config, 'spec', 'match'))) {
      const m = record(raw);
      const processes = strings(m?.['processes']) ?? [];
      if (processes.includes('*') || processes.includes('webhook')) out.push(...(strings(m?.['excludedNamespaces']) ?? []));
    }
  }
  return out.sort();
}

function gatekeeperEnforces(spec: Fields): boolean {
  const action = str(spec['enforcementAction']) ?? 'deny';
  if (action === 'deny') return true;
  if (action !== 'scoped') return false;
  return list(spec['scopedEnforcementActions']).some((raw) => {
    const s = record(raw);
    if (s === undefined || str(s['action']) !== 'deny') return false;
    return list(s['enforcementPoints']).some((p) => {
      const name = str(record(p)?.['name']);
      return name === '*' || name === 'validation.gatekeeper.sh';
    });
  });
}

function gatekeeperSources(snapshot: Snapshot, inactive: { label: string; ref: ObjectRef }[]): PolicySource[] {
  const out: PolicySource[] = [];
  const templates = new Map<string, KubeObject>();
  for (const t of sortedByRef(snapshot, objectsOfGroup(snapshot, 'templates.gatekeeper.sh').filter((o) => o.kind === 'ConstraintTemplate'))) {
    const kind = str(at(t, 'spec', 'crd', 'spec', 'names', 'kind'));
    if (kind !== undefined && !templates.has(kind)) templates.set(kind, t);
  }
  const excluded = gatekeeperExcluded(snapshot);
  const constraints = sortedByRef(snapshot, objectsOfGroup(snapshot, 'constraints.gatekeeper.sh'));
  const used = new Set(constraints.map((c) => c.kind));
  for (const [kind, template] of templates) {
    if (!used.has(kind)) inactive.push({ label: `Gatekeeper ConstraintTemplate ${template.metadata.name} has no constraint`, ref: snapshot.refOf(template) });
  }
  for (const constraint of constraints) {
    const spec = record((constraint as Fields)['spec']) ?? {};
    const match = record(spec['match']) ?? {};
    const template = templates.get(constraint.kind);
    const enforce = gatekeeperEnforces(spec);
    out.push({
      engine: 'Gatekeeper',
      label: `Gatekeeper ${constraint.kind} ${constraint.metadata.name}`,
      evidence: [ev(snapshot, constraint, 'enforced-by', 'spec'), ...(template ? [ev(snapshot, template, 'defined-by')] : [])],
      modeIn(ns) {
        if (!gatekeeperKindsCoverPods(match['kinds'])) return undefined;
        const scope = str(match['scope']);
        if (scope === 'Cluster') return undefined;
        if (nonEmpty(match['name']) !== undefined || narrowsObjects(match['labelSelector'])) return undefined;
        const namespaces = strings(match['namespaces']) ?? [];
        if (namespaces.length > 0 && !namespaces.some((p) => wildcardMatch(p, ns.name))) return undefined;
        const excludedHere = [...(strings(match['excludedNamespaces']) ?? []), ...excluded];
        if (excludedHere.some((p) => wildcardMatch(p, ns.name))) return undefined;
        if (!selectorAllows(match['namespaceSelector'], ns.labels)) return undefined;
        return enforce ? 'enforce' : 'audit';
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kubewarden

function kubewardenSources(snapshot: Snapshot): PolicySource[] {
  const out: PolicySource[] = [];
  const kinds = ['ClusterAdmissionPolicy', 'AdmissionPolicy', 'ClusterAdmissionPolicyGroup', 'AdmissionPolicyGroup'];
  const policies = sortedByRef(snapshot, objectsOfGroup(snapshot, 'policies.kubewarden.io').filter((o) => kinds.includes(o.kind)));
  for (const policy of policies) {
    const spec = record((policy as Fields)['spec']);
    if (spec === undefined) continue;
    const own = policy.kind.startsWith('Cluster') ? null : snapshot.refOf(policy).namespace;
    const enforce = (str(spec['mode']) ?? 'protect') === 'protect';
    out.push({
      engine: 'Kubewarden',
      label: `Kubewarden ${policy.kind} ${policy.metadata.name}`,
      evidence: [ev(snapshot, policy, 'enforced-by', 'spec')],
      modeIn(ns) {
        if (own !== null && own !== ns.name) return undefined;
        if (!webhookRulesCoverPods(spec['rules'], true)) return undefined;
        if (narrowsObjects(spec['objectSelector'])) return undefined;
        if (own === null && !selectorAllows(spec['namespaceSelector'], ns.labels)) return undefined;
        return enforce ? 'enforce' : 'audit';
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Engine webhooks and installations

interface EngineSignature {
  readonly engine: string;
  /** Matches a webhook configuration name or one of its webhooks' names. */
  readonly webhook: RegExp;
  /** Matches an image path (registry stripped). */
  readonly image: RegExp;
  /** The API groups of the engine's policy objects. */
  readonly policyGroups: readonly string[];
  /** Whether an object of those groups is one of the engine's policies. */
  hasPolicies(object: KubeObject): boolean;
}

const engines: readonly EngineSignature[] = [
  {
    engine: 'Kyverno',
    webhook: /kyverno/,
    image: /(^|\/)kyverno\/kyverno$/,
    policyGroups: ['kyverno.io', 'policies.kyverno.io'],
    hasPolicies: (o) => (groupOf(o) === 'kyverno.io' && (o.kind === 'ClusterPolicy' || o.kind === 'Policy')) || groupOf(o) === 'policies.kyverno.io',
  },
  {
    engine: 'Gatekeeper',
    webhook: /gatekeeper/,
    image: /(^|\/)openpolicyagent\/gatekeeper$/,
    policyGroups: ['constraints.gatekeeper.sh'],
    hasPolicies: (o) => groupOf(o) === 'constraints.gatekeeper.sh',
  },
  {
    engine: 'Kubewarden',
    webhook: /kubewarden/,
    image: /(^|\/)kubewarden\/(kubewarden-controller|policy-server)$/,
    policyGroups: ['policies.kubewarden.io'],
    hasPolicies: (o) => groupOf(o) === 'policies.kubewarden.io' && o.kind !== 'PolicyServer',
  },
  { engine: 'jsPolicy', webhook: /jspolicy/, image: /(^|\/)loftsh\/jspolicy$/, policyGroups: ['policy.jspolicy.com'], hasPolicies: (o) => groupOf(o) === 'policy.jspolicy.com' },
  { engine: 'k-rail', webhook: /k-rail/, image: /(^|\/)cruise\/k-rail$/, policyGroups: [], hasPolicies: () => false },
  { engine: 'Polaris', webhook: /polaris/, image: /(^|\/)fairwinds\/polaris$/, policyGroups: [], hasPolicies: () => false },
];

function webhookSources(snapshot: Snapshot): EngineWebhook[] {
  const out: EngineWebhook[] = [];
  const withPolicies = new Set(engines.filter((e) => e.policyGroups.some((g) => objectsOfGroup(snapshot, g).some((o) => e.hasPolicies(o)))).map((e) => e.engine));
  for (const config of sortedByRef(snapshot, snapshot.ofKind('ValidatingWebhookConfiguration'))) {
    const hooks = config.webhooks ?? [];
    hooks.forEach((hook, index) => {
      const engine = engines.find((e) => e.webhook.test(config.metadata.name) || e.webhook.test(hook.name));
      if (engine === undefined || withPolicies.has(engine.engine)) return;
      if (!webhookRulesCoverPods(hook.rules)) return;
      out.push({
        engine: engine.engine,
        label: `${engine.engine} webhook ${config.metadata.name}`,
        evidence: [ev(snapshot, config, 'intercepted-by', formatPath(['webhooks', index]))],
        covers: (ns) => !narrowsObjects(hook.objectSelector) && selectorAllows(hook.namespaceSelector, ns.labels),
      });
    });
  }
  return out;
}

function installedEngines(snapshot: Snapshot): { engine: string; ref: ObjectRef }[] {
  const all: { engine: string; ref: ObjectRef }[] = [];
  for (const workload of snapshot.workloads()) {
    for (const image of workloadImages(snapshot, workload)) {
      const engine = engines.find((e) => e.image.test(image.image.path));
      if (engine !== undefined) all.push({ engine: engine.engine, ref: workload.ref });
    }
  }
  const key = (o: { engine: string; ref: ObjectRef }): string => `${o.engine}\u0000${refKey(o.ref)}`;
  all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return all.filter((o, i) => all.findIndex((p) => p.engine === o.engine) === i);
}

// ---------------------------------------------------------------------------------------------

function buildAdmissionIndex(snapshot: Snapshot): AdmissionIndex {
  const inactive: { label: string; ref: ObjectRef }[] = [];
  const sources = [
    ...kyvernoSources(snapshot),
    ...kyvernoValidatingPolicySources(snapshot),
    ...gatekeeperSources(snapshot, inactive),
    ...vapSources(snapshot, inactive),
    ...kubewardenSources(snapshot),
  ];
  const webhooks = webhookSources(snapshot);
  const namespaces = userNamespaces(snapshot).map((namespace): NamespaceAdmission => {
    const enforcing: PolicySource[] = [];
    const auditing: PolicySource[] = [];
    for (const source of sources) {
      const mode = source.modeIn(namespace);
      if (mode === 'enforce') enforcing.push(source);
      else if (mode === 'audit') auditing.push(source);
    }
    return { namespace, psa: psaEnforce(namespace), enforcing, auditing, webhooks: webhooks.filter((w) => w.covers(namespace)) };
  });
  return { sources, webhooks, installed: installedEngines(snapshot), inactive, namespaces };
}

/** The admission picture of every user namespace, computed once per snapshot. */
export function admissionIndex(snapshot: Snapshot): AdmissionIndex {
  return snapshot.derive(buildAdmissionIndex);
}
