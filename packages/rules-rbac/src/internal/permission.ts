import { bootstrapLabel, type Evidence, type MessageData, type RuleContext, type RuleFinding, type Severity, type Snapshot } from '@kubecis/core';
import { matchPattern, type AccessPattern, type PatternMatch } from '../engine/queries.js';
import { rbacIndex } from '../engine/rbac-index.js';
import { describeSubject, maxSeverity, shiftSeverity, subjectObjectRef, subjectReach } from '../engine/subjects.js';
import type { BindingEntry, RbacIndex, RoleEntry, RuleRef, SubjectEntry } from '../engine/types.js';

/** One kind of access a control is about, with the request patterns that give it. */
export interface Access {
  readonly id: string;
  readonly patterns: readonly AccessPattern[];
}

/** One policy rule of a role that gives an access. */
export interface RuleGrant {
  readonly ref: RuleRef;
  readonly access: string;
  readonly pattern: AccessPattern;
  readonly match: PatternMatch;
}

/**
 * A Kubernetes default role: built in (the snapshot does not define it) or defined in the snapshot
 * with the bootstrap label, as in a dump of a live cluster. Nobody edits those; the binding that
 * hands one out is what to fix, so grants through them are reported on the binding too.
 */
export function isDefaultRole(role: RoleEntry): boolean {
  return role.builtIn || role.labels[bootstrapLabel] === 'rbac-defaults';
}

/** Whether a grant can take effect through a role of this kind (a Role never grants cluster-scoped requests). */
const feasibleFor = (role: RoleEntry, pattern: AccessPattern): boolean => !(role.kind === 'Role' && pattern.clusterScoped);

/** The rules of a role (its effective rules) that give any of the accesses. */
export function roleGrants(role: RoleEntry, accesses: readonly Access[]): RuleGrant[] {
  const out: RuleGrant[] = [];
  for (const ref of role.rules) {
    for (const access of accesses) {
      for (const pattern of access.patterns) {
        if (!feasibleFor(role, pattern)) continue;
        const match = matchPattern(ref.rule, pattern);
        if (match) out.push({ ref, access: access.id, pattern, match });
      }
    }
  }
  return out;
}

/** The bindings of a role through which at least one of the grants takes effect (cluster-scoped grants need a ClusterRoleBinding). */
export function holdersOf(index: RbacIndex, role: RoleEntry, grants: readonly RuleGrant[]): BindingEntry[] {
  return index.bindingsOf(role).filter((binding) => grants.some((g) => !g.pattern.clusterScoped || binding.kind === 'ClusterRoleBinding'));
}

export function subjectsOf(bindings: readonly BindingEntry[]): SubjectEntry[] {
  const seen = new Map<string, SubjectEntry>();
  for (const binding of bindings) {
    for (const subject of binding.subjects) seen.set(`${subject.kind}|${subject.namespace ?? ''}|${subject.name}`, subject);
  }
  return [...seen.values()];
}

const groupLabel = (group: string): string => (group === '' ? '' : `.${group}`);

/** `get, list secrets`; `update certificatesigningrequests/approval.certificates.k8s.io`. */
export function describeAccess(grants: readonly RuleGrant[]): string {
  const parts = new Map<string, Set<string>>();
  for (const g of grants) {
    const p = g.pattern;
    const resource = `${p.resource}${p.anySubresource ? '/*' : p.subresource ? `/${p.subresource}` : ''}${groupLabel(p.apiGroup)}`;
    let verbs = parts.get(resource);
    if (!verbs) parts.set(resource, (verbs = new Set()));
    for (const v of g.match.verbs) verbs.add(v);
  }
  return [...parts.entries()].map(([resource, verbs]) => `${[...verbs].join(', ')} ${resource}`).join('; ');
}

const maxListed = 5;

function listOf(items: readonly string[]): string {
  if (items.length <= maxListed) return items.join(', ');
  return `${items.slice(0, maxListed).join(', ')} and ${String(items.length - maxListed)} more`;
}

