import type { ObjectRef, PolicyRule, Snapshot } from '@kubecis/core';
import {
  apiGroupMatches,
  isNonResourceRequest,
  normaliseResource,
  resourceMatches,
  ruleAllows,
  verbMatches,
  type AccessRequest,
  type NonResourceRequest,
} from './match.js';
import { rbacIndex } from './rbac-index.js';
import type { BindingEntry, RbacIndex, RoleEntry, RuleRef, SubjectEntry, SubjectRef } from './types.js';

/** `whoCan`'s question: a verb on a resource, cluster-wide or in one namespace. */
export interface WhoCanQuery {
  readonly verb: string;
  /** `pods`, or `pods/exec` when no `subresource` is given. */
  readonly resource: string;
  readonly subresource?: string;
  /** The API group; `""` (the core group) when omitted. */
  readonly apiGroup?: string;
  /** Without it the question is cluster-wide and only ClusterRoleBindings count; with it, that namespace's RoleBindings count too. */
  readonly namespace?: string;
  /** An object name; without it, rules limited by resourceNames do not apply (as for list or create). */
  readonly name?: string;
}

/** The same question for a non-resource URL (`/metrics`); only ClusterRoleBindings grant those. */
export interface NonResourceWhoCanQuery {
  readonly verb: string;
  readonly nonResourceURL: string;
}

/** A policy rule that grants the request, and where it is written. */
export interface GrantRule {
  /** The role whose `rules[index]` it is: the bound role, or for an aggregated role the role it aggregates. */
  readonly role: ObjectRef;
  readonly builtIn: boolean;
  readonly index: number;
  readonly path: string;
  readonly rule: PolicyRule;
}

/** One subject allowed through one binding. */
export interface Grant {
  readonly subject: SubjectRef;
  readonly binding: ObjectRef;
  /** The subject's place in the binding: `subjects[1]`. */
  readonly subjectPath: string;
  readonly role: ObjectRef;
  /** The bound role is a Kubernetes default the snapshot does not define. */
  readonly builtIn: boolean;
  /** The bound role is an aggregated ClusterRole. */
  readonly aggregated: boolean;
  /** Where the grant applies: the RoleBinding's namespace, or `null` for the whole cluster. */
  readonly namespace: string | null;
  readonly rules: readonly GrantRule[];
}

