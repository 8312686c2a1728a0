import { defineRule, type Rule } from '@kubecis/core';
import { imageVerifiers } from '../engine/image-verification.js';

/** CIS 5.5.1: image provenance is enforced at admission. */
export const requireImageVerification: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-image-verification',
  meta: {
    title: 'Configure Image Provenance using ImagePolicyWebhook admission controller',
    description: 'An admission controller must verify the signatures or provenance of images before pods run them',
    rationale:
      'Without image verification, any image a user can reference runs in the cluster, including tampered or untrusted ones. CIS names the ImagePolicyWebhook admission plugin; ' +
      'admission policy engines do the same job from objects. The rule recognises Kyverno verifyImages rules and ImageValidatingPolicies, the Sigstore policy-controller (ClusterImagePolicy, its webhook or controller; it acts only in namespaces labelled policy.sigstore.dev/include=true), ' +
      'Connaisseur, Ratify, Portieris and Kubewarden signature-verification policies. A mechanism that only audits (Kyverno Audit, Sigstore warn mode, Kubewarden monitor) or that applies to no namespace gives a WARN. ' +
      'ImagePolicyWebhook itself is configured in the API server\'s admission configuration, which is not a Kubernetes object, so when nothing is found the result is a WARN to check by hand.',
    remediation:
      'Deploy an admission controller that verifies image signatures (for example Kyverno verifyImages in Enforce mode, or the Sigstore policy-controller with namespaces opted in), ' +
      'or enable the ImagePolicyWebhook admission plugin on the API server (--enable-admission-plugins=...,ImagePolicyWebhook with --admission-control-config-file).',
    severity: 'medium',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.5.1'],
      'cis-1.8': ['5.5.1'],
      'cis-1.9': ['5.5.1'],
      'cis-1.10': ['5.5.1'],
      'cis-1.11': ['5.5.1'],
      'cis-1.12': ['5.5.1'],
      'cis-2.0': ['5.5.1'],
    },
    tags: ['admission', 'images', 'supply-chain'],
    messages: {
      verified: '{mechanism} verifies images at admission: {detail}',
      auditOnly: '{mechanism} checks images but does not block unverified ones: {detail}',
      inactive: '{mechanism} is installed but verifies nothing: {detail}',
      alsoPresent: '{mechanism} is present too: {detail}',
      none:
        'No admission control that verifies image signatures or provenance was found in the objects; an ImagePolicyWebhook enabled in the API server\'s own admission configuration is not visible in objects, so check the API server\'s --enable-admission-plugins and --admission-control-config-file',
    },
  },
  *check(snapshot, context) {
    const verifiers = imageVerifiers(snapshot);
    const enforcing = verifiers.filter((v) => v.mode === 'enforce');
    for (const v of enforcing) {
      yield context.pass({ messageId: 'verified', data: { mechanism: v.name, detail: v.detail }, resource: v.object, path: v.path, evidence: v.evidence });
    }
    for (const v of verifiers) {
      if (v.mode === 'enforce') continue;
      const data = { mechanism: v.name, detail: v.detail };
      if (enforcing.length > 0) {
        yield context.info({ messageId: 'alsoPresent', data, resource: v.object, path: v.path, evidence: v.evidence });
      } else {
        // A cluster-wide gap: the controller (often in a system namespace) is evidence, not the resource.
        yield context.warn({ messageId: v.mode === 'audit' ? 'auditOnly' : 'inactive', data, evidence: v.evidence });
      }
    }
    if (verifiers.length === 0) yield context.warn({ messageId: 'none' });
  },
});