/** `bound by RoleBinding team-a/readers to User alice` or `not bound`. */
export function describeHolders(bindings: readonly BindingEntry[]): string {
  if (bindings.length === 0) return 'not bound';
  const subjects = subjectsOf(bindings).map(describeSubject);
  const names = bindings.map((b) => `${b.kind} ${b.namespace === null ? '' : `${b.namespace}/`}${b.name}`);
  return `bound by ${listOf(names)}${subjects.length > 0 ? ` to ${listOf(subjects)}` : ' with no subjects'}`;
}

export function describeRole(role: RoleEntry): string {
  return role.kind === 'Role' ? `Role ${role.namespace ?? ''}/${role.name}` : `ClusterRole ${role.name}`;
}

/** Severity of a grant: `bound` when some binding with subjects holds it, one step lower otherwise; broad and anonymous subjects raise it. */
export function grantSeverity(base: Severity, holders: readonly BindingEntry[], restricted: boolean): Severity {
  const subjects = subjectsOf(holders);
  let severity = subjects.length > 0 ? base : shiftSeverity(base, -1);
  if (restricted) severity = shiftSeverity(severity, -1);
  if (subjects.some((s) => subjectReach(s) === 'everyone')) severity = maxSeverity(severity, shiftSeverity(base, 1));
  if (subjects.some((s) => subjectReach(s) === 'anonymous')) severity = 'critical';
  return severity;
}

export function bindingEvidence(bindings: readonly BindingEntry[]): Evidence[] {
  const evidence: Evidence[] = bindings.map((b) => ({ resource: b.ref, path: 'roleRef', relation: 'bound-by' }));
  for (const subject of subjectsOf(bindings)) evidence.push({ resource: subjectObjectRef(subject), path: null, relation: 'subject' });
  return evidence;
}

export function ruleEvidence(grants: readonly RuleGrant[], relation: string): Evidence[] {
  const seen = new Set<RuleRef>();
  const evidence: Evidence[] = [];
  for (const g of grants) {
    if (seen.has(g.ref)) continue;
    seen.add(g.ref);
    evidence.push({ resource: g.ref.role.ref, path: g.ref.path, relation, ...(g.ref.role.builtIn ? { builtIn: true as const } : {}) });
  }
  return evidence;
}

export interface PermissionSpec {
  readonly accesses: readonly Access[];
  /** The severity of a bound grant; unbound grants are one step lower. */
  readonly severity: Severity;
  /** The messageId for a finding, from the accesses it covers. Every message takes {role}, {access} and {holders} (and {binding} for bindings). */
  messageId(accesses: ReadonlySet<string>, target: 'rule' | 'aggregated' | 'binding', roleAccesses: ReadonlySet<string>): string;
  /** Extra severity steps for a finding (a conjunction of accesses, say); `roleAccesses` are those of the whole role. */
  adjust?(accesses: ReadonlySet<string>, holders: readonly BindingEntry[], roleAccesses: ReadonlySet<string>): number;
  readonly passMessageId: string;
  readonly ignoreUnbound?: boolean;
  /** Roles (ClusterRoles by name, Roles as namespace/name; globs not supported) the control accepts. */
  readonly allowRoles?: readonly string[];
}

function severityOf(spec: PermissionSpec, grants: readonly RuleGrant[], holders: readonly BindingEntry[], roleIds: ReadonlySet<string>): Severity {
  const ids = new Set(grants.map((g) => g.access));
  const restricted = grants.every((g) => g.match.restricted);
  const base = grantSeverity(spec.severity, holders, restricted);
  // A FAIL is at least low: `info` is for evidence.
  return maxSeverity('low', shiftSeverity(base, spec.adjust?.(ids, holders, roleIds) ?? 0));
}

const accessIds = (grants: readonly RuleGrant[]): Set<string> => new Set(grants.map((g) => g.access));