export interface WhoCanResult {
  /** Every subject allowed, once, sorted by kind, namespace and name. */
  readonly subjects: readonly SubjectRef[];
  /** Each subject-binding pair that allows it, with the rules that match. */
  readonly grants: readonly Grant[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function toSubjectRef(subject: SubjectEntry | SubjectRef): SubjectRef {
  return subject.kind === 'ServiceAccount' && typeof subject.namespace === 'string'
    ? { kind: subject.kind, name: subject.name, namespace: subject.namespace }
    : { kind: subject.kind, name: subject.name };
}

export function subjectSortKey(subject: SubjectRef): string {
  return `${subject.kind}\u0000${subject.namespace ?? ''}\u0000${subject.name}`;
}

export function toGrantRule(ref: RuleRef): GrantRule {
  return { role: ref.role.ref, builtIn: ref.role.builtIn, index: ref.index, path: ref.path, rule: ref.rule };
}

/** The request a query asks about, with resource and subresource split. */
function requestOf(query: WhoCanQuery | NonResourceWhoCanQuery): AccessRequest {
  if (isNonResourceRequest(query)) {
    const q = query;
    return { verb: q.verb, nonResourceURL: q.nonResourceURL };
  }
  const q = query;
  const { resource, subresource } = normaliseResource(q.resource, q.subresource);
  return { verb: q.verb, apiGroup: q.apiGroup ?? '', resource, subresource, ...(q.name === undefined ? {} : { name: q.name }) };
}

const noRules: readonly GrantRule[] = Object.freeze([]);

/**
 * Memoised per-role matching for one request: each role's rules are read once per query, and the
 * matching rules are built once and shared (frozen) by every grant through that role.
 */
function roleMatcher(request: AccessRequest): (role: RoleEntry) => readonly GrantRule[] {
  const cache = new Map<RoleEntry, readonly GrantRule[]>();
  return (role) => {
    let found = cache.get(role);
    if (found === undefined) {
      const matched = role.rules.filter((r) => ruleAllows(r.rule, request));
      found = matched.length === 0 ? noRules : Object.freeze(matched.map(toGrantRule));
      cache.set(role, found);
    }
    return found;
  };
}

function grantOf(binding: BindingEntry, role: RoleEntry, subject: SubjectEntry, rules: readonly GrantRule[]): Grant {
  return {
    subject: subject.ref,
    binding: binding.ref,
    subjectPath: subject.path,
    role: role.ref,
    builtIn: role.builtIn,
    aggregated: role.aggregationRule !== null,
    namespace: binding.namespace,
    rules,
  };
}

/**
 * Who can do this? The subjects allowed, and the bindings and roles that grant it, decided as
 * the Kubernetes RBAC authorizer decides: without a namespace only ClusterRoleBindings count;
 * with one, that namespace's RoleBindings count too. Built-in roles resolve even when the
 * snapshot lacks them; aggregated ClusterRoles count with their aggregated rules.
 */
export function whoCan(snapshot: Snapshot, query: WhoCanQuery | NonResourceWhoCanQuery): WhoCanResult {
  const index = rbacIndex(snapshot);
  const request = requestOf(query);
  const nonResource = isNonResourceRequest(request);
  const namespace = nonResource ? undefined : (query as WhoCanQuery).namespace;
  const match = roleMatcher(request);
  const found: { binding: BindingEntry; subject: SubjectEntry; grant: Grant }[] = [];
  const inScope = (binding: BindingEntry): boolean =>
    binding.namespace === null || (!nonResource && namespace !== undefined && binding.namespace === namespace);
  // Two ways to the same answer; take the one that reads fewer bindings. Either reads each role's
  // rules at most once, so a query is linear in the roles and bindings it reads, never their product.
  const candidates = candidateRoles(index, request);
  let viaRoles = 0;
  for (const role of candidates) viaRoles += index.bindingsOf(role).length;
  const scoped = index.clusterBindings.length + (nonResource || namespace === undefined || namespace === '' ? 0 : index.bindingsIn(namespace).length);
  if (viaRoles < scoped) {
    // Only the roles whose rules name the resource can grant it; then only their bindings in scope.
    for (const role of candidates) {
      const rules = match(role);
      if (rules.length === 0) continue;
      for (const binding of index.bindingsOf(role)) {
        if (!inScope(binding)) continue;
        for (const subject of binding.subjects) found.push({ binding, subject, grant: grantOf(binding, role, subject, rules) });
      }
    }
    found.sort((a, b) => a.binding.position - b.binding.position || a.subject.index - b.subject.index);
  } else {
    const scope = nonResource || namespace === undefined || namespace === '' ? [index.clusterBindings] : [index.clusterBindings, index.bindingsIn(namespace)];
    for (const bindings of scope) {
      for (const binding of bindings) {
        const role = binding.role;
        if (role === null) continue;
        const rules = match(role);
        if (rules.length === 0) continue;
        for (const subject of binding.subjects) found.push({ binding, subject, grant: grantOf(binding, role, subject, rules) });
      }
    }
    // ClusterRoleBindings sort before RoleBindings in the index, so this is already in binding order.
  }
  const subjects = new Map<string, SubjectRef>();
  for (const { grant } of found) subjects.set(subjectSortKey(grant.subject), grant.subject);
  const sortedSubjects = [...subjects.entries()].sort((a, b) => compare(a[0], b[0])).map(([, s]) => s);
  return { subjects: sortedSubjects, grants: found.map((f) => f.grant) };
}

/** The roles that may allow a request: those whose rules name its resource (or a wildcard for it), or have URL rules. */
function candidateRoles(index: RbacIndex, request: AccessRequest): readonly RoleEntry[] {
  if (isNonResourceRequest(request)) return index.nonResourceRoles;
  const subresource = request.subresource ?? '';
  return index.rolesNaming(subresource === '' ? request.resource : `${request.resource}/${subresource}`, subresource);
}

/** A role that grants a request, with the matching rules. */
export interface RoleGrant {
  readonly role: ObjectRef;
  readonly builtIn: boolean;
  readonly aggregated: boolean;
  readonly rules: readonly GrantRule[];
  /** The bindings of the snapshot that reference the role. */
  readonly bindings: readonly ObjectRef[];
}

/**
 * Which roles grant this? Every ClusterRole, and every Role (only those of `namespace` when it is
 * given), whose effective rules allow the request, bound or not.
 */
export function rolesGranting(snapshot: Snapshot, query: WhoCanQuery | NonResourceWhoCanQuery): readonly RoleGrant[] {
  const index = rbacIndex(snapshot);
  const request = requestOf(query);
  const namespace = isNonResourceRequest(request) ? undefined : (query as WhoCanQuery).namespace;
  const out: RoleGrant[] = [];
  for (const role of candidateRoles(index, request)) {
    if (role.kind === 'Role' && (isNonResourceRequest(request) || (namespace !== undefined && namespace !== '' && role.namespace !== namespace))) continue;
    const rules = role.rules.filter((r) => ruleAllows(r.rule, request));
    if (rules.length === 0) continue;
    out.push({
      role: role.ref,
      builtIn: role.builtIn,
      aggregated: role.aggregationRule !== null,
      rules: rules.map(toGrantRule),
      bindings: index.bindingsOf(role).map((b) => b.ref),
    });
  }
  return out;
}

/** A User with the groups an authenticator would give it, or any subject. */
export type Identity = SubjectRef & { readonly groups?: readonly string[] };

/**
 * The groups Kubernetes puts an identity in, beside the groups it names: a ServiceAccount is in
 * `system:serviceaccounts`, `system:serviceaccounts:<namespace>` and `system:authenticated`; a
 * User is in `system:authenticated`, except `system:anonymous`, which is in `system:unauthenticated`.
 */
export function implicitGroups(identity: Identity): readonly string[] {
  if (identity.kind === 'Group') return [];
  if (identity.kind === 'ServiceAccount') {
    return ['system:serviceaccounts', `system:serviceaccounts:${identity.namespace ?? ''}`, 'system:authenticated'];
  }
  return identity.name === 'system:anonymous' ? ['system:unauthenticated'] : ['system:authenticated'];
}

/** A binding that applies to an identity, directly or through one of its groups. */
export interface HeldBinding {
  readonly binding: ObjectRef;
  /** The binding subject that matched: the identity itself or one of its groups. */
  readonly via: SubjectRef;
  readonly subjectPath: string;
  /** `null` when the binding references a role that does not exist. */
  readonly role: ObjectRef | null;
  readonly builtIn: boolean;
  readonly aggregated: boolean;
  /** Where it applies: the RoleBinding's namespace, or `null` for the whole cluster. */
  readonly namespace: string | null;
  /** The role's effective rules. */
  readonly rules: readonly GrantRule[];
}

export interface SubjectPermissions {
  readonly subject: SubjectRef;
  /** The groups considered: those the identity names plus its implicit ones. */
  readonly groups: readonly string[];
  readonly bindings: readonly HeldBinding[];
}

function heldBindings(index: RbacIndex, identity: Identity): { groups: string[]; held: { binding: BindingEntry; subject: SubjectEntry }[] } {
  const groups = identity.kind === 'Group' ? [] : [...new Set([...(identity.groups ?? []), ...implicitGroups(identity)])].sort(compare);
  const held = [...index.bindingsFor(identity)];
  for (const group of groups) held.push(...index.bindingsFor({ kind: 'Group', name: group }));
  return { groups, held };
}

/** The effective permissions of one identity: every binding that applies to it, with the role's rules and where they apply. */
export function permissionsOf(snapshot: Snapshot, identity: Identity): SubjectPermissions {
  const index = rbacIndex(snapshot);
  const { groups, held } = heldBindings(index, identity);
  return {
    subject: toSubjectRef(identity),
    groups,
    bindings: held.map(({ binding, subject }) => ({
      binding: binding.ref,
      via: toSubjectRef(subject),
      subjectPath: subject.path,
      role: binding.role?.ref ?? null,
      builtIn: binding.role?.builtIn ?? false,
      aggregated: binding.role !== null && binding.role.aggregationRule !== null,
      namespace: binding.namespace,
      rules: (binding.role?.rules ?? []).map(toGrantRule),
    })),
  };
}

export interface CanIResult {
  readonly allowed: boolean;
  readonly grants: readonly Grant[];
}

/** Whether an identity may do this, and through which bindings: `kubectl auth can-i` over the snapshot. */
export function canI(snapshot: Snapshot, identity: Identity, query: WhoCanQuery | NonResourceWhoCanQuery): CanIResult {
  const index = rbacIndex(snapshot);
  const request = requestOf(query);
  const namespace = isNonResourceRequest(request) ? undefined : (query as WhoCanQuery).namespace;
  const { held } = heldBindings(index, identity);
  const match = roleMatcher(request);
  const grants: Grant[] = [];
  for (const { binding, subject } of held) {
    if (binding.role === null) continue;
    if (binding.namespace !== null && (isNonResourceRequest(request) || binding.namespace !== namespace)) continue;
    const rules = match(binding.role);
    if (rules.length > 0) grants.push(grantOf(binding, binding.role, subject, rules));
  }
  return { allowed: grants.length > 0, grants };
}

/**
 * An access the CIS controls ask about, broader than one request: any of several verbs, any
 * object name, and optionally any subresource (`userextras/<key>`).
 */
export interface AccessPattern {
  readonly verbs: readonly string[];
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Any subresource of `resource`. */
  readonly anySubresource?: boolean;
  /** The request never carries a namespace (a cluster-scoped resource): Roles and RoleBindings cannot grant it. */
  readonly clusterScoped: boolean;
}

export interface PatternMatch {
  /** The pattern's verbs the rule allows. */
  readonly verbs: readonly string[];
  /** The rule only allows some object names (resourceNames). */
  readonly restricted: boolean;
}

/**
 * Whether a policy rule allows a pattern, for some object name: requests that carry no name
 * (create of a top-level resource, deletecollection) never match a rule with resourceNames.
 */
export function matchPattern(rule: PolicyRule, pattern: AccessPattern): PatternMatch | null {
  const subresource = pattern.subresource ?? '';
  let resourceOk: boolean;
  if (!apiGroupMatches(rule, pattern.apiGroup)) return null;
  if (pattern.anySubresource) {
    resourceOk = (rule.resources ?? []).some((r) => r === '*' || r.startsWith(`${pattern.resource}/`) || (r.startsWith('*/') && r.length > 2));
  } else {
    resourceOk = resourceMatches(rule, subresource === '' ? pattern.resource : `${pattern.resource}/${subresource}`, subresource);
  }
  if (!resourceOk) return null;
  const names = rule.resourceNames ?? [];
  const verbs: string[] = [];
  for (const verb of pattern.verbs) {
    if (!verbMatches(rule, verb)) continue;
    const nameless = (verb === 'create' && subresource === '' && !pattern.anySubresource) || verb === 'deletecollection';
    if (nameless && names.length > 0) continue;
    verbs.push(verb);
  }
  if (verbs.length === 0) return null;
  return { verbs, restricted: names.length > 0 };
}

export type { AccessRequest, NonResourceRequest };
