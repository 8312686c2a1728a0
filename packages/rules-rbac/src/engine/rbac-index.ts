import { apiGroupOf, matchesLabelSelector, type LabelSelector, type ObjectRef, type PolicyRule, type Snapshot } from '@kubecis/core';
import { builtInRoles, type BuiltInRole } from './builtin-roles.js';
import type { BindingEntry, RbacIndex, RbacNote, RoleEntry, RuleRef, SubjectEntry, SubjectRef } from './types.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const rbacApiVersion = 'rbac.authorization.k8s.io/v1';

interface MutableRole {
  key: string;
  kind: 'Role' | 'ClusterRole';
  namespace: string | null;
  name: string;
  ref: ObjectRef;
  object: RoleEntry['object'];
  builtIn: boolean;
  labels: Readonly<Record<string, string>>;
  aggregationRule: RoleEntry['aggregationRule'];
  ownRules: RuleRef[];
  rules: readonly RuleRef[];
  aggregatedFrom: { role: RoleEntry; selector: number }[];
}

export function roleKey(kind: string, namespace: string | null, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

export function subjectKey(subject: SubjectRef | SubjectEntry): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount\u0000${subject.namespace ?? ''}\u0000${subject.name}` : `${subject.kind}\u0000${subject.name}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A policy rule read defensively: only string arrays survive. */
function cleanRule(value: unknown): PolicyRule {
  const raw = isRecord(value) ? value : {};
  const out: Record<string, unknown> = { verbs: stringArray(raw['verbs']) ?? [] };
  for (const field of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const list = stringArray(raw[field]);
    if (list !== undefined) out[field] = list;
  }
  return out as PolicyRule;
}

function makeRole(
  kind: 'Role' | 'ClusterRole',
  namespace: string | null,
  name: string,
  ref: ObjectRef,
  object: RoleEntry['object'],
  source: { labels?: Record<string, string> | undefined; rules?: unknown; aggregationRule?: unknown },
): MutableRole {
  const aggregation = kind === 'ClusterRole' && isRecord(source.aggregationRule) ? source.aggregationRule : null;
  const selectors = aggregation && Array.isArray(aggregation['clusterRoleSelectors']) ? (aggregation['clusterRoleSelectors'] as LabelSelector[]) : [];
  const role: MutableRole = {
    key: roleKey(kind, namespace, name),
    kind,
    namespace,
    name,
    ref,
    object,
    builtIn: object === null,
    labels: source.labels ?? {},
    aggregationRule: aggregation ? { clusterRoleSelectors: selectors } : null,
    ownRules: [],
    rules: [],
    aggregatedFrom: [],
  };
  const rules = Array.isArray(source.rules) ? (source.rules as unknown[]) : [];
  role.ownRules = rules.map((rule, index) => ({ rule: object === null ? (rule as PolicyRule) : cleanRule(rule), index, path: `rules[${String(index)}]`, role: role }));
  return role;
}

function fromBuiltIn(definition: BuiltInRole): MutableRole {
  const namespace = definition.kind === 'Role' ? (definition.metadata.namespace ?? null) : null;
  const ref: ObjectRef = Object.freeze({ apiVersion: rbacApiVersion, kind: definition.kind, namespace, name: definition.metadata.name });
  return makeRole(definition.kind, namespace, definition.metadata.name, ref, null, {
    labels: definition.metadata.labels,
    rules: definition.rules,
    aggregationRule: definition.aggregationRule,
  });
}

/** Whether a selector is one the API server accepts (In/NotIn need values, Exists/DoesNotExist none). */
function validSelector(selector: LabelSelector): boolean {
  for (const expr of selector.matchExpressions ?? []) {
    const count = expr.values?.length ?? 0;
    if ((expr.operator === 'In' || expr.operator === 'NotIn') && count === 0) return false;
    if ((expr.operator === 'Exists' || expr.operator === 'DoesNotExist') && count > 0) return false;
  }
  return true;
}

/** Label postings of ClusterRoles, so selectors do not scan every role. */
class LabelIndex {
  readonly #byPair = new Map<string, MutableRole[]>();
  readonly #byKey = new Map<string, MutableRole[]>();
  readonly #all: readonly MutableRole[];

  constructor(roles: readonly MutableRole[]) {
    this.#all = roles;
    for (const role of roles) {
      for (const [key, value] of Object.entries(role.labels)) {
        push(this.#byPair, `${key}\u0000${value}`, role);
        push(this.#byKey, key, role);
      }
    }
  }

  /** Every ClusterRole the selector matches, in name order. */
  select(selector: LabelSelector): readonly MutableRole[] {
    if (!validSelector(selector)) return [];
    let candidates: readonly MutableRole[] | undefined;
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
      const posting = this.#byPair.get(`${key}\u0000${value}`) ?? [];
      if (candidates === undefined || posting.length < candidates.length) candidates = posting;
    }
    if (candidates === undefined) {
      for (const expr of selector.matchExpressions ?? []) {
        let posting: readonly MutableRole[] | undefined;
        if (expr.operator === 'Exists') posting = this.#byKey.get(expr.key) ?? [];
        else if (expr.operator === 'In') {
          const seen = new Set<MutableRole>();
          for (const value of expr.values ?? []) for (const role of this.#byPair.get(`${expr.key}\u0000${value}`) ?? []) seen.add(role);
          posting = [...seen];
        }
        if (posting !== undefined && (candidates === undefined || posting.length < candidates.length)) candidates = posting;
      }
    }
    return (candidates ?? this.#all).filter((role) => matchesLabelSelector(role.labels, selector));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Effective rules of aggregated ClusterRoles, as the clusterrole-aggregation controller settles
 * them: each gets the union of the rules of every other ClusterRole its selectors match (their
 * effective rules when they are aggregated themselves), never its own. Chains resolve through
 * the strongly connected components of the selection graph, so cycles terminate: every role of
 * a cycle ends with the union of what the cycle reaches.
 */
function aggregate(clusterRoles: readonly MutableRole[]): void {
  const labels = new LabelIndex(clusterRoles);
  const aggregated = clusterRoles.filter((r) => r.aggregationRule !== null);
  const sources = new Map<MutableRole, MutableRole[]>();
  for (const role of aggregated) {
    const seen = new Set<MutableRole>();
    const list: MutableRole[] = [];
    role.aggregationRule?.clusterRoleSelectors.forEach((selector, index) => {
      for (const source of [...labels.select(selector)].sort((a, b) => compare(a.name, b.name))) {
        if (source === role || seen.has(source)) continue;
        seen.add(source);
        list.push(source);
        role.aggregatedFrom.push({ role: source, selector: index });
      }
    });
    sources.set(role, list);
  }
  const successorsOf = new Map<MutableRole, MutableRole[]>();
  for (const [role, list] of sources) successorsOf.set(role, list.filter((s) => s.aggregationRule !== null));
  for (const role of clusterRoles) if (role.aggregationRule === null) role.rules = role.ownRules;

  // Iterative Tarjan over the aggregated roles; components come out successors first.
  const indexOf = new Map<MutableRole, number>();
  const low = new Map<MutableRole, number>();
  const onStack = new Set<MutableRole>();
  const stack: MutableRole[] = [];
  const componentOf = new Map<MutableRole, number>();
  let counter = 0;
  let components = 0;
  for (const start of aggregated) {
    if (indexOf.has(start)) continue;
    const work: { node: MutableRole; next: number }[] = [{ node: start, next: 0 }];
    indexOf.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const successors = successorsOf.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const next = successors[frame.next++]!;
        if (!indexOf.has(next)) {
          indexOf.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const members: MutableRole[] = [];
        let member: MutableRole;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          componentOf.set(member, components);
          members.push(member);
        } while (member !== frame.node);
        const id = components++;
        const union = new Set<RuleRef>();
        for (const m of members.sort((a, b) => compare(a.name, b.name))) {
          for (const source of sources.get(m) ?? []) {
            if (source.aggregationRule === null) for (const r of source.ownRules) union.add(r);
            else if (componentOf.get(source) !== id) for (const r of source.rules) union.add(r);
          }
        }
        const rules = Object.freeze([...union]);
        for (const m of members) m.rules = rules;
      }
    }
  }
}

function normaliseSubjects(
  raw: readonly unknown[] | null | undefined,
  bindingNamespace: string | null,
  ref: ObjectRef,
  notes: RbacNote[],
): SubjectEntry[] {
  const out: SubjectEntry[] = [];
  (raw ?? []).forEach((value, index) => {
    if (!isRecord(value)) return;
    const kind = value['kind'];
    const name = value['name'];
    const path = `subjects[${String(index)}]`;
    if (typeof name !== 'string' || name === '') return;
    if (kind === 'User' || kind === 'Group') {
      out.push(Object.freeze({ kind, name, namespace: null, index, path, ref: Object.freeze({ kind, name }) }));
      return;
    }
    if (kind === 'ServiceAccount') {
      const own = typeof value['namespace'] === 'string' && value['namespace'] !== '' ? value['namespace'] : null;
      // The authorizer defaults a ServiceAccount's namespace to the RoleBinding's; a ClusterRoleBinding has none to give.
      const namespace = own ?? bindingNamespace;
      if (namespace === null) {
        notes.push({ severity: 'warning', message: `${ref.kind} ${ref.name}: ServiceAccount subject "${name}" has no namespace and matches nobody`, object: ref, path });
        return;
      }
      out.push(Object.freeze({ kind, name, namespace, index, path, ref: Object.freeze({ kind, name, namespace }) }));
      return;
    }
    notes.push({ severity: 'warning', message: `${ref.kind} ${ref.name}: subject kind "${String(kind)}" is not User, Group or ServiceAccount and matches nobody`, object: ref, path });
  });
  return out;
}

/** Builds the RBAC index of a snapshot. Linear in roles + bindings (plus the aggregated roles' selections). */
export function buildRbacIndex(snapshot: Snapshot): RbacIndex {
  const notes: RbacNote[] = [];
  const byKey = new Map<string, MutableRole>();

  for (const kind of ['Role', 'ClusterRole'] as const) {
    for (const object of snapshot.ofKind(kind)) {
      const ref = snapshot.refOf(object);
      if (apiGroupOf(ref.apiVersion) !== rbacGroup) continue;
      const namespace = kind === 'Role' ? ref.namespace : null;
      const role = makeRole(kind, namespace, ref.name, ref, object, {
        labels: object.metadata.labels,
        rules: object.rules,
        aggregationRule: kind === 'ClusterRole' ? (object as { aggregationRule?: unknown }).aggregationRule : undefined,
      });
      byKey.set(role.key, role);
    }
  }
  for (const definition of builtInRoles) {
    const role = fromBuiltIn(definition);
    if (!byKey.has(role.key)) byKey.set(role.key, role);
  }

  const roles = [...byKey.values()].sort((a, b) => compare(a.key, b.key));
  for (const role of roles) if (role.kind === 'Role') role.rules = role.ownRules;
  aggregate(roles.filter((r) => r.kind === 'ClusterRole'));
  for (const role of roles) {
    Object.freeze(role.ownRules);
    Object.freeze(role.aggregatedFrom);
    Object.freeze(role);
  }

  const unsorted: Omit<BindingEntry, 'position'>[] = [];
  for (const kind of ['RoleBinding', 'ClusterRoleBinding'] as const) {
    for (const object of snapshot.ofKind(kind)) {
      const ref = snapshot.refOf(object);
      if (apiGroupOf(ref.apiVersion) !== rbacGroup) continue;
      const namespace = kind === 'RoleBinding' ? ref.namespace : null;
      const roleRef = { kind: object.roleRef.kind, name: object.roleRef.name };
      let role: MutableRole | undefined;
      if (roleRef.kind === 'ClusterRole') role = byKey.get(roleKey('ClusterRole', null, roleRef.name));
      else if (roleRef.kind === 'Role' && namespace !== null) role = byKey.get(roleKey('Role', namespace, roleRef.name));
      if (role === undefined) {
        const why =
          roleRef.kind === 'Role' && namespace === null
            ? 'a ClusterRoleBinding cannot reference a Role'
            : roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole'
              ? `roleRef kind "${roleRef.kind}" is neither Role nor ClusterRole`
              : `${roleRef.kind} "${roleRef.name}"${roleRef.kind === 'Role' ? ` in namespace ${namespace ?? ''}` : ''} is not in the snapshot and is not a Kubernetes default role`;
        notes.push({ severity: 'warning', message: `${kind} ${namespace === null ? '' : `${namespace}/`}${ref.name} grants nothing: ${why}`, object: ref, path: 'roleRef' });
      }
      unsorted.push(
        Object.freeze({
          key: roleKey(kind, namespace, ref.name),
          kind,
          namespace,
          name: ref.name,
          ref,
          object,
          roleRef,
          role: (role ?? null),
          subjects: Object.freeze(normaliseSubjects(object.subjects, namespace, ref, notes)),
        }),
      );
    }
  }
  unsorted.sort((a, b) => compare(a.key, b.key));
  const bindings: BindingEntry[] = unsorted.map((b, position) => Object.freeze({ ...b, position }));

  const byRole = new Map<RoleEntry, BindingEntry[]>();
  const byNamespace = new Map<string, BindingEntry[]>();
  const bySubject = new Map<string, { binding: BindingEntry; subject: SubjectEntry }[]>();
  const clusterBindings: BindingEntry[] = [];
  for (const binding of bindings) {
    if (binding.role) push(byRole, binding.role, binding);
    if (binding.namespace === null) clusterBindings.push(binding);
    else push(byNamespace, binding.namespace, binding);
    for (const subject of binding.subjects) push(bySubject, subjectKey(subject), { binding, subject });
  }
  // Roles by the resource strings their effective rules name, so a query reads only the roles that can answer it.
  const byResource = new Map<string, RoleEntry[]>();
  const nonResourceRoles: RoleEntry[] = [];
  for (const role of roles) {
    const tokens = new Set<string>();
    let urls = false;
    for (const ref of role.rules) {
      for (const resource of ref.rule.resources ?? []) tokens.add(resource);
      if ((ref.rule.nonResourceURLs ?? []).length > 0) urls = true;
    }
    for (const token of tokens) push(byResource, token, role as RoleEntry);
    if (urls) nonResourceRoles.push(role);
  }
  const rank = new Map<RoleEntry, number>(roles.map((r, i) => [r as RoleEntry, i]));
  const rolesNaming = (combined: string, subresource: string): readonly RoleEntry[] => {
    const lists = [byResource.get(combined), byResource.get('*'), subresource === '' ? undefined : byResource.get(`*/${subresource}`)].filter(
      (l): l is RoleEntry[] => l !== undefined,
    );
    if (lists.length === 1) return lists[0]!;
    return [...new Set(lists.flat())].sort((a, b) => rank.get(a)! - rank.get(b)!);
  };

  const empty: readonly never[] = Object.freeze([]);
  const roleMap = new Map<string, RoleEntry>(roles.map((r) => [r.key, r as RoleEntry]));
  notes.sort((a, b) => compare(`${a.object.kind}|${a.object.namespace ?? ''}|${a.object.name}|${a.message}`, `${b.object.kind}|${b.object.namespace ?? ''}|${b.object.name}|${b.message}`));

  return Object.freeze({
    roles: Object.freeze(roles as RoleEntry[]),
    bindings: Object.freeze(bindings),
    role: (kind: 'Role' | 'ClusterRole', namespace: string | null, name: string) => roleMap.get(roleKey(kind, kind === 'Role' ? namespace : null, name)),
    bindingsOf: (role: RoleEntry) => byRole.get(role) ?? empty,
    clusterBindings: Object.freeze(clusterBindings),
    bindingsIn: (namespace: string) => byNamespace.get(namespace) ?? empty,
    bindingsFor: (subject: SubjectRef) => bySubject.get(subjectKey(subject)) ?? empty,
    rolesNaming,
    nonResourceRoles: Object.freeze(nonResourceRoles),
    notes: Object.freeze(notes),
  });
}

/** The RBAC index of a snapshot, built on first use and cached with it. */
export function rbacIndex(snapshot: Snapshot): RbacIndex {
  return snapshot.derive(buildRbacIndex);
}
