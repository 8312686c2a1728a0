import { describe, expect, it } from 'vitest';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireNamespaceBoundaries } from './require-namespace-boundaries.js';
import { networkArbitraries } from '../../test/arbitraries.js';
import { deploy, findingsOf, ns, statusOf, workload } from '../../test/helpers.js';

const nsRef = (name: string) => ({ kind: 'Namespace', namespace: null, name });
const pod = (name: string, namespace?: string) => workload('Pod', name, namespace, { containers: [{ name: 'c', image: 'x' }] });

new RuleTester().run(requireNamespaceBoundaries, {
  valid: [
    { name: 'no workloads', objects: [ns('shop')] },
    { name: 'only system workloads', objects: [deploy('coredns', 'kube-system'), deploy('metrics', 'kube-system')] },
    { name: 'workloads in two namespaces', objects: [deploy('web', 'shop'), deploy('api', 'shop'), deploy('blog', 'blog')] },
    { name: 'one workload in its own namespace', objects: [deploy('web', 'shop'), deploy('coredns', 'kube-system')] },
    { name: 'workloads in default and elsewhere (5.7.4 reports default)', objects: [deploy('web'), deploy('api', 'shop')] },
    {
      name: 'a Deployment with its ReplicaSet and Pods is one workload',
      objects: [
        deploy('web', 'shop'),
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c' }] } } } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-a', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true }] }, spec: { containers: [{ name: 'c' }] } },
      ],
    },
  ],
  invalid: [
    { name: 'all workloads share a declared namespace', objects: [ns('shop'), deploy('web', 'shop'), deploy('api', 'shop'), pod('debug', 'shop')], findings: [{ messageId: 'singleNamespace', resource: nsRef('shop') }] },
    { name: 'all workloads share an implicit namespace', objects: [deploy('web', 'apps'), workload('CronJob', 'report', 'apps', { containers: [{ name: 'c' }] }), deploy('dns', 'kube-system')], findings: [{ messageId: 'singleNamespace', resource: nsRef('apps') }] },
    { name: 'all workloads live in default (no namespace set)', objects: [deploy('web'), pod('worker')], findings: [{ messageId: 'allInDefault', resource: nsRef('default') }] },
    { name: 'a single workload in default', objects: [deploy('web', 'default')], findings: [{ messageId: 'allInDefault', resource: nsRef('default') }] },
  ],
});

describe('network/require-namespace-boundaries evidence', () => {
  it('lists each namespace with its workload count', () => {
    const findings = findingsOf(requireNamespaceBoundaries, [deploy('web', 'shop'), deploy('api', 'shop'), deploy('blog', 'blog')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe('User workloads are spread over 2 namespaces: blog (1), shop (2)');
    expect(findings[0]!.evidence.map((e) => [e.resource.name, e.relation])).toEqual([
      ['blog', 'contains 1 workload'],
      ['shop', 'contains 2 workloads'],
    ]);
  });

  it('fails outside strict mode too', () => {
    expect(statusOf(requireNamespaceBoundaries, [deploy('web'), deploy('api')])).toBe('FAIL');
  });
});

checkRuleProperties(requireNamespaceBoundaries, { arbitraries: networkArbitraries });
