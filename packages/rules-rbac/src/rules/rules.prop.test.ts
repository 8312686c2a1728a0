import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate, type Finding } from '@kubecis/core';
import { arb } from '@kubecis/testkit';
import { pack, whoCan } from '../index.js';
import { noSecretRead } from './no-secret-read.js';
import { noUnneededTokenMount } from './no-unneeded-token-mount.js';

type Obj = Record<string, unknown>;

const fails = (objects: readonly unknown[], rules = pack.rules): Finding[] =>
  evaluate(createSnapshot(objects), [...rules], { strict: true })
    .controls.flatMap((c) => c.findings)
    .filter((f) => f.status === 'FAIL');

/** A finding's identity for monotonicity: rule, object, and the policy rule (or binding field) it points at. */
const identity = (f: Finding): string => {
  const anchor = /^(rules\[\d+\]|aggregationRule|roleRef|subjects\[\d+\])/.exec(f.path ?? '')?.[1] ?? f.path ?? '';
  return `${f.ruleId}|${f.resource?.kind ?? ''}|${f.resource?.namespace ?? ''}|${f.resource?.name ?? ''}|${anchor}`;
};

const rbacObjects = arb.snapshotObjects({
  of: fc.oneof(arb.role(), arb.clusterRole(), arb.roleBinding(), arb.clusterRoleBinding(), arb.serviceAccount(), arb.workload()),
  maxLength: 10,
});

describe('wildcards only ever add findings', () => {
  // 5.1.6 is the one control where more rights mean fewer findings (a token is "needed" once its account has rights).
  const monotone = pack.rules.filter((r) => r !== noUnneededTokenMount);

  test.prop([rbacObjects, fc.nat(), fc.nat(), fc.constantFrom('verbs', 'apiGroups', 'resources')], { numRuns: 60 })(
    'adding * to the verbs, apiGroups or resources of any rule never removes a finding',
    (objects, pickRole, pickRule, field) => {
      const roles = objects.filter((o) => (o['kind'] === 'Role' || o['kind'] === 'ClusterRole') && Array.isArray(o['rules']) && (o['rules'] as unknown[]).length > 0);
      if (roles.length === 0) return;
      const target = roles[pickRole % roles.length]!;
      const rules = target['rules'] as Obj[];
      const index = pickRule % rules.length;
      const widened = objects.map((o) =>
        o === target
          ? { ...o, rules: rules.map((r, i) => (i === index ? { ...r, [field]: [...((r[field] as string[] | undefined) ?? []), '*'] } : r)) }
          : o,
      );
      const before = new Set(fails(objects, monotone).map(identity));
      const after = new Set(fails(widened, monotone).map(identity));
      for (const id of before) expect(after, `lost ${id}`).toContain(id);
    },
  );
});

const rbac = 'rbac.authorization.k8s.io/v1';
const ref = (kind: string, name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

/** Roles and bindings that never grant access to secrets: resources avoid secrets and *, whatever the verbs and groups. */
const safeRule = fc.record({
  verbs: fc.subarray(['get', 'list', 'watch', '*', 'create'], { minLength: 1 }),
  apiGroups: fc.subarray(['', '*', 'apps'], { minLength: 1 }),
  resources: fc.subarray(['pods', 'configmaps', 'secrets/*', 'deployments', 'pods/*', '*/scale', 'secrets/status'], { minLength: 1 }),
});
const nsArb = fc.constantFrom('team-a', 'team-b', 'default');
const safeObjects: fc.Arbitrary<Obj[]> = fc.array(
  fc.oneof(
    fc.record({ name: fc.constantFrom('s1', 's2'), ns: nsArb, rules: fc.array(safeRule, { maxLength: 3 }) }).map(({ name, ns, rules }): Obj => ({ apiVersion: rbac, kind: 'Role', metadata: { name, namespace: ns }, rules })),
    fc.record({ name: fc.constantFrom('c1', 'c2'), rules: fc.array(safeRule, { maxLength: 3 }) }).map(({ name, rules }): Obj => ({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name }, rules })),
    fc.record({ name: fc.constantFrom('b1', 'b2'), ns: nsArb, role: fc.constantFrom(ref('Role', 's1'), ref('ClusterRole', 'c1'), ref('ClusterRole', 'view')) }).map(
      ({ name, ns, role }): Obj => ({ apiVersion: rbac, kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: role, subjects: [{ kind: 'User', name: 'noise' }] }),
    ),
    fc.record({ name: fc.constantFrom('cb1', 'cb2'), role: fc.constantFrom(ref('ClusterRole', 'c2'), ref('ClusterRole', 'view')) }).map(
      ({ name, role }): Obj => ({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: role, subjects: [{ kind: 'Group', name: 'noise' }] }),
    ),
  ),
  { maxLength: 6 },
);

describe('secret access: a literal secrets/* never grants it', () => {
  test.prop([safeObjects, fc.constantFrom('get', 'list', 'watch'), nsArb], { numRuns: 80 })('no finding, and nobody can read secrets', (objects, verb, namespace) => {
    expect(fails(objects, [noSecretRead])).toEqual([]);
    const snapshot = createSnapshot(objects);
    expect(whoCan(snapshot, { verb, resource: 'secrets', namespace }).subjects).toEqual([]);
    expect(whoCan(snapshot, { verb, resource: 'secrets' }).subjects).toEqual([]);
  });
});

/** One way to reach get/list/watch on secrets, the objects that make it, and the same objects with the grant removed. */
interface Way {
  readonly objects: Obj[];
  readonly without: Obj[];
  /** Where the finding lands. */
  readonly reported: readonly { kind: string; name: string }[];
  /** Whether the grant is cluster-wide (then whoCan without a namespace sees it). */
  readonly clusterWide: boolean;
}

