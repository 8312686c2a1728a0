import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { createSnapshot, matchesLabelSelector, type LabelSelector, type PolicyRule } from '@kubecis/core';
import { builtInRoles } from './builtin-roles.js';
import { ruleAllows, type AccessRequest } from './match.js';
import { whoCan } from './queries.js';
import { rbacIndex } from './rbac-index.js';

// A reference written straight from the authorizer's rules (plugin/pkg/auth/authorizer/rbac,
// RuleAllows and the rbac/v1 helpers), as plainly as possible, to check the engine against.
function referenceAllows(rule: PolicyRule, request: AccessRequest): boolean {
  const verbs = rule.verbs;
  const verbOk = verbs.includes('*') || verbs.includes(request.verb);
  if ('nonResourceURL' in request) {
    const path = request.nonResourceURL;
    const urls = rule.nonResourceURLs ?? [];
    return verbOk && urls.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
  }
  const group = request.apiGroup ?? '';
  const sub = request.subresource ?? '';
  const combined = sub === '' ? request.resource : `${request.resource}/${sub}`;
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  const names = rule.resourceNames ?? [];
  const groupOk = groups.includes('*') || groups.includes(group);
  const resourceOk = resources.includes('*') || resources.includes(combined) || (sub !== '' && resources.includes(`*/${sub}`));
  const nameOk = names.length === 0 || names.includes(request.name ?? '');
  return verbOk && groupOk && resourceOk && nameOk;
}

const verbs = ['get', 'list', 'create', 'delete', '*', 'GET', 'escalate'];
const groups = ['', 'apps', '*', 'rbac.authorization.k8s.io'];
const resources = ['pods', 'secrets', '*', '*/exec', '*/', 'pods/exec', 'secrets/*', 'pods/*', 'deployments', 'deployments/scale', '*/scale', 'roles'];
const names = ['a', 'b', '*', ''];
const urls = ['/metrics', '/metrics*', '*', '/api/*', '/api', '/healthz**'];

/** A field drawn from its vocabulary, half the time just the common value so that rules and requests meet. */
const field = (vocabulary: readonly string[], common: string): fc.Arbitrary<string[]> =>
  fc.oneof(fc.subarray([...vocabulary]), fc.constant<string[]>([common]), fc.constant<string[]>([common, '*']));

const ruleArb: fc.Arbitrary<PolicyRule> = fc
  .record(
    {
      verbs: field(verbs, 'get'),
      apiGroups: field(groups, ''),
      resources: field(resources, 'pods'),
      resourceNames: fc.subarray(names),
      nonResourceURLs: fc.subarray(urls),
    },
    { requiredKeys: ['verbs'] },
  )
  .map((r) => r as PolicyRule);

const often = <T>(common: T, others: readonly T[]): fc.Arbitrary<T> => fc.oneof({ weight: 2, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

const requestArb: fc.Arbitrary<AccessRequest> = fc.oneof(
  { weight: 4, arbitrary: fc.record(
    {
      verb: often('get', ['list', 'create', 'delete', 'GET', 'escalate', '*']),
      apiGroup: often('', ['apps', 'rbac.authorization.k8s.io', 'batch']),
      resource: often('pods', ['secrets', 'deployments', 'roles', '*']),
      subresource: often('', ['exec', 'scale', '*', 'status']),
      name: often('', ['a', 'b', '*']),
    },
    { requiredKeys: ['verb', 'resource'] },
  ) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constantFrom('get', 'post', '*'), nonResourceURL: fc.constantFrom('/metrics', '/metrics/slis', '/api', '/api/v1', '/healthz', '/') }) },
);

