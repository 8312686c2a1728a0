import { describe, expect, it } from 'vitest';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireImageVerification } from './require-image-verification.js';
import { networkArbitraries } from '../../test/arbitraries.js';
import { component, deploy, findingsOf, kyverno, ns, statusOf, validateRule } from '../../test/helpers.js';

const verifyRule = (failureAction?: string) => ({
  name: 'verify-signature',
  match: { any: [{ resources: { kinds: ['Pod'] } }] },
  verifyImages: [{ imageReferences: ['registry.example.com/*'], attestors: [{ entries: [{ keys: { publicKeys: '-----BEGIN PUBLIC KEY-----' } }] }], ...(failureAction ? { failureAction } : {}) }],
});
const cip = (name: string, mode?: string) => ({ apiVersion: 'policy.sigstore.dev/v1beta1', kind: 'ClusterImagePolicy', metadata: { name }, spec: { images: [{ glob: '**' }], authorities: [{ keyless: {} }], ...(mode ? { mode } : {}) } });
const optedIn = (name: string) => ns(name, { 'policy.sigstore.dev/include': 'true' });
const kubewarden = (mode: string) => ({
  apiVersion: 'policies.kubewarden.io/v1',
  kind: 'ClusterAdmissionPolicy',
  metadata: { name: 'verify' },
  spec: { module: 'registry://ghcr.io/kubewarden/policies/verify-image-signatures:v0.2.8', mode, rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }] },
});

new RuleTester().run(requireImageVerification, {
  valid: [
    { name: 'Kyverno verifyImages in Enforce mode', objects: [kyverno('ClusterPolicy', 'verify', [verifyRule()], { validationFailureAction: 'Enforce' })] },
    { name: 'Kyverno verifyImages with failureAction Enforce on the entry', objects: [kyverno('ClusterPolicy', 'verify', [verifyRule('Enforce')])] },
    { name: 'a namespaced Kyverno Policy', objects: [kyverno('Policy', 'verify', [verifyRule()], { validationFailureAction: 'Enforce' }, 'shop')] },
    { name: 'Kyverno ImageValidatingPolicy with Deny', objects: [{ apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'ImageValidatingPolicy', metadata: { name: 'ivpol' }, spec: { validationActions: ['Deny'] } }] },
    { name: 'Sigstore ClusterImagePolicy with an opted-in namespace', objects: [cip('keyless'), optedIn('shop'), deploy('web', 'shop')] },
    {
      name: 'Sigstore webhook only, in a snapshot without user namespaces',
      objects: [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'policy.sigstore.dev' }, webhooks: [] }],
    },
    { name: 'Connaisseur', objects: [component('connaisseur-deployment', 'connaisseur', [{ name: 'connaisseur', image: 'docker.io/securesystemsengineering/connaisseur:v3.3.0' }], 'Deployment')] },
    { name: 'Ratify', objects: [component('ratify', 'gatekeeper-system', [{ name: 'ratify', image: 'ghcr.io/ratify-project/ratify:v1.2.0' }], 'Deployment'), { apiVersion: 'config.ratify.deislabs.io/v1beta1', kind: 'Verifier', metadata: { name: 'verifier-notation' }, spec: {} }] },
    { name: 'Portieris', objects: [{ apiVersion: 'portieris.cloud.ibm.com/v1', kind: 'ClusterImagePolicy', metadata: { name: 'default' }, spec: {} }] },
    { name: 'Kubewarden signature verification in protect mode', objects: [kubewarden('protect')] },
    { name: 'an enforcing verifier beside an auditing one', objects: [kyverno('ClusterPolicy', 'verify', [verifyRule()], { validationFailureAction: 'Enforce' }), kubewarden('monitor')] },
  ],
  invalid: [
    { name: 'nothing verifies images', objects: [deploy('web', 'shop')], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'Kyverno validate rules are not image verification', objects: [kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Enforce' })], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'Kyverno verifyImages in Audit mode', objects: [kyverno('ClusterPolicy', 'verify', [verifyRule()], { validationFailureAction: 'Audit' })], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'Kyverno verifyImages with the default action (Audit)', objects: [kyverno('ClusterPolicy', 'verify', [verifyRule()])], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'Sigstore with no namespace opted in', objects: [cip('keyless'), ns('shop')], findings: [{ messageId: 'inactive', status: 'WARN' }] },
    { name: 'Sigstore in warn mode', objects: [cip('keyless', 'warn'), optedIn('shop')], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'Kubewarden in monitor mode', objects: [kubewarden('monitor')], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    {
      name: 'two verifiers that only audit, one namespaced',
      objects: [kubewarden('monitor'), kyverno('Policy', 'verify', [verifyRule('Audit')], {}, 'shop')],
      findings: [
        { messageId: 'auditOnly', status: 'WARN' },
        { messageId: 'auditOnly', status: 'WARN' },
      ],
    },
  ],
});

describe('network/require-image-verification verdicts', () => {
  it('says that ImagePolicyWebhook is not visible in objects', () => {
    const [f] = findingsOf(requireImageVerification, []);
    expect(f?.message).toContain('ImagePolicyWebhook');
    expect(f?.resource).toBeNull();
  });

  it('names the opted-in namespaces of the Sigstore policy-controller', () => {
    const [f] = findingsOf(requireImageVerification, [cip('keyless'), optedIn('shop'), ns('blog')]);
    expect(f?.status).toBe('PASS');
    expect(f?.message).toContain('in namespaces shop');
    expect(f?.evidence.some((e) => e.relation === 'opted-in' && e.resource.name === 'shop')).toBe(true);
  });

  it('keeps the WARN of an audit-only controller in a system namespace outside strict mode', () => {
    const controller = component('policy-controller-webhook', 'kube-system', [{ name: 'c', image: 'ghcr.io/sigstore/policy-controller/policy-controller:v0.10.0' }], 'Deployment');
    expect(statusOf(requireImageVerification, [controller, ns('shop')])).toBe('WARN');
  });

  it('reads lists that a JavaScript caller gave a `constructor` of their own (found by pnpm fuzz)', () => {
    // Array methods look up the array's `constructor` (then its species): a string there made the rule throw.
    const rules = [verifyRule()];
    Object.defineProperty(rules, 'constructor', { value: 'x', enumerable: true });
    const findings = findingsOf(requireImageVerification, [kyverno('ClusterPolicy', 'verify', rules, { validationFailureAction: 'Enforce' })]);
    expect(findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    expect(findings[0]?.status).toBe('PASS');
  });
});

checkRuleProperties(requireImageVerification, { arbitraries: networkArbitraries });