const wayArb = fc
  .record({
    way: fc.constantFrom('role', 'star-verbs', 'star-resources', 'star-groups', 'rolebinding-to-clusterrole', 'clusterrolebinding', 'aggregation', 'builtin-edit', 'aggregated-into-view'),
    verb: fc.constantFrom('get', 'list', 'watch'),
    ns: nsArb,
    subject: fc.constantFrom({ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' }),
  })
  .map(({ way, verb, ns, subject }): Way & { verb: string; ns: string; subject: { kind: string; name: string; namespace?: string } } => {
    const grant = { apiGroups: [''], resources: ['secrets'], verbs: [verb] };
    const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', role: { kind: string; name: string }): Obj => ({
      apiVersion: rbac,
      kind,
      metadata: kind === 'RoleBinding' ? { name: 'grant', namespace: ns } : { name: 'grant' },
      roleRef: ref(role.kind, role.name),
      subjects: [subject],
    });
    const role = (rules: Obj[]): Obj => ({ apiVersion: rbac, kind: 'Role', metadata: { name: 'reader', namespace: ns }, rules });
    const clusterRole = (name: string, rules: Obj[], labels?: Record<string, string>): Obj => ({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules });
    const base = { verb, ns, subject };
    switch (way) {
      case 'role':
      case 'star-verbs':
      case 'star-resources':
      case 'star-groups': {
        const rule = way === 'star-verbs' ? { ...grant, verbs: ['*'] } : way === 'star-resources' ? { ...grant, resources: ['*'] } : way === 'star-groups' ? { ...grant, apiGroups: ['*'] } : grant;
        const b = binding('RoleBinding', { kind: 'Role', name: 'reader' });
        return { ...base, objects: [role([rule]), b], without: [role([]), b], reported: [{ kind: 'Role', name: 'reader' }], clusterWide: false };
      }
      case 'rolebinding-to-clusterrole':
      case 'clusterrolebinding': {
        const b = binding(way === 'clusterrolebinding' ? 'ClusterRoleBinding' : 'RoleBinding', { kind: 'ClusterRole', name: 'reader' });
        return { ...base, objects: [clusterRole('reader', [grant]), b], without: [clusterRole('reader', []), b], reported: [{ kind: 'ClusterRole', name: 'reader' }], clusterWide: way === 'clusterrolebinding' };
      }
      case 'aggregation': {
        const agg: Obj = { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/agg': 'true' } }] } };
        const b = binding('RoleBinding', { kind: 'ClusterRole', name: 'agg' });
        return {
          ...base,
          objects: [agg, clusterRole('source', [grant], { 'example.com/agg': 'true' }), b],
          without: [agg, clusterRole('source', [], { 'example.com/agg': 'true' }), b],
          reported: [{ kind: 'ClusterRole', name: 'agg' }, { kind: 'ClusterRole', name: 'source' }],
          clusterWide: false,
        };
      }
      case 'builtin-edit':
        return {
          ...base,
          objects: [binding('RoleBinding', { kind: 'ClusterRole', name: 'edit' })],
          without: [binding('RoleBinding', { kind: 'ClusterRole', name: 'view' })],
          reported: [{ kind: 'RoleBinding', name: 'grant' }],
          clusterWide: false,
        };
      default: {
        const b = binding('RoleBinding', { kind: 'ClusterRole', name: 'view' });
        const label = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };
        return { ...base, objects: [clusterRole('leak', [grant], label), b], without: [clusterRole('leak', [], label), b], reported: [{ kind: 'ClusterRole', name: 'leak' }, { kind: 'RoleBinding', name: 'grant' }], clusterWide: false };
      }
    }
  });

const key = (s: { kind: string; name: string; namespace?: string }): string => `${s.kind}/${s.namespace ?? ''}/${s.name}`;

describe('secret access: every way to reach it is found, and removing the grant removes the finding', () => {
  test.prop([wayArb, safeObjects], { numRuns: 150 })('direct, * verbs/resources/groups, aggregation, RoleBinding to a ClusterRole, built-in roles', (way, noise) => {
    const objects = [...noise.filter((o) => o['kind'] !== 'RoleBinding' || (o['metadata'] as Obj)['name'] !== 'grant'), ...way.objects];
    const found = fails(objects, [noSecretRead]);
    for (const expected of way.reported) {
      expect(found.some((f) => f.resource?.kind === expected.kind && f.resource.name === expected.name), `${expected.kind} ${expected.name}`).toBe(true);
    }
    const snapshot = createSnapshot(objects);
    const holders = whoCan(snapshot, { verb: way.verb, resource: 'secrets', namespace: way.ns }).subjects.map(key);
    expect(holders).toContain(key(way.subject));
    const clusterWide = whoCan(snapshot, { verb: way.verb, resource: 'secrets' }).subjects.map(key);
    expect(clusterWide.includes(key(way.subject))).toBe(way.clusterWide);
    const elsewhere = whoCan(snapshot, { verb: way.verb, resource: 'secrets', namespace: way.ns === 'team-b' ? 'team-a' : 'team-b' }).subjects.map(key);
    expect(elsewhere.includes(key(way.subject))).toBe(way.clusterWide);

    const removed = [...noise.filter((o) => o['kind'] !== 'RoleBinding' || (o['metadata'] as Obj)['name'] !== 'grant'), ...way.without];
    expect(fails(removed, [noSecretRead])).toEqual([]);
    expect(whoCan(createSnapshot(removed), { verb: way.verb, resource: 'secrets', namespace: way.ns }).subjects.map(key)).not.toContain(key(way.subject));
  });
});
