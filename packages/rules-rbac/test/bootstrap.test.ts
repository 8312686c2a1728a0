import { describe, expect, it } from 'vitest';
import { createSnapshot, evaluate, type Finding, type Report } from '@kubecis/core';
import { pack, rbacIndex, whoCan } from '../src/index.js';
import { bootstrapPath, hasBootstrap, loadBootstrap } from './corpus.js';

// Kubernetes' own default RBAC (the API server's bootstrap policy). By default every finding on it
// is exempted, so a fresh cluster is clean; in strict mode the defaults count, and the verdicts
// below are what they deserve: Kubernetes does grant cluster-admin to system:masters, lets its
// controllers read secrets and create pods, and so on.
describe.skipIf(!hasBootstrap)(`rbac pack on Kubernetes' bootstrap RBAC (${bootstrapPath})`, () => {
  const objects = hasBootstrap ? loadBootstrap() : [];
  const snapshot = createSnapshot(objects);
  const lenient = evaluate(snapshot, pack);
  const strict = evaluate(snapshot, pack, { strict: true });

  const control = (report: Report, id: string) => report.controls.find((c) => c.id === id)!;
  const failsOf = (id: string): Finding[] => control(strict, id).findings.filter((f) => f.status === 'FAIL');
  /** The roles a control fails (bindings to default roles are also reported, see below). */
  const names = (id: string): string[] => [...new Set(failsOf(id).filter((f) => f.resource?.kind === 'Role' || f.resource?.kind === 'ClusterRole' || id === 'rbac/no-cluster-admin-bindings' || id === 'rbac/no-system-masters').map((f) => `${f.resource?.kind ?? ''} ${f.resource?.namespace ? `${f.resource.namespace}/` : ''}${f.resource?.name ?? ''}`))].sort();
  /** The paths of a control's findings on one role or binding, by kind and name. */
  const at = (id: string, name: string, kind = 'ClusterRole'): string[] =>
    failsOf(id)
      .filter((f) => f.resource?.name === name && f.resource.kind === kind)
      .map((f) => f.path ?? '')
      .sort();

  it('reads every object, with no diagnostics and every role reference resolved', () => {
    expect(snapshot.diagnostics).toEqual([]);
    expect(snapshot.objects.length).toBe(131);
    expect(rbacIndex(snapshot).notes).toEqual([]);
  });

  it('passes every control with the defaults exempted, and every finding is exempted as a bootstrap default', () => {
    expect(lenient.controls.map((c) => [c.id, c.status])).toEqual(pack.rules.map((r) => [r.id, 'PASS']));
    const counted = lenient.controls.flatMap((c) => c.findings).filter((f) => (f.status === 'FAIL' || f.status === 'WARN') && !f.exempted);
    expect(counted).toEqual([]);
    const exempted = lenient.controls.flatMap((c) => c.findings).filter((f) => f.exempted);
    expect(exempted.length).toBeGreaterThan(50);
    for (const f of exempted) expect(['default:bootstrap-rbac', 'default:system-namespaces']).toContain(f.exemption?.id);
  });

  it('in strict mode fails what the defaults really grant, and passes the service-account controls', () => {
    const statuses = Object.fromEntries(strict.controls.map((c) => [c.id, c.status]));
    expect(statuses).toEqual({
      'rbac/no-cluster-admin-bindings': 'FAIL',
      'rbac/no-secret-read': 'FAIL',
      'rbac/no-wildcards': 'FAIL',
      'rbac/no-pod-create': 'FAIL',
      'rbac/no-default-service-account': 'PASS',
      'rbac/no-unneeded-token-mount': 'PASS',
      'rbac/no-system-masters': 'FAIL',
      'rbac/no-bind-escalate-impersonate': 'FAIL',
      'rbac/no-persistent-volume-create': 'FAIL',
      'rbac/no-node-proxy': 'FAIL',
      'rbac/no-csr-approval': 'FAIL',
      'rbac/no-webhook-config-access': 'FAIL',
      'rbac/no-service-account-token-create': 'FAIL',
    });
  });

  it('the bindings that hand out default roles are reported too, and exempted with them by default', () => {
    const bindings = (id: string): string[] =>
      failsOf(id)
        .filter((f) => f.resource?.kind === 'RoleBinding' || f.resource?.kind === 'ClusterRoleBinding')
        .map((f) => `${f.resource?.kind ?? ''} ${f.resource?.name ?? ''} ${f.path ?? ''}`)
        .sort();
    expect(bindings('rbac/no-secret-read')).toEqual([
      'ClusterRoleBinding cluster-admin roleRef',
      'ClusterRoleBinding system:controller:generic-garbage-collector roleRef',
      'ClusterRoleBinding system:controller:namespace-controller roleRef',
      'ClusterRoleBinding system:controller:resourcequota-controller roleRef',
      'ClusterRoleBinding system:kube-controller-manager roleRef',
      'ClusterRoleBinding system:node roleRef',
      'RoleBinding system:controller:bootstrap-signer roleRef',
      'RoleBinding system:controller:token-cleaner roleRef',
    ]);
    expect(bindings('rbac/no-pod-create')).toContain('ClusterRoleBinding system:controller:replicaset-controller roleRef');
    const onBindings = lenient.controls.flatMap((c) => c.findings).filter((f) => f.messageId.endsWith('BuiltIn'));
    expect(onBindings.length).toBeGreaterThan(20);
    for (const f of onBindings) expect(f.exempted).toBe(true);
  });

  it('5.1.1 and 5.1.7: the cluster-admin binding to system:masters', () => {
    expect(names('rbac/no-cluster-admin-bindings')).toEqual(['ClusterRoleBinding cluster-admin']);
    expect(failsOf('rbac/no-cluster-admin-bindings')[0]).toMatchObject({ path: 'roleRef', severity: 'high' });
    expect(names('rbac/no-system-masters')).toEqual(['ClusterRoleBinding cluster-admin']);
    expect(at('rbac/no-system-masters', 'cluster-admin', 'ClusterRoleBinding')).toEqual(['subjects[0]']);
  });

  it('5.1.2: secret readers, through wildcards, aggregation and the controllers; view does not read secrets', () => {
    expect(names('rbac/no-secret-read')).toEqual([
      'ClusterRole admin',
      'ClusterRole cluster-admin',
      'ClusterRole edit',
      'ClusterRole system:aggregate-to-edit',
      'ClusterRole system:controller:generic-garbage-collector',
      'ClusterRole system:controller:namespace-controller',
      'ClusterRole system:controller:resourcequota-controller',
      'ClusterRole system:kube-controller-manager',
      'ClusterRole system:node',
      'Role kube-system/system:controller:bootstrap-signer',
      'Role kube-system/system:controller:token-cleaner',
    ]);
    expect(at('rbac/no-secret-read', 'edit')).toEqual(['aggregationRule']);
    expect(at('rbac/no-secret-read', 'admin')).toEqual(['aggregationRule']);
    expect(at('rbac/no-secret-read', 'cluster-admin')).toEqual(['rules[0]']);
    // Bound to system:masters: the bound severity; aggregated edit is bound by nothing here.
    expect(failsOf('rbac/no-secret-read').find((f) => f.resource?.kind === 'ClusterRole' && f.resource.name === 'cluster-admin')?.severity).toBe('high');
    expect(failsOf('rbac/no-secret-read').find((f) => f.resource?.kind === 'ClusterRole' && f.resource.name === 'edit')?.severity).toBe('medium');
  });

  it('5.1.3: wildcards in cluster-admin and the controllers that watch or clean up everything', () => {
    expect(names('rbac/no-wildcards')).toEqual([
      'ClusterRole cluster-admin',
      'ClusterRole system:controller:disruption-controller',
      'ClusterRole system:controller:generic-garbage-collector',
      'ClusterRole system:controller:horizontal-pod-autoscaler',
      'ClusterRole system:controller:namespace-controller',
      'ClusterRole system:controller:resourcequota-controller',
      'ClusterRole system:discovery',
      'ClusterRole system:kube-controller-manager',
      'ClusterRole system:kubelet-api-admin',
      'ClusterRole system:monitoring',
    ]);
    expect(at('rbac/no-wildcards', 'cluster-admin')).toEqual(['rules[0].verbs[0]', 'rules[1].verbs[0]']);
  });

  it('5.1.4, 5.1.8, 5.1.9, 5.1.10, 5.1.11, 5.1.12, 5.1.13: the defaults that hold each right', () => {
    expect(names('rbac/no-pod-create')).toEqual([
      'ClusterRole admin',
      'ClusterRole cluster-admin',
      'ClusterRole edit',
      'ClusterRole system:aggregate-to-edit',
      'ClusterRole system:controller:daemon-set-controller',
      'ClusterRole system:controller:job-controller',
      'ClusterRole system:controller:persistent-volume-binder',
      'ClusterRole system:controller:replicaset-controller',
      'ClusterRole system:controller:replication-controller',
      'ClusterRole system:controller:statefulset-controller',
      'ClusterRole system:node',
    ]);
    expect(names('rbac/no-bind-escalate-impersonate')).toEqual([
      'ClusterRole admin',
      'ClusterRole cluster-admin',
      'ClusterRole edit',
      'ClusterRole system:aggregate-to-edit',
      'ClusterRole system:controller:clusterrole-aggregation-controller',
    ]);
    expect(names('rbac/no-persistent-volume-create')).toEqual([
      'ClusterRole cluster-admin',
      'ClusterRole system:controller:persistent-volume-binder',
      'ClusterRole system:persistent-volume-provisioner',
    ]);
    expect(names('rbac/no-node-proxy')).toContain('ClusterRole system:kubelet-api-admin');
    expect(names('rbac/no-node-proxy')).toContain('ClusterRole cluster-admin');
    expect(names('rbac/no-csr-approval')).toEqual([
      'ClusterRole cluster-admin',
      'ClusterRole system:certificates.k8s.io:kube-apiserver-client-approver',
      'ClusterRole system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
      'ClusterRole system:certificates.k8s.io:kubelet-serving-approver',
      'ClusterRole system:certificates.k8s.io:legacy-unknown-approver',
      'ClusterRole system:controller:certificate-controller',
      'ClusterRole system:controller:generic-garbage-collector',
    ]);
    expect(names('rbac/no-webhook-config-access')).toEqual([
      'ClusterRole cluster-admin',
      'ClusterRole system:controller:generic-garbage-collector',
      'ClusterRole system:controller:namespace-controller',
    ]);
    expect(names('rbac/no-service-account-token-create')).toEqual([
      'ClusterRole admin',
      'ClusterRole cluster-admin',
      'ClusterRole edit',
      'ClusterRole system:aggregate-to-edit',
      'ClusterRole system:kube-controller-manager',
      'ClusterRole system:node',
    ]);
  });

  it('whoCan on the defaults: cluster-wide secret readers are system:masters, the controller manager and three controllers', () => {
    const readers = whoCan(snapshot, { verb: 'list', resource: 'secrets' }).subjects;
    expect(readers).toEqual([
      { kind: 'Group', name: 'system:masters' },
      { kind: 'ServiceAccount', name: 'generic-garbage-collector', namespace: 'kube-system' },
      { kind: 'ServiceAccount', name: 'namespace-controller', namespace: 'kube-system' },
      { kind: 'ServiceAccount', name: 'resourcequota-controller', namespace: 'kube-system' },
      { kind: 'User', name: 'system:kube-controller-manager' },
    ]);
    // In kube-system the bootstrap signer and token cleaner read them too, through RoleBindings.
    const inKubeSystem = whoCan(snapshot, { verb: 'get', resource: 'secrets', namespace: 'kube-system' }).subjects.map((s) => s.name);
    expect(inKubeSystem).toEqual(expect.arrayContaining(['bootstrap-signer', 'token-cleaner']));
    // Everyone, authenticated or not, may read the public info endpoints.
    expect(whoCan(snapshot, { verb: 'get', nonResourceURL: '/version' }).subjects).toEqual(
      expect.arrayContaining([
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ]),
    );
  });
});
