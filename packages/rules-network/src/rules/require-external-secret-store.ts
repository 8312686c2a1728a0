import { defineRule, type Rule } from '@kubecis/core';
import { joinNames, plural } from '../engine/read.js';
import { clusterSecrets, mechanismEvidence, secretStoreMechanisms } from '../engine/secret-stores.js';

/** CIS 5.4.2: secrets are kept in an external store rather than only in Kubernetes Secrets. */
export const requireExternalSecretStore: Rule = /* @__PURE__ */ defineRule({
  id: 'network/require-external-secret-store',
  meta: {
    title: 'Consider external secret storage',
    description: 'Secrets should come from an external secret store (External Secrets Operator, Secrets Store CSI driver, Vault, Sealed Secrets or similar)',
    rationale:
      'Kubernetes Secrets are only base64-encoded, readable by anyone with get/list on Secrets in the namespace, and encrypted at rest only if the API server is configured for it. ' +
      'An external store adds its own access control, auditing and rotation. The rule recognises the External Secrets Operator (ExternalSecret, SecretStore, ClusterSecretStore objects or its controller), ' +
      'the Secrets Store CSI driver (SecretProviderClass objects, csi volumes with driver secrets-store.csi.k8s.io, its CSIDriver or driver image), HashiCorp Vault (vault.hashicorp.com/agent-inject annotations, the injector or the Vault Secrets Operator), ' +
      'Sealed Secrets (SealedSecret objects or its controller), and the Bank-Vaults, SOPS, 1Password, Doppler, Infisical and Azure Key Vault operators. None found gives a WARN: a store used by the applications themselves is not visible in objects.',
    remediation:
      'Keep secrets in an external secret manager (a cloud secret manager, Vault) and bring them into the cluster with the External Secrets Operator or the Secrets Store CSI driver, or commit only encrypted SealedSecrets.',
    severity: 'low',
    type: 'manual-assist',
    controls: {
      'cis-1.7': ['5.4.2'],
      'cis-1.8': ['5.4.2'],
      'cis-1.9': ['5.4.2'],
      'cis-1.10': ['5.4.2'],
      'cis-1.11': ['5.4.2'],
      'cis-1.12': ['5.4.2'],
      'cis-2.0': ['5.4.2'],
    },
    tags: ['secrets'],
    messages: {
      inUse: '{mechanism} is in use: {objects}',
      none: 'No external secret store was found (no External Secrets Operator, Secrets Store CSI driver, Vault injection or Sealed Secrets objects) and the snapshot holds {secrets}; check whether applications read their secrets from an external store directly',
    },
  },
  *check(snapshot, context) {
    const mechanisms = secretStoreMechanisms(snapshot);
    for (const mechanism of mechanisms) {
      const first = mechanism.objects[0]!;
      yield context.pass({
        messageId: 'inUse',
        data: { mechanism: mechanism.name, objects: joinNames(mechanism.objects.map((o) => o.what), 3) },
        resource: first.object,
        path: first.path,
        evidence: mechanismEvidence(snapshot, mechanism),
      });
    }
    if (mechanisms.length === 0) {
      const secrets = clusterSecrets(snapshot).length;
      yield context.warn({
        messageId: 'none',
        data: { secrets: plural(secrets, 'Secret') },
        evidence: clusterSecrets(snapshot).map((s) => ({ resource: snapshot.refOf(s), path: null, relation: 'stored' })),
      });
    }
  },
});
