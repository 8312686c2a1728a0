import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { build, subject } from '@kubecis/testkit';
import { canI, matchPattern, permissionsOf, rolesGranting, whoCan } from './queries.js';

const rbacRef = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
const secretRead = { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] };

const cluster = createSnapshot([
  build.clusterRole({ name: 'secret-reader', rules: [secretRead] }),
  build.role({ name: 'pod-exec', namespace: 'team-a', rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] }),
  build.clusterRoleBinding({ name: 'global-readers', roleRef: rbacRef('ClusterRole', 'secret-reader'), subjects: [subject.group('auditors')] }),
  build.roleBinding({ name: 'local-readers', namespace: 'team-a', roleRef: rbacRef('ClusterRole', 'secret-reader'), subjects: [subject.user('alice'), { kind: 'ServiceAccount', name: 'ci' }] }),
  build.roleBinding({ name: 'execs', namespace: 'team-a', roleRef: rbacRef('Role', 'pod-exec'), subjects: [subject.user('alice')] }),
  build.roleBinding({ name: 'editors', namespace: 'team-b', roleRef: rbacRef('ClusterRole', 'edit'), subjects: [subject.user('bob')] }),
  build.clusterRoleBinding({ name: 'viewers', roleRef: rbacRef('ClusterRole', 'view'), subjects: [subject.group('everyone')] }),
]);

