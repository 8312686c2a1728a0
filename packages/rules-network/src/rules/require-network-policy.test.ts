import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate, type Finding } from '@kubecis/core';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireNetworkPolicy } from './require-network-policy.js';
import { networkArbitraries, networkObject } from '../../test/arbitraries.js';
import { deploy, findingsOf, netpol, ns } from '../../test/helpers.js';

const nsRef = (name: string) => ({ kind: 'Namespace', namespace: null, name });
const defaultDeny = (namespace?: string) => netpol('default-deny', namespace);
const withLabels = (name: string, namespace: string, labels: Record<string, string>) => {
  const d = deploy(name, namespace) as { spec: { template: { metadata: Record<string, unknown> } } };
  d.spec.template.metadata = { labels };
  return d;
};

new RuleTester().run(requireNetworkPolicy, {
  valid: [
    { name: 'no objects', objects: [] },
    { name: 'a declared namespace with a default-deny policy', objects: [ns('shop'), defaultDeny('shop')] },
    { name: 'an implicit namespace with a policy', objects: [deploy('web', 'shop'), netpol('web', 'shop', { podSelector: { matchLabels: { app: 'web' } } })] },
    { name: 'objects without a namespace and a policy without one share default', objects: [deploy('web'), defaultDeny()] },
    { name: 'partial coverage is evidence, not a failure', objects: [ns('shop'), netpol('ingress-only', 'shop', { podSelector: { matchLabels: { app: 'x' } } })] },
    { name: 'a namespaced Calico NetworkPolicy counts', objects: [ns('shop'), { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { selector: 'all()' } }] },
    { name: 'a CiliumNetworkPolicy counts', objects: [ns('shop'), { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { endpointSelector: {} } }] },
    { name: 'system namespaces are left out', objects: [deploy('coredns', 'kube-system'), ns('kube-public'), ns('kube-node-lease')] },
    {
      name: 'a cluster-scoped policy without namespace does not make default a namespace',
      objects: [{ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'deny' }, spec: {} }, { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'anp' }, spec: {} }],
    },
  ],
  invalid: [
    {
      name: 'a declared and an implicit namespace without policies',
      objects: [ns('shop'), deploy('worker', 'batch'), defaultDeny('blog')],
      findings: [
        { messageId: 'missing', resource: nsRef('shop'), path: null },
        { messageId: 'missing', resource: nsRef('batch'), path: null },
      ],
    },
    { name: 'a policy in another namespace does not count', objects: [ns('shop'), defaultDeny('blog'), ns('blog')], findings: [{ messageId: 'missing', resource: nsRef('shop') }] },
    { name: 'objects without a namespace land in default', objects: [deploy('web'), ns('shop'), defaultDeny('shop')], findings: [{ messageId: 'missing', resource: nsRef('default') }] },
    { name: 'an empty namespace still needs a policy', objects: [ns('empty')], findings: [{ messageId: 'missing', resource: nsRef('empty') }] },
    {
      name: 'a Calico GlobalNetworkPolicy may cover namespaces: WARN',
      objects: [ns('shop'), { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'default-deny' }, spec: { namespaceSelector: "projectcalico.org/name != 'kube-system'" } }],
      findings: [{ messageId: 'clusterWideOnly', status: 'WARN', resource: nsRef('shop') }],
    },
    {
      name: 'an AdminNetworkPolicy applies only to the namespaces its subject selects',
      objects: [
        ns('shop', { env: 'prod' }),
        ns('blog'),
        { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'prod' }, spec: { priority: 10, subject: { namespaces: { matchLabels: { env: 'prod' } } } } },
      ],
      findings: [
        { messageId: 'clusterWideOnly', status: 'WARN', resource: nsRef('shop') },
        { messageId: 'missing', resource: nsRef('blog') },
      ],
    },
    {
      name: 'a CiliumClusterwideNetworkPolicy written without namespace',
      objects: [deploy('web', 'shop'), { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'deny' }, spec: {} }],
      findings: [{ messageId: 'clusterWideOnly', status: 'WARN', resource: nsRef('shop') }],
    },
  ],
});

