import { z } from 'zod';
import { defineRule, globMatcher, type Rule } from '@kubecis/core';

export interface NoPublicLoadBalancerOptions {
  ingressNamespaces: string[];
  allowInternal: boolean;
}

/** Cloud providers' annotations that keep a LoadBalancer Service on the private network, with the value that does it. */
const internalAnnotations: readonly (readonly [string, (value: string) => boolean])[] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (v) => v === 'true' || v === '0.0.0.0/0'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (v) => v === 'internal'],
  ['networking.gke.io/load-balancer-type', (v) => v === 'internal'],
  ['cloud.google.com/load-balancer-type', (v) => v === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (v) => v === 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', (v) => v === 'true'],
];

/** The annotation that makes the Service internal, if any. */
function internalAnnotation(annotations: Readonly<Record<string, string>> | undefined): string | null {
  if (annotations === undefined) return null;
  for (const [key, isInternal] of internalAnnotations) {
    const value = annotations[key];
    if (value !== undefined && isInternal(value.trim().toLowerCase())) return key;
  }
  return null;
}

/** Acme: traffic from the internet enters through the ingress controllers only. */
export const noPublicLoadBalancer: Rule<NoPublicLoadBalancerOptions> = /* @__PURE__ */ defineRule<NoPublicLoadBalancerOptions>({
  id: 'acme/no-public-load-balancer',
  meta: {
    title: 'No LoadBalancer Services outside the ingress namespaces',
    description: 'Services of type LoadBalancer are allowed only in the ingress namespaces; elsewhere an application is exposed through an Ingress or HTTPRoute',
    rationale:
      'A LoadBalancer Service opens the application to the internet without the ingress layer\'s TLS policy, web application firewall, rate limits and access logs, and each one is a separately billed cloud load balancer.',
    remediation:
      'Change the Service to type ClusterIP and route to it with an Ingress or an HTTPRoute of the shared gateway. For traffic that must stay on the private network, annotate the Service as an internal load balancer (accepted when allowInternal is set).',
    severity: 'high',
    type: 'automated',
    controls: {},
    tags: ['network', 'exposure'],
    messages: {
      publicLoadBalancer: 'Service {namespace}/{name} is of type LoadBalancer outside the ingress namespaces ({allowed})',
      ingress: 'Service {namespace}/{name} is a LoadBalancer in an ingress namespace',
      internal: 'Service {namespace}/{name} is an internal LoadBalancer ({annotation})',
      compliant: 'No LoadBalancer Service outside the ingress namespaces ({count} Services checked)',
    },
    options: /* @__PURE__ */ z
      .strictObject({
        ingressNamespaces: z.array(z.string().min(1)).default(['ingress-nginx']).describe('Namespaces where LoadBalancer Services are allowed, globs allowed (edge-*)'),
        allowInternal: z.boolean().default(false).describe('Accept LoadBalancer Services that a cloud provider annotation keeps internal'),
      }),
  },
  *check(snapshot, context) {
    const { ingressNamespaces, allowInternal } = context.options;
    const inIngress = globMatcher(ingressNamespaces);
    const services = snapshot.ofKind('Service');
    let failed = 0;
    for (const service of services) {
      if (service.spec?.type !== 'LoadBalancer') continue;
      const ref = snapshot.refOf(service);
      const data = { namespace: ref.namespace ?? '', name: ref.name };
      if (inIngress(data.namespace)) {
        yield context.pass({ messageId: 'ingress', data, resource: service, path: 'spec.type' });
        continue;
      }
      const annotation = allowInternal ? internalAnnotation(service.metadata.annotations) : null;
      if (annotation !== null) {
        yield context.info({ messageId: 'internal', data: { ...data, annotation }, resource: service, path: 'spec.type' });
        continue;
      }
      failed++;
      yield context.fail({ messageId: 'publicLoadBalancer', data: { ...data, allowed: ingressNamespaces.join(', ') }, resource: service, path: 'spec.type' });
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count: services.length } });
  },
});
