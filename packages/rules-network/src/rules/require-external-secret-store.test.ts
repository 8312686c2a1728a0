import { describe, expect, it } from 'vitest';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireExternalSecretStore } from './require-external-secret-store.js';
import { networkArbitraries } from '../../test/arbitraries.js';
import { component, deploy, findingsOf, workload } from '../../test/helpers.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string) => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec: {} });
const annotated = (annotations: Record<string, string>) => {
  const d = deploy('web', 'shop') as { spec: { template: { metadata: Record<string, unknown> } } };
  d.spec.template.metadata = { labels: { app: 'web' }, annotations };
  return d;
};
const secret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, type: 'Opaque', data: { password: 'c2VjcmV0' } });

new RuleTester().run(requireExternalSecretStore, {
  valid: [
    { name: 'External Secrets Operator ExternalSecret', objects: [obj('external-secrets.io/v1beta1', 'ExternalSecret', 'db', 'shop'), secret('db')] },
    { name: 'External Secrets Operator ClusterSecretStore', objects: [obj('external-secrets.io/v1', 'ClusterSecretStore', 'vault')] },
    { name: 'External Secrets Operator controller', objects: [component('external-secrets', 'external-secrets', [{ name: 'c', image: 'ghcr.io/external-secrets/external-secrets:v0.10.0' }], 'Deployment')] },
    { name: 'SecretProviderClass', objects: [obj('secrets-store.csi.x-k8s.io/v1', 'SecretProviderClass', 'aws', 'shop')] },
    {
      name: 'a pod volume of the Secrets Store CSI driver',
      objects: [workload('StatefulSet', 'db', 'shop', { containers: [{ name: 'db', image: 'postgres:16' }], volumes: [{ name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'aws' } } }] })],
    },
    { name: 'Vault agent injection annotation', objects: [annotated({ 'vault.hashicorp.com/agent-inject': 'true', 'vault.hashicorp.com/role': 'web' })] },
    { name: 'Vault agent injector deployment', objects: [component('vault-agent-injector', 'vault', [{ name: 'sidecar-injector', image: 'hashicorp/vault-k8s:1.4.2' }], 'Deployment')] },
    { name: 'Vault Secrets Operator objects', objects: [obj('secrets.hashicorp.com/v1beta1', 'VaultStaticSecret', 'db', 'shop')] },
    { name: 'SealedSecret', objects: [obj('bitnami.com/v1alpha1', 'SealedSecret', 'db', 'shop')] },
    { name: 'Sealed Secrets controller', objects: [component('sealed-secrets-controller', 'kube-system', [{ name: 'c', image: 'docker.io/bitnami/sealed-secrets-controller:0.27.1' }], 'Deployment')] },
    { name: 'SOPS operator object', objects: [obj('isindir.github.com/v1alpha3', 'SopsSecret', 'db', 'shop')] },
  ],
  invalid: [
    { name: 'nothing at all', objects: [], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'only Kubernetes Secrets', objects: [secret('db'), secret('api'), deploy('web', 'shop')], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'a CSI volume of another driver', objects: [workload('Pod', 'p', 'shop', { containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'v', csi: { driver: 'ebs.csi.aws.com' } }] })], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'Vault injection switched off', objects: [annotated({ 'vault.hashicorp.com/agent-inject': 'false' })], findings: [{ messageId: 'none', status: 'WARN' }] },
    { name: 'an ExternalSecret-like kind of another group', objects: [obj('example.com/v1', 'ExternalSecret', 'db', 'shop')], findings: [{ messageId: 'none', status: 'WARN' }] },
  ],
});

describe('network/require-external-secret-store verdicts', () => {
  it('gives one PASS per mechanism with every object as evidence', () => {
    const findings = findingsOf(requireExternalSecretStore, [
      obj('external-secrets.io/v1beta1', 'ExternalSecret', 'b', 'shop'),
      obj('external-secrets.io/v1beta1', 'ExternalSecret', 'a', 'shop'),
      obj('bitnami.com/v1alpha1', 'SealedSecret', 'c', 'shop'),
    ]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['PASS', 'External Secrets Operator is in use: ExternalSecret a, ExternalSecret b'],
      ['PASS', 'Sealed Secrets is in use: SealedSecret c'],
    ]);
    expect(findings[0]!.resource?.name).toBe('a');
    expect(findings[0]!.evidence.map((e) => e.resource.name)).toEqual(['a', 'b']);
  });

  it('points at the CSI volume of a workload', () => {
    const [f] = findingsOf(requireExternalSecretStore, [workload('Deployment', 'web', 'shop', { containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'v', csi: { driver: 'secrets-store.csi.k8s.io' } }] })]);
    expect(f?.path).toBe('spec.template.spec.volumes[0].csi');
  });

  it('lists Secrets by name only', () => {
    const [f] = findingsOf(requireExternalSecretStore, [secret('db')]);
    expect(f?.message).toContain('1 Secret');
    expect(JSON.stringify(f)).not.toContain('c2VjcmV0');
  });
});

checkRuleProperties(requireExternalSecretStore, { arbitraries: networkArbitraries });
