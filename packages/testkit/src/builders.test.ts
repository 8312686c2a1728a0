import { describe, expect, it } from 'vitest';
import { createSnapshot, isClusterScoped, knownKinds } from '@kubecis/core';
import { build, ownerReference, podSecurityLabels, subject } from './builders.js';
import { workloadKindNames } from './workload-kinds.js';

type Obj = Record<string, unknown>;

const everyKind = (): Obj[] => [
  build.namespace(),
  build.pod(),
  build.podTemplate(),
  build.replicationController(),
  build.deployment(),
  build.replicaSet(),
  build.statefulSet(),
  build.daemonSet(),
  build.job(),
  build.cronJob(),
  build.serviceAccount(),
  build.secret(),
  build.service(),
  build.configMap(),
  build.role({ rules: [build.policyRule()] }),
  build.clusterRole({ rules: [build.policyRule({ verbs: ['*'] })] }),
  build.roleBinding({ subjects: [subject.user('alice')] }),
  build.clusterRoleBinding({ subjects: [subject.group('devs')] }),
  build.networkPolicy(),
  build.validatingWebhookConfiguration({ webhooks: [build.webhook()] }),
  build.mutatingWebhookConfiguration({ webhooks: [build.webhook({ name: 'inject.example.com' })] }),
  build.validatingAdmissionPolicy(),
  build.validatingAdmissionPolicyBinding(),
];

describe('build', () => {
  it('has a builder for every kind the snapshot types, each accepted without a diagnostic', () => {
    const objects = everyKind();
    const kinds = new Set(objects.map((o) => o['kind']));
    for (const kind of knownKinds) expect(kinds, kind).toContain(kind);
    const snapshot = createSnapshot(objects);
    expect(snapshot.diagnostics).toEqual([]);
    expect(snapshot.objects).toHaveLength(objects.length);
  });

  it('places namespaced objects in the namespace given and cluster-scoped ones in none', () => {
    for (const object of everyKind()) {
      const kind = object['kind'] as string;
      const namespaced = !isClusterScoped(object['apiVersion'] as string, kind);
      const built = (build as unknown as Record<string, (o: Obj) => Obj>)[kind.charAt(0).toLowerCase() + kind.slice(1)]!({ namespace: 'team-a' });
      expect((built['metadata'] as Obj)['namespace'], kind).toBe(namespaced ? 'team-a' : undefined);
    }
  });

  it('names an object after its kind unless told otherwise', () => {
    expect(build.clusterRoleBinding().metadata.name).toBe('clusterrolebinding');
    expect(build.pod({ name: 'web' }).metadata.name).toBe('web');
  });

  it('merges overrides deeply, with arrays replacing the defaults', () => {
    const d = build.deployment({ spec: { replicas: 3, template: { spec: { hostNetwork: true, containers: [build.container({ name: 'a' }), build.container({ name: 'b' })] } } } });
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'app' } });
    expect(d.spec.template.metadata).toEqual({ labels: { app: 'app' } });
    expect(d.spec.template.spec.hostNetwork).toBe(true);
    expect(d.spec.template.spec.containers.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('keeps every metadata field given: uid, ownerReferences, and the metadata override', () => {
    const owner = build.replicaSet({ name: 'web-7d9f', namespace: 'shop', uid: 'rs-1' });
    const pod = build.pod({
      name: 'web-7d9f-x2',
      namespace: 'shop',
      uid: 'pod-1',
      labels: { app: 'web' },
      ownerReferences: [ownerReference(owner)],
      metadata: { annotations: { note: 'x' }, resourceVersion: '42' },
    });
    expect(pod.metadata).toEqual({
      name: 'web-7d9f-x2',
      namespace: 'shop',
      uid: 'pod-1',
      labels: { app: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1', controller: true }],
      annotations: { note: 'x' },
      resourceVersion: '42',
    });
    const snapshot = createSnapshot([owner, pod]);
    expect(snapshot.workloads().map((w) => [w.kind, w.ref.name, w.folded.map((f) => f.name)])).toEqual([['ReplicaSet', 'web-7d9f', ['web-7d9f-x2']]]);
  });

  it('never shares nested values between built objects or with the overrides', () => {
    const labels = { team: 'a' };
    const a = build.pod({ labels });
    const b = build.pod();
    (a.spec.containers[0] as Obj)['image'] = 'changed';
    (a.metadata.labels as Obj)['team'] = 'b';
    expect(b.spec.containers[0]?.image).toBe('registry.example.com/app:1.0.0');
    expect(labels.team).toBe('a');
  });

  it('puts a pod spec where each workload kind keeps it', () => {
    const objects = workloadKindNames.map((kind) => build.workload(kind, { name: kind.toLowerCase(), namespace: 'ns', podSpec: { hostPID: true }, podMetadata: { labels: { tier: 'x' } } }));
    const workloads = createSnapshot(objects).workloads();
    expect(workloads.map((w) => w.kind).sort()).toEqual([...workloadKindNames].sort());
    for (const w of workloads) {
      expect(w.spec.hostPID, w.kind).toBe(true);
      expect(w.spec.containers).toHaveLength(1);
      if (w.kind !== 'Pod') expect(w.podMetadata.labels, w.kind).toEqual({ app: 'app', tier: 'x' });
    }
  });

  it('adds Pod Security Admission labels to a namespace', () => {
    const ns = build.namespace({ name: 'apps', labels: { team: 'a' }, podSecurity: { enforce: 'restricted', enforceVersion: 'v1.30', warn: 'restricted' } });
    expect(ns.metadata.labels).toEqual({
      team: 'a',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(podSecurityLabels({ audit: 'baseline', auditVersion: 'latest' })).toEqual({ 'pod-security.kubernetes.io/audit': 'baseline', 'pod-security.kubernetes.io/audit-version': 'latest' });
  });

  it('pairs the default admission policy with the default binding, and binds roles by reference', () => {
    expect(build.validatingAdmissionPolicyBinding().spec?.policyName).toBe(build.validatingAdmissionPolicy().metadata.name);
    const rb = build.roleBinding({ namespace: 'ci', roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [subject.serviceAccount('deployer', 'ci')] });
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' });
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]);
    const aggregated = build.clusterRole({ name: 'monitoring', aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } });
    expect(aggregated.aggregationRule?.clusterRoleSelectors).toHaveLength(1);
  });

  it('builds any other kind as a generic object', () => {
    const policy = build.object('kyverno.io/v1', 'ClusterPolicy', { name: 'p', spec: { rules: [] } });
    expect(policy).toEqual({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { rules: [] } });
  });

  it('types overrides: known fields are checked, unknown fields allowed', () => {
    // @ts-expect-error hostNetwork is a boolean
    build.pod({ spec: { hostNetwork: 'yes' } });
    // @ts-expect-error a PolicyRule's verbs are strings
    build.role({ rules: [{ verbs: [1] }] });
    // @ts-expect-error name is a string
    build.deployment({ name: 3 });
    const job = build.job({ spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure' } } } });
    expect(job.spec['backoffLimit']).toBe(2);
  });
});