describe('the engine agrees with a reference matcher written from the authorizer', () => {
  test.prop([ruleArb, requestArb], { numRuns: 2000 })('on random rules and requests', (rule, request) => {
    expect(ruleAllows(rule, request)).toBe(referenceAllows(rule, request));
  });

  test.prop([ruleArb, requestArb])('adding * to verbs, apiGroups or resources never takes a grant away', (rule, request) => {
    if (!ruleAllows(rule, request)) return;
    for (const field of ['verbs', 'apiGroups', 'resources'] as const) {
      expect(ruleAllows({ ...rule, [field]: [...(rule[field] ?? []), '*'] }, request)).toBe(true);
    }
  });

  test.prop([ruleArb, fc.constantFrom('get', 'list', 'watch'), fc.constantFrom('', 'x')])('a literal secrets/* never grants access to secrets', (rule, verb, name) => {
    const literal: PolicyRule = { ...rule, resources: [...(rule.resources ?? []).filter((r) => r === 'secrets/*' || !(r === 'secrets' || r === '*')), 'secrets/*'] };
    expect(ruleAllows(literal, { verb, resource: 'secrets', ...(name ? { name } : {}) })).toBe(false);
  });
});

// whoCan against a brute-force model: every binding, its role resolved by name (snapshot first,
// then the built-in roles), aggregation by naive iteration to a fixed point, the reference
// matcher, and the authorizer's scoping (ClusterRoleBindings everywhere, RoleBindings in their
// namespace, ServiceAccount subjects defaulting to the RoleBinding's namespace).
type Obj = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };

function referenceWhoCan(objects: readonly Obj[], request: AccessRequest, namespace: string | undefined): string[] {
  const ns = (o: Obj): string => o.metadata.namespace ?? 'default';
  const clusterRoles = new Map<string, Obj>();
  for (const b of builtInRoles) if (b.kind === 'ClusterRole') clusterRoles.set(b.metadata.name, b as unknown as Obj);
  for (const o of objects) if (o.kind === 'ClusterRole') clusterRoles.set(o.metadata.name, o);
  const roles = new Map<string, Obj>();
  for (const b of builtInRoles) if (b.kind === 'Role') roles.set(`${b.metadata.namespace ?? ''}/${b.metadata.name}`, b as unknown as Obj);
  for (const o of objects) if (o.kind === 'Role') roles.set(`${ns(o)}/${o.metadata.name}`, o);

  const aggregated = [...clusterRoles.values()].filter((r) => r['aggregationRule'] !== undefined && r['aggregationRule'] !== null);
  const effective = new Map<Obj, PolicyRule[]>();
  for (const r of clusterRoles.values()) effective.set(r, aggregated.includes(r) ? [] : ((r['rules'] as PolicyRule[] | null | undefined) ?? []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of aggregated) {
      const selectors = ((r['aggregationRule'] as { clusterRoleSelectors?: LabelSelector[] }).clusterRoleSelectors ?? []);
      const union = new Set<PolicyRule>();
      for (const s of selectors) for (const other of clusterRoles.values()) if (other !== r && matchesLabelSelector(other.metadata.labels, s)) for (const x of effective.get(other) ?? []) union.add(x);
      if (union.size !== effective.get(r)!.length) {
        effective.set(r, [...union]);
        changed = true;
      }
    }
  }

  const out = new Set<string>();
  for (const b of objects) {
    if (b.kind !== 'RoleBinding' && b.kind !== 'ClusterRoleBinding') continue;
    const bns = b.kind === 'RoleBinding' ? ns(b) : null;
    if (bns !== null && (namespace === undefined || bns !== namespace || 'nonResourceURL' in request)) continue;
    const ref = b['roleRef'] as { kind: string; name: string };
    const role = ref.kind === 'ClusterRole' ? clusterRoles.get(ref.name) : ref.kind === 'Role' && bns !== null ? roles.get(`${bns}/${ref.name}`) : undefined;
    if (!role) continue;
    const rules = role.kind === 'ClusterRole' ? (effective.get(role) ?? []) : ((role['rules'] as PolicyRule[] | undefined) ?? []);
    if (!rules.some((rule) => referenceAllows(rule, request))) continue;
    for (const s of (b['subjects'] as { kind: string; name: string; namespace?: string }[] | undefined) ?? []) {
      if (s.kind === 'ServiceAccount') {
        const sns = s.namespace ?? bns;
        if (sns === null) continue;
        out.add(`ServiceAccount/${sns}/${s.name}`);
      } else if (s.kind === 'User' || s.kind === 'Group') out.add(`${s.kind}//${s.name}`);
    }
  }
  return [...out].sort();
}

