// The public surface of @kubecis/rules-network. Explicit named re-exports only.
import { definePack, type Pack } from '@kubecis/core';
import { noDefaultNamespace } from './rules/no-default-namespace.js';
import { noSecretsInEnv } from './rules/no-secrets-in-env.js';
import { requireCniPolicySupport } from './rules/require-cni-policy-support.js';
import { requireExternalSecretStore } from './rules/require-external-secret-store.js';
import { requireImageVerification } from './rules/require-image-verification.js';
import { requireNamespaceBoundaries } from './rules/require-namespace-boundaries.js';
import { requireNetworkPolicy } from './rules/require-network-policy.js';
import { requirePolicyControl } from './rules/require-policy-control.js';

// Rules, in CIS order.
export { requirePolicyControl } from './rules/require-policy-control.js';
export { requireCniPolicySupport } from './rules/require-cni-policy-support.js';
export { requireNetworkPolicy } from './rules/require-network-policy.js';
export { noSecretsInEnv } from './rules/no-secrets-in-env.js';
export { requireExternalSecretStore } from './rules/require-external-secret-store.js';
export { requireImageVerification } from './rules/require-image-verification.js';
export { requireNamespaceBoundaries } from './rules/require-namespace-boundaries.js';
export { noDefaultNamespace } from './rules/no-default-namespace.js';

// Engine: the analyses the rules are built on.
export { admissionIndex, psaEnforce } from './engine/admission.js';
export type { AdmissionIndex, EngineWebhook, Mode, NamespaceAdmission, PolicySource, PsaState } from './engine/admission.js';
export { cniReport } from './engine/cni.js';
export type { CniComponent, CniReport, Enforcement } from './engine/cni.js';
export { networkPolicyIndex, policyDirections, selectsAllPods } from './engine/network-policies.js';
export type { Isolation, NamespacePolicies, NetworkPolicyIndex } from './engine/network-policies.js';
export { secretStoreMechanisms } from './engine/secret-stores.js';
export type { SecretStoreMechanism } from './engine/secret-stores.js';
export { imageVerifiers } from './engine/image-verification.js';
export type { VerifierFinding } from './engine/image-verification.js';
export { userNamespaces } from './engine/namespaces.js';
export type { UserNamespace } from './engine/namespaces.js';

/** Every rule of the pack, in CIS order. */
export const pack: Pack = /* @__PURE__ */ definePack({
  name: 'network',
  description: 'CIS 5.2.1 policy control, 5.3.x network policies and CNI, 5.4.x secrets, 5.5.1 image provenance, and the namespace controls 5.7.1/5.6.1 and 5.7.4/5.6.4',
  rules: [
    requirePolicyControl,
    requireCniPolicySupport,
    requireNetworkPolicy,
    noSecretsInEnv,
    requireExternalSecretStore,
    requireImageVerification,
    requireNamespaceBoundaries,
    noDefaultNamespace,
  ],
});