describe('whoCan', () => {
  it('without a namespace counts only ClusterRoleBindings', () => {
    expect(whoCan(cluster, { verb: 'get', resource: 'secrets' }).subjects).toEqual([{ kind: 'Group', name: 'auditors' }]);
  });

  it('with a namespace adds that namespace’s RoleBindings, a RoleBinding to a ClusterRole granting only there', () => {
    expect(whoCan(cluster, { verb: 'list', resource: 'secrets', namespace: 'team-a' }).subjects).toEqual([
      { kind: 'Group', name: 'auditors' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' },
      { kind: 'User', name: 'alice' },
    ]);
    expect(whoCan(cluster, { verb: 'list', resource: 'secrets', namespace: 'team-c' }).subjects).toEqual([{ kind: 'Group', name: 'auditors' }]);
  });

  it('reports the grants: binding, role, rule, scope and built-in roles', () => {
    const result = whoCan(cluster, { verb: 'get', resource: 'secrets', namespace: 'team-b' });
    expect(result.subjects).toEqual([
      { kind: 'Group', name: 'auditors' },
      { kind: 'User', name: 'bob' },
    ]);
    const bob = result.grants.find((g) => g.subject.name === 'bob')!;
    expect(bob).toMatchObject({
      binding: { kind: 'RoleBinding', namespace: 'team-b', name: 'editors' },
      role: { kind: 'ClusterRole', name: 'edit', namespace: null },
      builtIn: true,
      aggregated: true,
      namespace: 'team-b',
      subjectPath: 'subjects[0]',
    });
    expect(bob.rules[0]).toMatchObject({ role: { name: 'system:aggregate-to-edit' }, builtIn: true, path: 'rules[0]' });
    const auditors = result.grants.find((g) => g.subject.name === 'auditors')!;
    expect(auditors).toMatchObject({ binding: { kind: 'ClusterRoleBinding', name: 'global-readers', namespace: null }, builtIn: false, namespace: null });
  });

  it('matches subresources and groups exactly', () => {
    expect(whoCan(cluster, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'team-a' }).subjects).toEqual([{ kind: 'User', name: 'alice' }]);
    expect(whoCan(cluster, { verb: 'create', resource: 'pods/exec', namespace: 'team-a' }).subjects).toEqual([{ kind: 'User', name: 'alice' }]);
    expect(whoCan(cluster, { verb: 'create', resource: 'pods', namespace: 'team-a' }).subjects).toEqual([]);
    expect(whoCan(cluster, { verb: 'get', resource: 'secrets', apiGroup: 'apps', namespace: 'team-a' }).subjects).toEqual([]);
    // view reads pods cluster-wide through its ClusterRoleBinding.
    expect(whoCan(cluster, { verb: 'get', resource: 'pods' }).subjects).toEqual([{ kind: 'Group', name: 'everyone' }]);
  });

  it('honours resourceNames only for requests that name an object', () => {
    const snapshot = createSnapshot([
      build.clusterRole({ name: 'one-secret', rules: [{ ...secretRead, resourceNames: ['tls'] }] }),
      build.clusterRoleBinding({ name: 'b', roleRef: rbacRef('ClusterRole', 'one-secret'), subjects: [subject.user('u')] }),
    ]);
    expect(whoCan(snapshot, { verb: 'get', resource: 'secrets' }).subjects).toEqual([]);
    expect(whoCan(snapshot, { verb: 'get', resource: 'secrets', name: 'tls' }).subjects).toEqual([{ kind: 'User', name: 'u' }]);
    expect(whoCan(snapshot, { verb: 'get', resource: 'secrets', name: 'other' }).subjects).toEqual([]);
  });

  it('answers non-resource URLs through ClusterRoleBindings only', () => {
    const snapshot = createSnapshot([
      build.clusterRole({ name: 'metrics', rules: [{ nonResourceURLs: ['/metrics*'], verbs: ['get'] }] }),
      build.clusterRoleBinding({ name: 'crb', roleRef: rbacRef('ClusterRole', 'metrics'), subjects: [subject.user('prom')] }),
      build.roleBinding({ name: 'rb', namespace: 'x', roleRef: rbacRef('ClusterRole', 'metrics'), subjects: [subject.user('other')] }),
    ]);
    expect(whoCan(snapshot, { verb: 'get', nonResourceURL: '/metrics/slis' }).subjects).toEqual([{ kind: 'User', name: 'prom' }]);
  });

  it('dedupes subjects held through several bindings, and never throws on an empty snapshot', () => {
    const snapshot = createSnapshot([
      build.clusterRoleBinding({ name: 'a', roleRef: rbacRef('ClusterRole', 'cluster-admin'), subjects: [subject.user('root')] }),
      build.clusterRoleBinding({ name: 'b', roleRef: rbacRef('ClusterRole', 'admin'), subjects: [subject.user('root')] }),
    ]);
    const result = whoCan(snapshot, { verb: 'delete', resource: 'pods', namespace: 'x' });
    expect(result.subjects).toEqual([{ kind: 'User', name: 'root' }]);
    expect(result.grants.map((g) => g.binding.name)).toEqual(['a', 'b']);
    expect(whoCan(createSnapshot([]), { verb: 'get', resource: 'pods' })).toEqual({ subjects: [], grants: [] });
  });

  it('gives the same answer whether it reads roles first or bindings first', () => {
    // Many bindings of a secret reader elsewhere (reading by binding is cheaper), or many unrelated bindings here (reading by role is cheaper).
    const reader = build.clusterRole({ name: 'reader', rules: [secretRead] });
    const other = build.clusterRole({ name: 'other', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    const many = (namespace: string, role: string, count: number) =>
      Array.from({ length: count }, (_, i) => build.roleBinding({ name: `b${String(i)}`, namespace, roleRef: rbacRef('ClusterRole', role), subjects: [subject.user(`u${String(i)}`)] }));
    const crb = build.clusterRoleBinding({ name: 'global', roleRef: rbacRef('ClusterRole', 'reader'), subjects: [subject.group('auditors')] });
    const local = build.roleBinding({ name: 'local', namespace: 'x', roleRef: rbacRef('ClusterRole', 'reader'), subjects: [subject.user('alice')] });
    const byBinding = createSnapshot([reader, other, crb, local, ...many('elsewhere', 'reader', 20)]);
    const byRole = createSnapshot([reader, other, crb, local, ...many('x', 'other', 20)]);
    for (const snapshot of [byBinding, byRole]) {
      const result = whoCan(snapshot, { verb: 'get', resource: 'secrets', namespace: 'x' });
      expect(result.subjects).toEqual([{ kind: 'Group', name: 'auditors' }, { kind: 'User', name: 'alice' }]);
      expect(result.grants.map((g) => g.binding.name)).toEqual(['global', 'local']);
    }
  });
});

describe('rolesGranting', () => {
  it('lists every role that grants the request, bound or not, with its bindings', () => {
    const roles = rolesGranting(cluster, { verb: 'get', resource: 'secrets' });
    const names = roles.map((r) => r.role.name);
    expect(names).toContain('secret-reader');
    expect(names).toContain('cluster-admin');
    expect(names).toContain('edit');
    expect(names).not.toContain('view');
    expect(roles.find((r) => r.role.name === 'secret-reader')?.bindings.map((b) => b.name)).toEqual(['global-readers', 'local-readers']);
  });

  it('limits Roles to the namespace when one is given', () => {
    const request = { verb: 'create', resource: 'pods', subresource: 'exec' };
    expect(rolesGranting(cluster, { ...request, namespace: 'team-a' }).some((r) => r.role.name === 'pod-exec')).toBe(true);
    expect(rolesGranting(cluster, { ...request, namespace: 'team-b' }).some((r) => r.role.name === 'pod-exec')).toBe(false);
  });
});

describe('permissionsOf and canI', () => {
  it('a ServiceAccount holds its own bindings and those of its implicit groups', () => {
    const snapshot = createSnapshot([
      build.roleBinding({ name: 'direct', namespace: 'ci', roleRef: rbacRef('ClusterRole', 'view'), subjects: [{ kind: 'ServiceAccount', name: 'builder' }] }),
      build.clusterRoleBinding({ name: 'all-sas', roleRef: rbacRef('ClusterRole', 'edit'), subjects: [subject.group('system:serviceaccounts:ci')] }),
      build.clusterRoleBinding({ name: 'other-ns', roleRef: rbacRef('ClusterRole', 'edit'), subjects: [subject.group('system:serviceaccounts:prod')] }),
    ]);
    const sa = { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' } as const;
    const permissions = permissionsOf(snapshot, sa);
    expect(permissions.groups).toEqual(['system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:ci']);
    expect(permissions.bindings.map((b) => b.binding.name)).toEqual(['direct', 'all-sas']);
    expect(canI(snapshot, sa, { verb: 'get', resource: 'secrets', namespace: 'prod' }).allowed).toBe(true);
    expect(canI(snapshot, sa, { verb: 'get', resource: 'secrets' }).allowed).toBe(true);
    expect(canI(snapshot, { kind: 'ServiceAccount', name: 'x', namespace: 'other' }, { verb: 'get', resource: 'pods', namespace: 'ci' }).allowed).toBe(false);
  });

  it('anonymous requests are in system:unauthenticated, users in system:authenticated', () => {
    const snapshot = createSnapshot([
      build.clusterRoleBinding({ name: 'anon', roleRef: rbacRef('ClusterRole', 'view'), subjects: [subject.group('system:unauthenticated')] }),
    ]);
    expect(canI(snapshot, { kind: 'User', name: 'system:anonymous' }, { verb: 'list', resource: 'pods', namespace: 'x' }).allowed).toBe(true);
    expect(canI(snapshot, { kind: 'User', name: 'alice' }, { verb: 'list', resource: 'pods', namespace: 'x' }).allowed).toBe(false);
    expect(canI(snapshot, { kind: 'User', name: 'alice', groups: ['system:unauthenticated'] }, { verb: 'list', resource: 'pods', namespace: 'x' }).allowed).toBe(true);
  });

  it('a RoleBinding applies only to requests in its namespace', () => {
    const alice = { kind: 'User', name: 'alice' } as const;
    expect(canI(cluster, alice, { verb: 'get', resource: 'secrets', namespace: 'team-a' }).allowed).toBe(true);
    expect(canI(cluster, alice, { verb: 'get', resource: 'secrets', namespace: 'team-b' }).allowed).toBe(false);
    expect(canI(cluster, alice, { verb: 'get', resource: 'secrets' }).allowed).toBe(false);
  });
});

describe('matchPattern', () => {
  const pattern = { verbs: ['create'], apiGroup: '', resource: 'pods', clusterScoped: false };
  it('create of a top-level resource carries no name, so resourceNames never grant it', () => {
    expect(matchPattern({ verbs: ['create'], apiGroups: [''], resources: ['pods'], resourceNames: ['x'] }, pattern)).toBeNull();
    expect(matchPattern({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }, pattern)).toEqual({ verbs: ['create'], restricted: false });
  });
  it('named requests match a rule with resourceNames, marked restricted', () => {
    const token = { verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token', clusterScoped: false };
    expect(matchPattern({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['ci'] }, token)).toEqual({ verbs: ['create'], restricted: true });
    expect(matchPattern({ verbs: ['create'], apiGroups: [''], resources: ['*/token'] }, token)).toEqual({ verbs: ['create'], restricted: false });
    expect(matchPattern({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/*'] }, token)).toBeNull();
  });
  it('any subresource matches userextras/<key>, */<key> and *', () => {
    const extras = { verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource: 'userextras', anySubresource: true, clusterScoped: true };
    for (const resources of [['userextras/scopes'], ['*/scopes'], ['*']]) {
      expect(matchPattern({ verbs: ['impersonate'], apiGroups: ['authentication.k8s.io'], resources }, extras)).not.toBeNull();
    }
    expect(matchPattern({ verbs: ['impersonate'], apiGroups: ['authentication.k8s.io'], resources: ['userextras'] }, extras)).toBeNull();
  });
});