const nsArb = fc.constantFrom('default', 'team-a', 'team-b');
const labelArb = fc.option(fc.constantFrom({ agg: 'x' }, { agg: 'y' }, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, { agg: 'x', tier: 'one' }), { nil: undefined });
const selectorArb: fc.Arbitrary<LabelSelector> = fc.constantFrom(
  { matchLabels: { agg: 'x' } },
  { matchLabels: { agg: 'y' } },
  { matchExpressions: [{ key: 'agg', operator: 'In' as const, values: ['x', 'y'] }] },
  { matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] },
  { matchExpressions: [{ key: 'agg', operator: 'NotIn' as const, values: ['x'] }, { key: 'agg', operator: 'Exists' as const }] },
);
const roleName = fc.constantFrom('r1', 'r2', 'edit', 'view', 'cluster-admin');
const rbacObjectArb: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ name: roleName, namespace: nsArb, rules: fc.array(ruleArb, { maxLength: 3 }) }).map(({ name, namespace, rules }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules,
  })) },
  { weight: 2, arbitrary: fc.record({ name: roleName, labels: labelArb, rules: fc.array(ruleArb, { maxLength: 3 }), selectors: fc.option(fc.array(selectorArb, { maxLength: 2 }), { nil: undefined }) }).map(({ name, labels, rules, selectors }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules,
    ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
  })) },
  { weight: 4, arbitrary: fc.record({
    name: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5'),
    namespace: nsArb,
    cluster: fc.boolean(),
    ref: fc.record({ kind: fc.constantFrom('Role', 'ClusterRole'), name: roleName }),
    subjects: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constantFrom('User', 'Group'), name: fc.constantFrom('alice', 'devs', 'system:authenticated') }),
        fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('default', 'ci'), namespace: fc.option(nsArb, { nil: undefined }) }, { requiredKeys: ['kind', 'name'] }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }).map(({ name, namespace, cluster, ref, subjects }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: cluster ? { name } : { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...ref },
    subjects: subjects.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
  })) },
);

/** The last object of an identity wins in a snapshot; keep the first of each so both models see the same objects. */
function unique(objects: readonly Obj[]): Obj[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const key = `${o.kind}/${o.kind === 'Role' || o.kind === 'RoleBinding' ? (o.metadata.namespace ?? 'default') : ''}/${o.metadata.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('whoCan agrees with a brute-force model of the authorizer', () => {
  test.prop([fc.array(rbacObjectArb, { maxLength: 14 }).map(unique), requestArb, fc.option(nsArb, { nil: undefined })], { numRuns: 500 })(
    'on random roles, aggregations, bindings and requests',
    (objects, request, namespace) => {
      const snapshot = createSnapshot(objects);
      const query = 'nonResourceURL' in request ? request : { ...request, ...(namespace === undefined ? {} : { namespace }) };
      const actual = whoCan(snapshot, query).subjects.map((s) => `${s.kind}/${s.namespace ?? ''}/${s.name}`).sort();
      expect(actual).toEqual(referenceWhoCan(objects, request, namespace));
    },
  );

  test.prop([fc.array(rbacObjectArb, { maxLength: 12 }).map(unique)])('an aggregated role takes rules only from the roles it selects, never its own', (objects) => {
    const index = rbacIndex(createSnapshot(objects));
    for (const role of index.roles) {
      if (role.kind !== 'ClusterRole') continue;
      // Every rule the index gives an aggregated role comes from a role its selectors match, never itself.
      for (const r of role.rules) {
        if (role.aggregationRule === null) expect(r.role).toBe(role);
        else expect(r.role).not.toBe(role);
      }
    }
  });
});