describe('network/require-network-policy coverage evidence', () => {
  const only = (objects: unknown[]): Finding => {
    const findings = findingsOf(requireNetworkPolicy, objects);
    expect(findings).toHaveLength(1);
    return findings[0]!;
  };

  it('PASSes a namespace isolated for ingress and egress by empty-selector policies', () => {
    const f = only([ns('shop'), netpol('deny-in', 'shop', { podSelector: {} }), netpol('deny-out', 'shop', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(f.status).toBe('PASS');
    expect(f.messageId).toBe('isolated');
    expect(f.evidence.map((e) => e.resource.name)).toEqual(['deny-in', 'deny-out']);
    expect(f.message).toContain('2 NetworkPolicies');
  });

  it('counts an egress section as an Egress policy when policyTypes is absent', () => {
    expect(only([ns('shop'), netpol('both', 'shop', { podSelector: {}, egress: [{ to: [] }] })]).messageId).toBe('isolated');
    expect(only([ns('shop'), netpol('in', 'shop', { podSelector: {}, egress: [] })]).messageId).toBe('partial');
  });

  it('treats an absent podSelector as selecting every pod', () => {
    expect(only([ns('shop'), netpol('all', 'shop', { policyTypes: ['Ingress', 'Egress'] })]).messageId).toBe('isolated');
  });

  it('reports open directions and unselected workloads as INFO', () => {
    const f = only([
      ns('shop'),
      withLabels('web', 'shop', { app: 'web' }),
      withLabels('db', 'shop', { app: 'db' }),
      netpol('web', 'shop', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] }),
    ]);
    expect(f.status).toBe('INFO');
    expect(f.message).toContain('1 of 2 workloads is selected by no ingress policy');
    expect(f.message).toContain('no policy restricts egress');
  });

  it('says when only CNI-specific policies exist', () => {
    const f = only([ns('shop'), { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'x', namespace: 'shop' }, spec: {} }]);
    expect(f.status).toBe('INFO');
    expect(f.message).toContain('CiliumNetworkPolicy');
  });
});

checkRuleProperties(requireNetworkPolicy, { arbitraries: networkArbitraries });

const failOrWarn = (objects: readonly unknown[]): Set<string> =>
  new Set(
    evaluate(createSnapshot(objects), requireNetworkPolicy, { strict: true })
      .controls.flatMap((c) => c.findings)
      .filter((f) => f.status === 'FAIL' || f.status === 'WARN')
      .map((f) => `${f.status}|${f.messageId}|${f.resource?.kind ?? ''}|${f.resource?.namespace ?? ''}|${f.resource?.name ?? ''}`),
  );

const namespaceName = fc.constantFrom('default', 'team-a', 'team-b', 'prod', 'kyverno', 'kube-system');
const isPolicyIn = (o: Record<string, unknown>, namespace: string): boolean => {
  const kind = o['kind'];
  if (kind !== 'NetworkPolicy' && kind !== 'CiliumNetworkPolicy') return false;
  const metadata = o['metadata'] as { namespace?: string } | undefined;
  return (metadata?.namespace ?? 'default') === namespace;
};

describe('network/require-network-policy properties', () => {
  it('adding a NetworkPolicy with an empty podSelector to a namespace never adds findings', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 12 }), namespaceName, fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']), (objects, namespace, policyTypes) => {
        const before = failOrWarn(objects);
        const after = failOrWarn([...objects, netpol('kubecis-added-allow-nothing', namespace, { podSelector: {}, policyTypes })]);
        for (const key of after) expect(before.has(key), `new finding ${key}`).toBe(true);
      }),
    );
  });

  it('removing the last NetworkPolicy of a namespace adds exactly that namespace', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 12 }), namespaceName, fc.constantFrom({}, { matchLabels: { app: 'web' } }), (objects, namespace, podSelector) => {
        const others = objects.filter((o) => !isPolicyIn(o, namespace) && !(o['kind'] === 'Namespace' && (o['metadata'] as { name?: string }).name === namespace));
        const base = [...others, ns(namespace)];
        const policy = netpol('kubecis-last', namespace, { podSelector });
        const withPolicy = failOrWarn([...base, policy]);
        const without = failOrWarn(base);
        for (const key of withPolicy) expect(without.has(key), `finding ${key} vanished`).toBe(true);
        const added = [...without].filter((k) => !withPolicy.has(k));
        if (namespace === 'kube-system') {
          expect(added).toEqual([]);
        } else {
          expect(added).toHaveLength(1);
          expect(added[0]).toMatch(new RegExp(`\\|Namespace\\|\\|${namespace}$`));
        }
      }),
    );
  });
});
