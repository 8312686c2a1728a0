import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate } from '@kubecis/core';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { noDefaultNamespace } from './no-default-namespace.js';
import { networkArbitraries, networkObject } from '../../test/arbitraries.js';
import { deploy, findingsOf, netpol, statusOf, workload } from '../../test/helpers.js';

const core = (kind: string, name: string, extra: Record<string, unknown> = {}, namespace?: string) => ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra });
const rbac = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name }, ...extra });
const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'app' };

new RuleTester().run(noDefaultNamespace, {
  valid: [
    { name: 'nothing', objects: [] },
    {
      name: 'what Kubernetes keeps in default',
      objects: [
        core('Service', 'kubernetes', { spec: { type: 'ClusterIP' } }, 'default'),
        core('Endpoints', 'kubernetes', {}, 'default'),
        { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } } },
        core('ServiceAccount', 'default', {}, 'default'),
        core('ConfigMap', 'kube-root-ca.crt', { data: {} }, 'default'),
        core('Secret', 'default-token-x7k2p', { type: 'kubernetes.io/service-account-token', metadata: { name: 'default-token-x7k2p', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'default' } } }),
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      ],
    },
    {
      name: 'objects that restrict default, and derived objects',
      objects: [
        netpol('default-deny', 'default'),
        core('ResourceQuota', 'no-pods', { spec: { hard: { pods: '0' } } }, 'default'),
        core('LimitRange', 'limits', {}, 'default'),
        core('Event', 'web.17a', {}, 'default'),
        { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'default' } },
      ],
    },
    { name: 'objects in other namespaces', objects: [deploy('web', 'shop'), core('Service', 'web', {}, 'shop'), core('ConfigMap', 'cfg', {}, 'shop')] },
    { name: 'objects without namespace when the default namespace is set to another', objects: [deploy('web'), core('ConfigMap', 'cfg')], snapshotOptions: { defaultNamespace: 'argocd' } },
    {
      name: 'cluster-scoped custom kinds without namespace are not in default',
      objects: [
        { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'deny' }, spec: {} },
        { apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: {} },
        { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: {} },
      ],
    },
  ],
  invalid: [
    {
      name: 'an application applied without a namespace, as argo-cd install.yaml is',
      objects: [
        deploy('argocd-server'),
        workload('StatefulSet', 'argocd-application-controller', undefined, { containers: [{ name: 'c', image: 'x' }] }),
        core('Service', 'argocd-server', { spec: { selector: { app: 'x' } } }),
        core('ConfigMap', 'argocd-cm', { data: {} }),
        core('Secret', 'argocd-secret', { type: 'Opaque', data: { key: 'dmFsdWU=' } }),
        core('ServiceAccount', 'argocd-server'),
        rbac('Role', 'argocd-server', { rules: [] }),
        rbac('RoleBinding', 'argocd-server', { roleRef, subjects: [] }),
      ],
      findings: [
        { messageId: 'inDefault', resource: { kind: 'Deployment', namespace: 'default', name: 'argocd-server' }, path: 'metadata.namespace' },
        { messageId: 'inDefault', resource: { kind: 'StatefulSet', name: 'argocd-application-controller' } },
        { messageId: 'inDefault', resource: { kind: 'Service', name: 'argocd-server' } },
        { messageId: 'inDefault', resource: { kind: 'ConfigMap', name: 'argocd-cm' } },
        { messageId: 'inDefault', resource: { kind: 'Secret', name: 'argocd-secret' } },
        { messageId: 'inDefault', resource: { kind: 'ServiceAccount', name: 'argocd-server' } },
        { messageId: 'inDefault', resource: { kind: 'Role', name: 'argocd-server' } },
        { messageId: 'inDefault', resource: { kind: 'RoleBinding', name: 'argocd-server' } },
      ],
    },
    {
      name: 'explicit namespace default, every workload kind',
      objects: [
        workload('Pod', 'p', 'default', { containers: [{ name: 'c' }] }),
        workload('Job', 'j', 'default', { containers: [{ name: 'c' }] }),
        workload('CronJob', 'cj', 'default', { containers: [{ name: 'c' }] }),
        workload('DaemonSet', 'ds', 'default', { containers: [{ name: 'c' }] }),
        workload('ReplicationController', 'rc', 'default', { containers: [{ name: 'c' }] }),
        workload('PodTemplate', 'pt', 'default', { containers: [{ name: 'c' }] }),
      ],
      findings: ['Pod', 'Job', 'CronJob', 'DaemonSet', 'ReplicationController', 'PodTemplate'].map((kind) => ({ messageId: 'inDefault', resource: { kind, namespace: 'default' } })),
    },
    {
      name: 'a Deployment is reported once, not its ReplicaSet and Pods',
      objects: [
        deploy('web'),
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c' }] } } } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-a', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true }] }, spec: { containers: [{ name: 'c' }] } },
      ],
      findings: [{ messageId: 'inDefault', resource: { kind: 'Deployment', name: 'web' } }],
    },
    {
      name: 'a Secret controlled by a Certificate is reported through the Certificate',
      objects: [
        { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web-tls', uid: 'u1' }, spec: {} },
        core('Secret', 'web-tls', { type: 'kubernetes.io/tls', metadata: { name: 'web-tls', ownerReferences: [{ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: 'web-tls', uid: 'u1', controller: true }] } }),
      ],
      findings: [{ messageId: 'inDefault', resource: { kind: 'Certificate', name: 'web-tls' } }],
    },
    {
      name: 'Ingress, PVC and a Service named like the built-in one in another group',
      objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: {} },
        core('PersistentVolumeClaim', 'data', { spec: {} }),
        { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: {} },
        core('ServiceAccount', 'builder'),
      ],
      findings: [
        { messageId: 'inDefault', resource: { kind: 'Ingress', name: 'web' } },
        { messageId: 'inDefault', resource: { kind: 'PersistentVolumeClaim', name: 'data' } },
        { messageId: 'inDefault', resource: { kind: 'Service', name: 'kubernetes' } },
        { messageId: 'inDefault', resource: { kind: 'ServiceAccount', name: 'builder' } },
      ],
    },
  ],
});

