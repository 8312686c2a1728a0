import fc from 'fast-check';
import { arb, build, checkRuleProperties, RuleTester, type TestFramework } from '@kubecis/testkit';
import { noPublicLoadBalancer } from '../src/index.js';

const loadBalancer = (name: string, namespace: string, annotations?: Record<string, string>): ReturnType<typeof build.service> =>
  build.service({ name, namespace, spec: { type: 'LoadBalancer' }, ...(annotations ? { annotations } : {}) });

/** RuleTester cases and the standard properties of acme/no-public-load-balancer. */
export function testNoPublicLoadBalancer(framework?: TestFramework): void {
  new RuleTester(framework ? { framework } : {}).run(noPublicLoadBalancer, {
    valid: [
      { name: 'ClusterIP and NodePort Services', objects: [build.service(), build.service({ name: 'np', spec: { type: 'NodePort' } })] },
      { name: 'a LoadBalancer in the ingress namespace', objects: [loadBalancer('ingress-nginx-controller', 'ingress-nginx')] },
      { name: 'ingress namespaces by glob', objects: [loadBalancer('gw', 'edge-eu'), loadBalancer('gw', 'edge-us')], options: { ingressNamespaces: ['edge-*'] } },
      {
        name: 'internal load balancers when allowed',
        objects: [
          loadBalancer('a', 'shop', { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }),
          loadBalancer('b', 'shop', { 'networking.gke.io/load-balancer-type': 'Internal' }),
          loadBalancer('c', 'shop', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }),
        ],
        options: { allowInternal: true },
      },
    ],
    invalid: [
      {
        name: 'LoadBalancers in two application namespaces',
        objects: [loadBalancer('web', 'shop'), loadBalancer('api', 'payments'), loadBalancer('ok', 'ingress-nginx')],
        findings: [
          { messageId: 'publicLoadBalancer', resource: { kind: 'Service', namespace: 'shop', name: 'web' }, path: 'spec.type' },
          { messageId: 'publicLoadBalancer', resource: { kind: 'Service', namespace: 'payments', name: 'api' }, path: 'spec.type' },
        ],
      },
      {
        name: 'an internal annotation counts only when allowInternal is set',
        objects: [loadBalancer('a', 'shop', { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' })],
        findings: [{ messageId: 'publicLoadBalancer', resource: { name: 'a' } }],
      },
      {
        name: 'an annotation that does not make it internal',
        objects: [loadBalancer('a', 'shop', { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' })],
        options: { allowInternal: true },
        findings: [{ messageId: 'publicLoadBalancer', resource: { name: 'a' } }],
      },
      {
        name: 'a Service without a namespace is in default',
        yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: quick-demo\nspec:\n  type: LoadBalancer\n  ports: [{port: 80}]\n',
        findings: [{ messageId: 'publicLoadBalancer', resource: { namespace: 'default', name: 'quick-demo' } }],
      },
    ],
  });

  checkRuleProperties(noPublicLoadBalancer, {
    ...(framework ? { framework } : {}),
    options: { ingressNamespaces: ['team-b'], allowInternal: true },
    arbitraries: [arb.service({ type: fc.constantFrom('LoadBalancer', 'ClusterIP') })],
  });
}
