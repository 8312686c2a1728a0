import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { builtInRoles, rbacIndex, ruleAllows, wildcardsOf, type AccessRequest, type RoleEntry } from '../src/index.js';
import { bootstrapPath, hasBootstrap, loadBootstrap } from './corpus.js';

/** The requests CIS section 5 cares about, to compare our encoding of the default roles with a real cluster's. */
const requests: AccessRequest[] = [
  ...['get', 'list', 'watch'].map((verb) => ({ verb, resource: 'secrets' })),
  ...['get', 'list', 'watch'].map((verb) => ({ verb, resource: 'secrets', name: 'x' })),
  { verb: 'create', resource: 'pods' },
  { verb: 'delete', resource: 'pods', name: 'x' },
  { verb: 'create', resource: 'pods', subresource: 'exec', name: 'x' },
  { verb: 'get', resource: 'pods', subresource: 'exec', name: 'x' },
  { verb: 'create', resource: 'pods', subresource: 'eviction', name: 'x' },
  { verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'x' },
  { verb: 'create', resource: 'serviceaccounts' },
  { verb: 'impersonate', resource: 'serviceaccounts', name: 'x' },
  { verb: 'impersonate', resource: 'users', name: 'x' },
  { verb: 'impersonate', resource: 'groups', name: 'x' },
  { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'x' },
  { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'x' },
  { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', name: 'x' },
  { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { verb: 'create', resource: 'persistentvolumes' },
  { verb: 'delete', resource: 'persistentvolumes', name: 'x' },
  ...['get', 'create', 'update', 'patch', 'delete'].map((verb) => ({ verb, resource: 'nodes', subresource: 'proxy', name: 'x' })),
  { verb: 'get', resource: 'nodes', subresource: 'stats', name: 'x' },
  { verb: 'update', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', name: 'x' },
  { verb: 'create', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests' },
  ...['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown', 'example.com/x'].map(
    (name) => ({ verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers', name }),
  ),
  ...['create', 'update', 'patch', 'delete'].flatMap((verb) =>
    ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].map((resource) => ({ verb, apiGroup: 'admissionregistration.k8s.io', resource, name: verb === 'create' ? '' : 'x' })),
  ),
  { verb: 'get', resource: 'pods' },
  { verb: 'list', resource: 'configmaps' },
  { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'x' },
  { verb: 'get', nonResourceURL: '/metrics' },
  { verb: 'get', nonResourceURL: '/healthz' },
  { verb: 'get', nonResourceURL: '/api/v1' },
];

const describeRequest = (r: AccessRequest): string =>
  'nonResourceURL' in r ? `${r.verb} ${r.nonResourceURL}` : `${r.verb} ${r.apiGroup ?? ''}/${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` name=${r.name}` : ''}`;

const grants = (role: RoleEntry, request: AccessRequest): boolean => role.rules.some((r) => ruleAllows(r.rule, request));
const hasWildcard = (role: RoleEntry): boolean => role.rules.some((r) => wildcardsOf(r.rule, r.path) !== null);

describe('built-in role encodings', () => {
  it('every built-in role is labelled as a bootstrap default and has a unique identity', () => {
    const keys = builtInRoles.map((r) => `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const role of builtInRoles) expect(role.metadata.labels['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
  });

  it('user-facing roles: view reads no secrets, edit reads secrets and creates pods and tokens, admin also writes roles', () => {
    const index = rbacIndex(createSnapshot([]));
    const role = (name: string): RoleEntry => index.role('ClusterRole', null, name)!;
    const secret = { verb: 'get', resource: 'secrets', name: 'x' };
    expect(grants(role('view'), secret)).toBe(false);
    expect(grants(role('edit'), secret)).toBe(true);
    expect(grants(role('edit'), { verb: 'create', resource: 'pods' })).toBe(true);
    expect(grants(role('edit'), { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' })).toBe(false);
    expect(grants(role('admin'), { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' })).toBe(true);
    expect(grants(role('cluster-admin'), { verb: 'anything', apiGroup: 'any.example.com', resource: 'widgets' })).toBe(true);
  });
});

describe.skipIf(!hasBootstrap)(`built-in roles agree with Kubernetes' bootstrap policy (${bootstrapPath})`, () => {
  const corpus = hasBootstrap ? rbacIndex(createSnapshot(loadBootstrap())) : undefined;
  const ours = rbacIndex(createSnapshot([]));
  const shared = ours.roles.filter((r) => corpus?.role(r.kind, r.namespace, r.name)?.builtIn === false);

  it('covers the roles section 5 is about', () => {
    const names = shared.map((r) => r.name);
    for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:kube-controller-manager', 'system:controller:certificate-controller']) {
      expect(names).toContain(name);
    }
    expect(shared.length).toBeGreaterThanOrEqual(60);
  });

  it('gives the same answer to every section 5 request, and has wildcards exactly where Kubernetes does', () => {
    const mismatches: string[] = [];
    for (const role of shared) {
      const theirs = corpus!.role(role.kind, role.namespace, role.name)!;
      for (const request of requests) {
        if (grants(role, request) !== grants(theirs, request)) mismatches.push(`${role.kind} ${role.name}: ${describeRequest(request)} ours=${String(grants(role, request))}`);
      }
      if (hasWildcard(role) !== hasWildcard(theirs)) mismatches.push(`${role.kind} ${role.name}: wildcard ours=${String(hasWildcard(role))}`);
    }
    expect(mismatches).toEqual([]);
  });
});