describe('network/no-default-namespace verdicts', () => {
  it('fails outside strict mode: default is a user namespace', () => {
    expect(statusOf(noDefaultNamespace, [deploy('web')])).toBe('FAIL');
    expect(statusOf(noDefaultNamespace, [deploy('web', 'shop')])).toBe('PASS');
  });

  it('gives PASS evidence when default holds only built-ins', () => {
    expect(findingsOf(noDefaultNamespace, [core('ServiceAccount', 'default')]).map((f) => [f.status, f.messageId])).toEqual([['PASS', 'clean']]);
  });
});

checkRuleProperties(noDefaultNamespace, { arbitraries: networkArbitraries });

describe('network/no-default-namespace properties', () => {
  it('reports only objects of the default namespace, each at most once', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 12 }), (objects) => {
        const findings = evaluate(createSnapshot(objects), noDefaultNamespace, { strict: true }).controls.flatMap((c) => c.findings).filter((f) => f.status === 'FAIL');
        for (const f of findings) expect(f.resource?.namespace).toBe('default');
        const keys = findings.map((f) => `${f.resource?.apiVersion ?? ''}|${f.resource?.kind ?? ''}|${f.resource?.name ?? ''}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('moving every object out of default leaves nothing to report', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 12 }), (objects) => {
        const moved = objects.map((o) => {
          const metadata = (o['metadata'] ?? {}) as Record<string, unknown>;
          return metadata['namespace'] === undefined || metadata['namespace'] === 'default' ? { ...o, metadata: { ...metadata, namespace: 'apps' } } : o;
        });
        const fails = evaluate(createSnapshot(moved), noDefaultNamespace, { strict: true }).controls.flatMap((c) => c.findings).filter((f) => f.status === 'FAIL');
        expect(fails).toEqual([]);
      }),
    );
  });
});