function allowed(spec: PermissionSpec, role: RoleEntry): boolean {
  const allow = spec.allowRoles ?? [];
  return allow.includes(role.kind === 'Role' ? `${role.namespace ?? ''}/${role.name}` : role.name);
}

/**
 * The findings of a permission control: a FAIL on each Role or ClusterRole of the snapshot that
 * gives the access (on the granting `rules[i]`, or on `aggregationRule` for an aggregated role),
 * bound or not, with its bindings and subjects as evidence; a FAIL on each binding whose roleRef
 * is a Kubernetes built-in role that gives it; a PASS when nothing does.
 */
export function* permissionFindings<O>(snapshot: Snapshot, context: RuleContext<O>, spec: PermissionSpec): Generator<RuleFinding> {
  const index = rbacIndex(snapshot);
  let failed = 0;
  let checked = 0;
  for (const role of index.roles) {
    if (role.object === null) continue;
    checked++;
    if (allowed(spec, role)) continue;
    const grants = roleGrants(role, spec.accesses);
    if (grants.length === 0) continue;
    const roleIds = accessIds(grants);
    if (role.aggregationRule !== null) {
      const holders = holdersOf(index, role, grants);
      if (spec.ignoreUnbound && subjectsOf(holders).length === 0) continue;
      failed++;
      yield context.fail({
        messageId: spec.messageId(roleIds, 'aggregated', roleIds),
        data: findingData(role, grants, holders),
        resource: role.object,
        path: 'aggregationRule',
        severity: severityOf(spec, grants, holders, roleIds),
        evidence: [...ruleEvidence(grants, 'aggregated-from'), ...bindingEvidence(holders)],
      });
      continue;
    }
    const byRule = new Map<RuleRef, RuleGrant[]>();
    for (const g of grants) {
      const list = byRule.get(g.ref);
      if (list) list.push(g);
      else byRule.set(g.ref, [g]);
    }
    for (const [ref, ruleGrantList] of byRule) {
      const holders = holdersOf(index, role, ruleGrantList);
      if (spec.ignoreUnbound && subjectsOf(holders).length === 0) continue;
      failed++;
      yield context.fail({
        messageId: spec.messageId(accessIds(ruleGrantList), 'rule', roleIds),
        data: findingData(role, ruleGrantList, holders),
        resource: role.object,
        path: ref.path,
        severity: severityOf(spec, ruleGrantList, holders, roleIds),
        evidence: bindingEvidence(holders),
      });
    }
  }
  // Bindings to Kubernetes' default roles: the binding is the object to fix.
  for (const binding of index.bindings) {
    const role = binding.role;
    if (role === null || !isDefaultRole(role) || allowed(spec, role)) continue;
    const grants = roleGrants(role, spec.accesses).filter((g) => !g.pattern.clusterScoped || binding.kind === 'ClusterRoleBinding');
    if (grants.length === 0) continue;
    if (spec.ignoreUnbound && binding.subjects.length === 0) continue;
    failed++;
    yield context.fail({
      messageId: spec.messageId(accessIds(grants), 'binding', accessIds(grants)),
      data: { ...findingData(role, grants, [binding]), binding: `${binding.kind} ${binding.namespace === null ? '' : `${binding.namespace}/`}${binding.name}` },
      resource: binding.object,
      path: 'roleRef',
      severity: severityOf(spec, grants, [binding], accessIds(grants)),
      evidence: [...ruleEvidence(grants, 'granted-by'), ...bindingEvidence([binding]).filter((e) => e.relation === 'subject')],
    });
  }
  if (failed === 0) yield context.pass({ messageId: spec.passMessageId, data: { count: checked } });
}

function findingData(role: RoleEntry, grants: readonly RuleGrant[], holders: readonly BindingEntry[]): MessageData {
  return { role: describeRole(role), access: describeAccess(grants), holders: describeHolders(holders) };
}
