// One test per kube-bench quirk (../shared/reference/kube-bench.md §3.1-3.3): each runs kubecis's
// default evaluation and the kube-bench parity report on the same objects and pins the difference.
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate, type ControlResult, type Finding, type Report, type Status } from '@kubecis/core';
import { benchmarks, type BenchmarkId } from '../index.js';
import { kubeBenchParity, tokenMountCompliant, type KubeBenchParityOptions, type PodValue, type ServiceAccountValue } from './index.js';


type Obj = Record<string, unknown>;

const rbac = 'rbac.authorization.k8s.io/v1';

function role(namespace: string, name: string, rules: Obj[]): Obj {
  return { apiVersion: rbac, kind: 'Role', metadata: { name, namespace }, rules };
}

function clusterRole(name: string, rules: Obj[]): Obj {
  return { apiVersion: rbac, kind: 'ClusterRole', metadata: { name }, rules };
}

function clusterRoleBinding(name: string, roleName: string, subjects: Obj[]): Obj {
  return { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects };
}

function roleBinding(namespace: string, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, subjects: Obj[]): Obj {
  return { apiVersion: rbac, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
}

const group = (name: string): Obj => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
const user = (name: string): Obj => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
const serviceAccountSubject = (namespace: string, name: string): Obj => ({ kind: 'ServiceAccount', namespace, name });

function serviceAccount(namespace: string, name: string, automount?: boolean): Obj {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) };
}

function pod(namespace: string, name: string, spec: Obj = {}, metadata: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ...metadata }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }], ...spec } };
}

function deployment(namespace: string, name: string, spec: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }], ...spec } },
    },
  };
}

interface Both {
  readonly parity: Report;
  readonly kubecis: Report;
}

/** The parity report and kubecis's default report on the same objects. */
function both(objects: unknown[], options: KubeBenchParityOptions = {}, benchmarkId: BenchmarkId = 'cis-1.10'): Both {
  const snapshot = createSnapshot(objects);
  return { parity: kubeBenchParity(snapshot, benchmarks[benchmarkId], options), kubecis: evaluate(snapshot, benchmarks[benchmarkId]) };
}

