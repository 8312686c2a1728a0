import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { build, subject } from '@kubecis/testkit';
import { rbacIndex } from './rbac-index.js';

const secretRead = { apiGroups: [''], resources: ['secrets'], verbs: ['get'] };
const podRead = { apiGroups: [''], resources: ['pods'], verbs: ['list'] };
const rbacRef = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

const rulesOf = (objects: unknown[], name: string): unknown[] => {
  const role = rbacIndex(createSnapshot(objects)).role('ClusterRole', null, name);
  return (role?.rules ?? []).map((r) => r.rule);
};

describe('aggregated ClusterRoles', () => {
  it('take the union of the rules of every ClusterRole their selectors match, not their own', () => {
    const objects = [
      build.clusterRole({ name: 'agg', aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'x' } }, { matchExpressions: [{ key: 'b', operator: 'In', values: ['y'] }] }] }, rules: [podRead] }),
      build.clusterRole({ name: 'one', labels: { a: 'x' }, rules: [secretRead] }),
      build.clusterRole({ name: 'two', labels: { b: 'y' }, rules: [podRead] }),
      build.clusterRole({ name: 'other', labels: { a: 'z' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }),
    ];
    expect(rulesOf(objects, 'agg')).toEqual([secretRead, podRead]);
  });

  it('supports NotIn, Exists and DoesNotExist, ANDed within a selector', () => {
    const objects = [
      build.clusterRole({
        name: 'agg',
        aggregationRule: {
          clusterRoleSelectors: [
            { matchExpressions: [{ key: 'team', operator: 'Exists' }, { key: 'tier', operator: 'NotIn', values: ['prod'] }, { key: 'skip', operator: 'DoesNotExist' }] },
          ],
        },
      }),
      build.clusterRole({ name: 'dev', labels: { team: 'a', tier: 'dev' }, rules: [secretRead] }),
      build.clusterRole({ name: 'untiered', labels: { team: 'a' }, rules: [podRead] }),
      build.clusterRole({ name: 'prod', labels: { team: 'a', tier: 'prod' }, rules: [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }] }),
      build.clusterRole({ name: 'skipped', labels: { team: 'a', skip: '' }, rules: [{ verbs: ['patch'], apiGroups: [''], resources: ['pods'] }] }),
    ];
    expect(rulesOf(objects, 'agg')).toEqual([secretRead, podRead]);
  });

  it('an empty selector selects every other ClusterRole; aggregationRule without selectors gives no rules', () => {
    const objects = [
      build.clusterRole({ name: 'all', aggregationRule: { clusterRoleSelectors: [{}] } }),
      build.clusterRole({ name: 'none', aggregationRule: {}, rules: [secretRead] }),
      build.clusterRole({ name: 'leaf', rules: [podRead] }),
    ];
    const index = rbacIndex(createSnapshot(objects));
    expect(index.role('ClusterRole', null, 'none')?.rules).toEqual([]);
    const all = index.role('ClusterRole', null, 'all')!;
    expect(all.rules.map((r) => r.rule)).toContainEqual(podRead);
    // Built-in ClusterRoles are selected too (cluster-admin's rules arrive through the empty selector).
    expect(all.rules.some((r) => r.role.name === 'cluster-admin' && r.role.builtIn)).toBe(true);
    expect(all.aggregatedFrom.some((a) => a.role.name === 'all')).toBe(false);
  });

  it('chains resolve: an aggregated role selected by another passes on its aggregated rules', () => {
    const objects = [
      build.clusterRole({ name: 'top', aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to: 'top' } }] } }),
      build.clusterRole({ name: 'middle', labels: { to: 'top' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { to: 'middle' } }] }, rules: [podRead] }),
      build.clusterRole({ name: 'leaf', labels: { to: 'middle' }, rules: [secretRead] }),
    ];
    expect(rulesOf(objects, 'top')).toEqual([secretRead]);
    expect(rulesOf(objects, 'middle')).toEqual([secretRead]);
  });

  it('cycles terminate, and every role of a cycle gets what the cycle reaches', () => {
    const objects = [
      build.clusterRole({ name: 'a', labels: { ring: 'b' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'a' } }] }, rules: [podRead] }),
      build.clusterRole({ name: 'b', labels: { ring: 'a' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'b' } }, { matchLabels: { leaf: 'b' } }] } }),
      build.clusterRole({ name: 'self', labels: { me: 'yes' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { me: 'yes' } }] }, rules: [secretRead] }),
      build.clusterRole({ name: 'leaf', labels: { leaf: 'b' }, rules: [secretRead] }),
    ];
    expect(rulesOf(objects, 'a')).toEqual([secretRead]);
    expect(rulesOf(objects, 'b')).toEqual([secretRead]);
    // A role that only selects itself aggregates nothing: its own rules are overwritten.
    expect(rulesOf(objects, 'self')).toEqual([]);
  });

  it('user ClusterRoles labelled aggregate-to-edit flow into the built-in edit and admin', () => {
    const custom = { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['delete'] };
    const objects = [build.clusterRole({ name: 'widgets-edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, rules: [custom] })];
    const index = rbacIndex(createSnapshot(objects));
    for (const name of ['edit', 'admin']) {
      const role = index.role('ClusterRole', null, name)!;
      expect(role.builtIn).toBe(true);
      expect(role.rules.map((r) => r.rule)).toContainEqual(custom);
    }
    expect(index.role('ClusterRole', null, 'view')!.rules.map((r) => r.rule)).not.toContainEqual(custom);
  });

  it("the snapshot's definition of a built-in role wins", () => {
    const objects = [build.clusterRole({ name: 'view', rules: [secretRead] })];
    const view = rbacIndex(createSnapshot(objects)).role('ClusterRole', null, 'view')!;
    expect(view.builtIn).toBe(false);
    expect(view.aggregationRule).toBeNull();
    expect(view.rules.map((r) => r.rule)).toEqual([secretRead]);
  });
});

describe('bindings', () => {
  it('resolve Roles in their own namespace and ClusterRoles, and note what does not resolve', () => {
    const objects = [
      build.role({ name: 'reader', namespace: 'a', rules: [secretRead] }),
      build.roleBinding({ name: 'ok', namespace: 'a', roleRef: rbacRef('Role', 'reader'), subjects: [subject.user('alice')] }),
      build.roleBinding({ name: 'elsewhere', namespace: 'b', roleRef: rbacRef('Role', 'reader'), subjects: [subject.user('bob')] }),
      build.roleBinding({ name: 'to-view', namespace: 'b', roleRef: rbacRef('ClusterRole', 'view'), subjects: [subject.user('bob')] }),
      build.clusterRoleBinding({ name: 'to-role', roleRef: rbacRef('Role', 'reader'), subjects: [subject.user('carol')] }),
      build.clusterRoleBinding({ name: 'missing', roleRef: rbacRef('ClusterRole', 'nope'), subjects: [subject.user('carol')] }),
    ];
    const index = rbacIndex(createSnapshot(objects));
    const byName = new Map(index.bindings.map((b) => [b.name, b]));
    expect(byName.get('ok')?.role?.name).toBe('reader');
    expect(byName.get('elsewhere')?.role).toBeNull();
    expect(byName.get('to-view')?.role?.builtIn).toBe(true);
    expect(byName.get('to-role')?.role).toBeNull();
    expect(byName.get('missing')?.role).toBeNull();
    expect(index.notes.map((n) => n.object.name).sort()).toEqual(['elsewhere', 'missing', 'to-role']);
    expect(index.notes.every((n) => n.path === 'roleRef')).toBe(true);
  });

  it("default a ServiceAccount subject's namespace to the RoleBinding's, and drop it from ClusterRoleBindings", () => {
    const objects = [
      build.roleBinding({ name: 'rb', namespace: 'ci', roleRef: rbacRef('ClusterRole', 'view'), subjects: [{ kind: 'ServiceAccount', name: 'builder' }] }),
      build.clusterRoleBinding({ name: 'crb', roleRef: rbacRef('ClusterRole', 'view'), subjects: [{ kind: 'ServiceAccount', name: 'builder' }, { kind: 'Robot', name: 'r2' }] }),
    ];
    const index = rbacIndex(createSnapshot(objects));
    const rb = index.bindings.find((b) => b.name === 'rb')!;
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci', index: 0, path: 'subjects[0]', ref: { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' } }]);
    expect(index.bindings.find((b) => b.name === 'crb')!.subjects).toEqual([]);
    expect(index.notes.filter((n) => n.object.name === 'crb')).toHaveLength(2);
    expect(index.bindingsFor({ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }).map((h) => h.binding.name)).toEqual(['rb']);
  });

  it('is built once per snapshot', () => {
    const snapshot = createSnapshot([]);
    expect(rbacIndex(snapshot)).toBe(rbacIndex(snapshot));
  });
});