function control(report: Report, id: string): ControlResult {
  const found = report.controls.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no control ${id} in the report`);
  return found;
}

const statusOf = (report: Report, id: string): Status => control(report, id).status;

/** The findings of one control, as [status, messageId, kind/namespace/name] triples, sorted. */
function findingsOf(report: Report, id: string, filter: (f: Finding) => boolean = () => true): [Status, string, string][] {
  return control(report, id)
    .findings.filter(filter)
    .map((f): [Status, string, string] => [f.status, f.messageId, f.resource === null ? '-' : [f.resource.kind, f.resource.namespace ?? '', f.resource.name].join('/')])
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}


const noDefaults = { clusterDefaults: false } as const;

describe('quirk: unscored checks never FAIL', () => {
  const objects = [clusterRoleBinding('ops-admins', 'cluster-admin', [user('alice')])];

  it('a failed audit is WARN (every section-5 check is scored: false), where kubecis says FAIL', () => {
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.1.1')).toBe('FAIL');
    expect(statusOf(parity, '5.1.1')).toBe('WARN');
    expect(findingsOf(parity, '5.1.1', (f) => f.status !== 'PASS')).toEqual([['WARN', 'flagged', 'ClusterRoleBinding//ops-admins']]);
    expect(parity.summary.fail).toBe(0);
    expect(control(parity, '5.1.1').findings[0]?.ruleId).toBe('kube-bench/5.1.1');
  });

  it('before kube-bench v0.14.0, 5.1.1-5.1.6 of cis-1.9 and cis-1.10 were scored and could FAIL; nothing else ever was', () => {
    for (const id of ['cis-1.9', 'cis-1.10'] as const) {
      const { parity } = both(objects, { scoring: 'pre-v0.14.0' }, id);
      expect(statusOf(parity, '5.1.1')).toBe('FAIL');
      expect(findingsOf(parity, '5.1.1', (f) => f.status === 'FAIL')).toEqual([['FAIL', 'flagged', 'ClusterRoleBinding//ops-admins']]);
    }
    const privileged = [pod('app', 'p', { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] })];
    expect(statusOf(both(privileged, { scoring: 'pre-v0.14.0' }).parity, '5.2.2')).toBe('WARN');
    expect(statusOf(both(objects, { scoring: 'pre-v0.14.0' }, 'cis-1.11').parity, '5.1.1')).toBe('WARN');
  });

  const arbObject = fc.oneof(
    fc.constantFrom(
      clusterRoleBinding('x', 'cluster-admin', [group('system:authenticated')]),
      clusterRole('star', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      pod('a', 'p', { hostPID: true, hostNetwork: true, containers: [{ name: 'c', image: 'i', securityContext: { privileged: true, allowPrivilegeEscalation: true, capabilities: { add: ['NET_ADMIN'] } } }] }),
      serviceAccount('a', 'default', true),
      deployment('b', 'd', { automountServiceAccountToken: true }),
    ),
    fc.jsonValue({ maxDepth: 3 }),
  );
  test.prop([fc.array(arbObject, { maxLength: 6 }), fc.constantFrom(...(['cis-1.7', 'cis-1.9', 'cis-1.10', 'cis-1.12', 'cis-2.0'] as const)), fc.boolean()], { numRuns: 30 })(
    'on any input, with current scoring: deterministic, no FAIL and no ERROR, only PASS and WARN',
    (objects, id, clusterDefaults) => {
      const snapshot = createSnapshot(objects);
      const report = kubeBenchParity(snapshot, benchmarks[id], { clusterDefaults });
      expect(kubeBenchParity(snapshot, benchmarks[id], { clusterDefaults })).toEqual(report);
      for (const c of report.controls) expect(['PASS', 'WARN']).toContain(c.status);
      for (const f of report.controls.flatMap((c) => c.findings)) expect(['PASS', 'WARN', 'INFO']).toContain(f.status);
    },
  );
});

describe('quirk: 5.1.3 matches the literal ["*"] only', () => {
  it('a Role with verbs ["get","*"]: kube-bench misses it, kubecis fails it', () => {
    const objects = [role('app', 'mixed', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', '*'] }])];
    const { parity, kubecis } = both(objects, noDefaults);
    expect(statusOf(kubecis, '5.1.3')).toBe('FAIL');
    expect(statusOf(parity, '5.1.3')).toBe('PASS');
    const [finding] = control(parity, '5.1.3').findings;
    expect(finding).toMatchObject({ status: 'PASS', messageId: 'missed', path: 'rules[0].verbs[1]', resource: { kind: 'Role', namespace: 'app', name: 'mixed' } });
  });

  it('patterns such as pods/* and */scale are not matched either; a list that is exactly ["*"] is', () => {
    const objects = [
      clusterRole('sub', [{ apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }]),
      clusterRole('scale', [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }]),
      clusterRole('star-group', [{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }]),
    ];
    const { parity, kubecis } = both(objects, noDefaults);
    expect(statusOf(kubecis, '5.1.3')).toBe('FAIL');
    expect(statusOf(parity, '5.1.3')).toBe('WARN');
    expect(findingsOf(parity, '5.1.3')).toEqual([
      ['PASS', 'missed', 'ClusterRole//scale'],
      ['PASS', 'missed', 'ClusterRole//sub'],
      ['WARN', 'flagged', 'ClusterRole//star-group'],
    ]);
    expect(control(parity, '5.1.3').findings.find((f) => f.resource?.name === 'star-group')?.path).toBe('rules[0].apiGroups');
  });

  it('so it is always WARN on a real cluster: the built-in cluster-admin has ["*"], and system roles are not allowed', () => {
    const { parity, kubecis } = both([role('app', 'reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }])]);
    expect(statusOf(kubecis, '5.1.3')).toBe('PASS');
    expect(statusOf(parity, '5.1.3')).toBe('WARN');
    expect(findingsOf(parity, '5.1.3', (f) => f.resource?.name === 'cluster-admin')).toEqual([['WARN', 'flaggedBuiltIn', 'ClusterRole//cluster-admin']]);
  });

  it('aggregated ClusterRoles are judged on the rules the API server serves', () => {
    const objects = [
      { ...clusterRole('agg', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/agg': 'true' } }] } },
      { ...clusterRole('part', [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }]), metadata: { name: 'part', labels: { 'example.com/agg': 'true' } } },
    ];
    const { parity } = both(objects, noDefaults);
    expect(findingsOf(parity, '5.1.3')).toEqual([
      ['WARN', 'flagged', 'ClusterRole//part'],
      ['WARN', 'flaggedAggregated', 'ClusterRole//agg'],
    ]);
  });
});

describe('quirk: 5.2.x look at .spec.containers only', () => {
  it('a privileged initContainer: kube-bench passes, kubecis fails', () => {
    const objects = [deployment('app', 'web', { initContainers: [{ name: 'setup', image: 'i', securityContext: { privileged: true } }] })];
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.2.2')).toBe('FAIL');
    expect(statusOf(parity, '5.2.2')).toBe('PASS');
    expect(findingsOf(parity, '5.2.2')).toEqual([
      ['INFO', 'ignored', 'Deployment/app/web'],
      ['PASS', 'compliant', 'Deployment/app/web'],
    ]);
    expect(control(parity, '5.2.2').findings.find((f) => f.status === 'INFO')?.path).toBe('spec.template.spec.initContainers[0].securityContext.privileged');
  });

  it('ephemeral containers that escalate or add capabilities are not seen either (5.2.6, 5.2.9)', () => {
    const debug = { name: 'debug', image: 'busybox', securityContext: { allowPrivilegeEscalation: true, capabilities: { add: ['SYS_PTRACE'] } } };
    const objects = [pod('app', 'p', { ephemeralContainers: [debug], containers: [{ name: 'c', image: 'i', securityContext: { allowPrivilegeEscalation: false } }] })];
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.2.6')).toBe('FAIL');
    expect(statusOf(kubecis, '5.2.9')).toBe('FAIL');
    expect(statusOf(parity, '5.2.6')).toBe('PASS');
    expect(statusOf(parity, '5.2.9')).toBe('PASS');
    expect(findingsOf(parity, '5.2.9')).toEqual([
      ['INFO', 'ignored', 'Pod/app/p'],
      ['PASS', 'compliant', 'Pod/app/p'],
    ]);
  });

  it('a regular container is seen: privileged, escalating or adding any capability is WARN', () => {
    const objects = [pod('app', 'p', { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true, allowPrivilegeEscalation: true, capabilities: { add: ['NET_BIND_SERVICE'] } } }] })];
    const { parity } = both(objects);
    for (const id of ['5.2.2', '5.2.6', '5.2.9']) expect(findingsOf(parity, id)).toEqual([['WARN', 'flagged', 'Pod/app/p']]);
  });
});

describe('quirk: 5.2.6 counts an unset allowPrivilegeEscalation as compliant', () => {
  it('kube-bench passes a container that leaves it unset; kubecis fails it', () => {
    const { parity, kubecis } = both([deployment('app', 'web')]);
    expect(statusOf(kubecis, '5.2.6')).toBe('FAIL');
    expect(statusOf(parity, '5.2.6')).toBe('PASS');
    expect(control(parity, '5.2.6').findings[0]).toMatchObject({ messageId: 'compliant', data: { value: 'notset' }, path: 'spec.template.spec.containers[0]' });
  });

  it('an empty capabilities.add list is compliant for 5.2.9, and hostPID: false is as good as unset for 5.2.3', () => {
    const { parity } = both([pod('app', 'p', { hostPID: false, containers: [{ name: 'c', image: 'i', securityContext: { capabilities: { add: [] } } }] })]);
    expect(statusOf(parity, '5.2.9')).toBe('PASS');
    expect(statusOf(parity, '5.2.3')).toBe('PASS');
  });
});

describe('quirk: the 5.1.6 truth table', () => {
  const table: [ServiceAccountValue, PodValue, boolean][] = [
    ['false', 'false', true],
    ['false', 'notset', true],
    ['false', 'true', false],
    ['true', 'false', true],
    ['true', 'notset', false],
    ['true', 'true', false],
    ['notset', 'false', false], // the bug: the pod's false wins in Kubernetes, so no token is mounted
    ['notset', 'notset', false],
    ['notset', 'true', false],
    ['', 'false', false], // the ServiceAccount lookup failed (static pods, missing accounts)
    ['', 'notset', false],
    ['', 'true', false],
  ];
  it.each(table)('ServiceAccount %j, pod %j: compliant %j', (sa, podValue, expected) => {
    expect(tokenMountCompliant(sa, podValue)).toBe(expected);
  });

  it('a pod that sets automountServiceAccountToken: false under a ServiceAccount that says nothing: kubecis passes, kube-bench warns', () => {
    const objects = [serviceAccount('app', 'web'), deployment('app', 'web', { serviceAccountName: 'web', automountServiceAccountToken: false })];
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.1.6')).toBe('PASS');
    expect(statusOf(parity, '5.1.6')).toBe('WARN');
    expect(control(parity, '5.1.6').findings[0]).toMatchObject({ status: 'WARN', messageId: 'flaggedPodFalse', path: 'spec.template.spec.automountServiceAccountToken' });
  });

  it('every row over real objects; a static (mirror) pod has no ServiceAccount and is non-compliant', () => {
    const objects = [
      serviceAccount('t', 'sa-false', false),
      serviceAccount('t', 'sa-true', true),
      serviceAccount('t', 'sa-unset'),
      pod('t', 'false-false', { serviceAccountName: 'sa-false', automountServiceAccountToken: false }),
      pod('t', 'false-unset', { serviceAccountName: 'sa-false' }),
      pod('t', 'true-false', { serviceAccountName: 'sa-true', automountServiceAccountToken: false }),
      pod('t', 'true-unset', { serviceAccountName: 'sa-true' }),
      pod('t', 'unset-false', { serviceAccountName: 'sa-unset', automountServiceAccountToken: false }),
      pod('t', 'missing-false', { serviceAccountName: 'gone', automountServiceAccountToken: false }),
      pod('kube-system', 'etcd-node1', { automountServiceAccountToken: false }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
    ];
    const { parity } = both(objects);
    expect(findingsOf(parity, '5.1.6')).toEqual([
      ['PASS', 'compliant', 'Pod/t/false-false'],
      ['PASS', 'compliant', 'Pod/t/false-unset'],
      ['PASS', 'compliant', 'Pod/t/true-false'],
      ['WARN', 'flagged', 'Pod/t/true-unset'],
      ['WARN', 'flaggedNoServiceAccount', 'Pod/kube-system/etcd-node1'],
      ['WARN', 'flaggedNoServiceAccount', 'Pod/t/missing-false'],
      ['WARN', 'flaggedPodFalse', 'Pod/t/unset-false'],
    ]);
  });
});

describe('quirk: manual checks are always WARN', () => {
  it('a root container: kubecis fails 5.2.7, kube-bench marks it a manual test; a clean 5.1.7 passes in kubecis and still WARNs', () => {
    const { parity, kubecis } = both([deployment('app', 'web', { securityContext: { runAsUser: 0 } })]);
    expect(statusOf(kubecis, '5.2.7')).toBe('FAIL');
    expect(statusOf(kubecis, '5.1.7')).toBe('PASS');
    for (const id of ['5.2.7', '5.1.7']) {
      expect(control(parity, id)).toMatchObject({ status: 'WARN', reason: 'Test marked as a manual test', rules: [], findings: [] });
    }
  });

  it('in cis-1.7/1.8 every check is manual, even those titled (Automated)', () => {
    for (const id of ['cis-1.7', 'cis-1.8'] as const) {
      const { parity } = both([], {}, id);
      expect(parity.controls.every((c) => c.status === 'WARN' && c.reason === 'Test marked as a manual test')).toBe(true);
      expect(control(parity, '5.2.3').type).toBe('automated');
    }
  });

  it('kube-bench --skip gives INFO, "Test marked as skip", for checks and whole groups', () => {
    const { parity } = both([], { skip: ['5.1.3', '5.2'] });
    expect(control(parity, '5.1.3')).toMatchObject({ status: 'INFO', reason: 'Test marked as skip' });
    expect(parity.controls.filter((c) => c.section === '5.2').every((c) => c.status === 'INFO')).toBe(true);
    expect(statusOf(parity, '5.1.1')).toBe('PASS');
  });
});

describe('quirk: an empty audit output is WARN', () => {
  it('no pods at all: kube-bench warns on 5.1.6 and 5.2.2-5.2.6/5.2.9; kubecis has nothing to fail', () => {
    const { parity, kubecis } = both([]);
    for (const id of ['5.1.6', '5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.9']) {
      expect(statusOf(parity, id)).toBe('WARN');
      expect(findingsOf(parity, id)).toEqual([['WARN', 'noOutput', '-']]);
    }
    for (const id of ['5.1.6', '5.2.2', '5.2.6']) expect(statusOf(kubecis, id)).toBe('PASS');
  });

  it('without the cluster defaults, no ClusterRoleBinding, no role and no default ServiceAccount are WARN too', () => {
    const { parity } = both([], noDefaults);
    for (const id of ['5.1.1', '5.1.3', '5.1.5']) expect(findingsOf(parity, id)).toEqual([['WARN', 'noOutput', '-']]);
  });
});

describe('quirk: 5.1.2 and 5.1.4 ask only about system:authenticated, cluster-wide, with one literal verb', () => {
  const reader = clusterRole('secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }]);

  it('every authenticated user can read Secrets with get/list/watch: kube-bench passes (only a "*" verb matches "get,list,watch"), kubecis fails', () => {
    const { parity, kubecis } = both([reader, clusterRoleBinding('all-read-secrets', 'secret-reader', [group('system:authenticated')])]);
    expect(statusOf(kubecis, '5.1.2')).toBe('FAIL');
    expect(statusOf(parity, '5.1.2')).toBe('PASS');
    expect(findingsOf(parity, '5.1.2')).toEqual([
      ['INFO', 'missedVerb', 'ClusterRoleBinding//all-read-secrets'],
      ['PASS', 'denied', '-'],
    ]);
  });

  it('a "*" verb granted to the group, or to a user literally named system:authenticated, answers yes: WARN', () => {
    const star = clusterRole('secret-star', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]);
    const { parity } = both([star, clusterRoleBinding('b', 'secret-star', [group('system:authenticated'), user('system:authenticated')])]);
    expect(findingsOf(parity, '5.1.2')).toEqual([
      ['WARN', 'allowed', 'ClusterRoleBinding//b'],
      ['WARN', 'allowed', 'ClusterRoleBinding//b'],
    ]);
    expect(control(parity, '5.1.2').findings.map((f) => f.path).sort()).toEqual(['subjects[0]', 'subjects[1]']);
  });

  it('create pods for a ServiceAccount, or for system:authenticated in one namespace only: kube-bench passes 5.1.4, kubecis fails', () => {
    const creator = clusterRole('pod-creator', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]);
    const objects = [
      creator,
      clusterRoleBinding('ci', 'pod-creator', [serviceAccountSubject('ci', 'deployer')]),
      roleBinding('sandbox', 'everyone-creates', { kind: 'ClusterRole', name: 'pod-creator' }, [group('system:authenticated')]),
    ];
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.1.4')).toBe('FAIL');
    expect(statusOf(parity, '5.1.4')).toBe('PASS');
    const cluster = both([creator, clusterRoleBinding('everyone', 'pod-creator', [group('system:authenticated')])]);
    expect(statusOf(cluster.parity, '5.1.4')).toBe('WARN');
  });
});

describe('quirk: 5.1.1 judges ClusterRoleBindings by name', () => {
  it('the binding named cluster-admin passes whoever it binds; a RoleBinding to cluster-admin is not looked at; kubecis fails both', () => {
    const objects = [
      clusterRoleBinding('cluster-admin', 'cluster-admin', [user('mallory')]),
      roleBinding('app', 'ns-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('bob')]),
    ];
    const { parity, kubecis } = both(objects);
    expect(statusOf(kubecis, '5.1.1')).toBe('FAIL');
    expect(statusOf(parity, '5.1.1')).toBe('PASS');
    expect(findingsOf(parity, '5.1.1')).toEqual([
      ['INFO', 'roleBindingIgnored', 'RoleBinding/app/ns-admin'],
      ['PASS', 'compliant', 'ClusterRoleBinding//cluster-admin'],
    ]);
  });

  it("kubeadm's kubeadm:cluster-admins binding is WARN, with no allow-list", () => {
    const { parity } = both([clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')])]);
    expect(findingsOf(parity, '5.1.1', (f) => f.status === 'WARN')).toEqual([['WARN', 'flagged', 'ClusterRoleBinding//kubeadm:cluster-admins']]);
  });
});

describe('quirk: 5.1.5 wants an explicit false on every default ServiceAccount, and nothing else', () => {
  it('a default ServiceAccount that says false but is bound to a role: kube-bench passes, kubecis fails', () => {
    const objects = [
      serviceAccount('app', 'default', false),
      role('app', 'cm', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
      roleBinding('app', 'default-cm', { kind: 'Role', name: 'cm' }, [serviceAccountSubject('app', 'default')]),
    ];
    const { parity, kubecis } = both(objects, noDefaults);
    expect(statusOf(kubecis, '5.1.5')).toBe('FAIL');
    expect(statusOf(parity, '5.1.5')).toBe('PASS');
  });

  it("kube-system's, kube-public's and kube-node-lease's default ServiceAccounts count: a cluster where they are unset WARNs", () => {
    const { parity } = both([serviceAccount('app', 'default', false)]);
    expect(findingsOf(parity, '5.1.5')).toEqual([
      ['PASS', 'compliant', 'ServiceAccount/app/default'],
      ['WARN', 'flaggedImplicit', 'ServiceAccount/default/default'],
      ['WARN', 'flaggedImplicit', 'ServiceAccount/kube-node-lease/default'],
      ['WARN', 'flaggedImplicit', 'ServiceAccount/kube-public/default'],
      ['WARN', 'flaggedImplicit', 'ServiceAccount/kube-system/default'],
    ]);
    const explicit = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'app'].map((ns) => serviceAccount(ns, 'default', false));
    expect(statusOf(both(explicit).parity, '5.1.5')).toBe('PASS');
  });
});

describe('pods: workloads or Pod objects', () => {
  it('by default a controller stands for its pods (Pods it owns are folded into it); pods: "pods" lists Pod objects only', () => {
    const objects = [deployment('app', 'web', { hostNetwork: true })];
    expect(findingsOf(both(objects).parity, '5.2.5')).toEqual([['WARN', 'flagged', 'Deployment/app/web']]);
    expect(findingsOf(both(objects, { pods: 'pods' }).parity, '5.2.5')).toEqual([['WARN', 'noOutput', '-']]);
    const live = [...objects, { ...pod('app', 'web-1', { hostNetwork: true }), metadata: { name: 'web-1', namespace: 'app' } }];
    expect(findingsOf(both(live, { pods: 'pods' }).parity, '5.2.5')).toEqual([['WARN', 'flagged', 'Pod/app/web-1']]);
  });
});

describe('numbering across CIS versions', () => {
  const audited = (report: Report): string[] => report.controls.filter((c) => c.rules.length > 0).map((c) => c.id);

  it('the audited checks of each version, and only those', () => {
    const run = (id: BenchmarkId): Report => both([], {}, id).parity;
    expect(audited(run('cis-1.7'))).toEqual([]);
    expect(audited(run('cis-1.8'))).toEqual([]);
    expect(audited(run('cis-1.9'))).toEqual(['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6']);
    const tenEleven = ['5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6', '5.2.2', '5.2.3', '5.2.4', '5.2.5', '5.2.6', '5.2.9'];
    expect(audited(run('cis-1.10'))).toEqual(tenEleven);
    expect(audited(run('cis-1.11'))).toEqual(tenEleven);
    expect(audited(run('cis-1.12'))).toEqual(tenEleven.slice(0, -1));
    expect(audited(run('cis-2.0'))).toEqual(tenEleven.slice(0, -1));
  });

  it('35 checks up to cis-1.11 and 34 from cis-1.12; General Policies is 5.7 up to cis-1.10 and 5.6 after; 5.2.9 changes meaning in cis-1.12', () => {
    const ids = (id: BenchmarkId): string[] => both([], {}, id).parity.controls.map((c) => c.id);
    expect(ids('cis-1.10')).toHaveLength(35);
    expect(ids('cis-1.11')).toHaveLength(35);
    expect(ids('cis-1.12')).toHaveLength(34);
    expect(ids('cis-1.10').filter((id) => id.startsWith('5.7.'))).toEqual(['5.7.1', '5.7.2', '5.7.3', '5.7.4']);
    expect(ids('cis-1.11').filter((id) => id.startsWith('5.6.'))).toEqual(['5.6.1', '5.6.2', '5.6.3', '5.6.4']);
    const caps = [pod('app', 'p', { containers: [{ name: 'c', image: 'i', securityContext: { capabilities: { add: ['NET_ADMIN'] } } }] })];
    expect(control(both(caps, {}, 'cis-1.11').parity, '5.2.9')).toMatchObject({ title: 'Minimize the admission of containers with added capabilities', status: 'WARN', rules: ['kube-bench/5.2.9'] });
    expect(control(both(caps, {}, 'cis-1.12').parity, '5.2.9')).toMatchObject({ title: 'Minimize the admission of containers with capabilities assigned', status: 'WARN', reason: 'Test marked as a manual test' });
  });

  it('title tags: 5.1.1-5.1.6 (Automated) in cis-1.9/1.10 only; a (Manual) check still PASSes in cis-1.11', () => {
    expect(control(both([], {}, 'cis-1.10').parity, '5.1.2').type).toBe('automated');
    const eleven = control(both([], {}, 'cis-1.11').parity, '5.1.2');
    expect(eleven).toMatchObject({ type: 'manual', status: 'PASS' });
  });

  it('a benchmark kube-bench does not know: every control WARN, with a diagnostic', () => {
    const custom = { ...benchmarks['cis-1.10'], id: 'acme-1.0' };
    const report = kubeBenchParity(createSnapshot([]), custom);
    expect(report.controls.every((c) => c.status === 'WARN')).toBe(true);
    expect(report.diagnostics.some((d) => d.message.includes('acme-1.0'))).toBe(true);
  });
});

describe('purity', () => {
  it('the parity sources import no Node.js module and use no process, console, clock or randomness (they must run in a browser)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect({ file, impure: text.match(/from 'node:|\bprocess\.|\bconsole\.|Date\.now|Math\.random/g) }).toEqual({ file, impure: null });
    }
  });
});
