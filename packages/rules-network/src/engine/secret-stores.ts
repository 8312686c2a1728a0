// Recognises external secret storage: objects of secret-management operators, CSI secret volumes,
// injector annotations and the controllers themselves.
import { type Evidence, type KubeObject, type Snapshot } from '@kubecis/core';
import { groupOf, isTrue, list, pathIf, record, refKey, sortedByRef, str, objectsOfGroup } from './read.js';
import { workloadImages } from './workload-images.js';

export interface SecretStoreMechanism {
  readonly id: string;
  readonly name: string;
  /** The objects that show it, sorted by identity; the first is the finding's resource. */
  readonly objects: readonly { readonly object: KubeObject; readonly path: string | null; readonly what: string }[];
}

interface Signature {
  readonly id: string;
  readonly name: string;
  /** API groups whose objects show the mechanism (every kind, or the kinds listed). */
  readonly groups?: readonly (readonly [string, readonly string[] | '*'])[];
  /** Image paths of its controllers. */
  readonly image?: RegExp;
}

const signatures: readonly Signature[] = [
  {
    id: 'external-secrets',
    name: 'External Secrets Operator',
    groups: [
      ['external-secrets.io', '*'],
      ['generators.external-secrets.io', '*'],
      ['kubernetes-client.io', ['ExternalSecret']],
    ],
    image: /(^|\/)external-secrets\/external-secrets$|(^|\/)external-secrets\/kubernetes-external-secrets$/,
  },
  {
    id: 'secrets-store-csi',
    name: 'Secrets Store CSI driver',
    groups: [['secrets-store.csi.x-k8s.io', ['SecretProviderClass']]],
    image: /(^|\/)csi-secrets-store\/driver$|(^|\/)secrets-store-csi-driver$|(^|\/)hashicorp\/vault-csi-provider$|(^|\/)secrets-store-csi-driver-provider-(aws|azure|gcp)$|(^|\/)csi-secrets-store-provider-(aws|azure|gcp)$/,
  },
  {
    id: 'vault',
    name: 'HashiCorp Vault',
    groups: [['secrets.hashicorp.com', '*']],
    image: /(^|\/)hashicorp\/(vault-k8s|vault-secrets-operator)$/,
  },
  {
    id: 'bank-vaults',
    name: 'Bank-Vaults secrets webhook',
    image: /(^|\/)bank-vaults\/(vault-secrets-webhook|secrets-webhook)$|(^|\/)banzaicloud\/vault-secrets-webhook$/,
  },
  {
    id: 'sealed-secrets',
    name: 'Sealed Secrets',
    groups: [['bitnami.com', ['SealedSecret']]],
    image: /(^|\/)(bitnami\/sealed-secrets-controller|bitnami-labs\/sealed-secrets-controller|sealed-secrets\/sealed-secrets-controller)$/,
  },
  { id: 'sops', name: 'SOPS secrets operator', groups: [['isindir.github.com', ['SopsSecret']]], image: /(^|\/)isindir\/sops-secrets-operator$/ },
  { id: '1password', name: '1Password Connect operator', groups: [['onepassword.com', ['OnePasswordItem']]], image: /(^|\/)1password\/onepassword-operator$/ },
  { id: 'doppler', name: 'Doppler operator', groups: [['secrets.doppler.com', ['DopplerSecret']]] },
  { id: 'infisical', name: 'Infisical operator', groups: [['secrets.infisical.com', ['InfisicalSecret']]] },
  { id: 'akv2k8s', name: 'Azure Key Vault to Kubernetes', groups: [['spv.no', ['AzureKeyVaultSecret']]], image: /(^|\/)spvest\/azure-keyvault-(controller|webhook)$/ },
];

const csiDriver = 'secrets-store.csi.k8s.io';
const vaultInject = 'vault.hashicorp.com/agent-inject';
const bankVaultsAddr = 'vault.security.banzaicloud.io/vault-addr';

function buildMechanisms(snapshot: Snapshot): readonly SecretStoreMechanism[] {
  const found = new Map<string, { object: KubeObject; path: string | null; what: string }[]>();
  const add = (id: string, object: KubeObject, path: string | null, what: string): void => {
    let entries = found.get(id);
    if (!entries) found.set(id, (entries = []));
    if (!entries.some((e) => e.object === object && e.path === path)) entries.push({ object, path, what });
  };

  // Only the groups a signature names, the CSI driver's and the webhooks' can show a mechanism.
  const groups = new Set([...signatures.flatMap((s) => (s.groups ?? []).map(([g]) => g)), 'storage.k8s.io', 'admissionregistration.k8s.io']);
  for (const object of [...groups].flatMap((g) => objectsOfGroup(snapshot, g))) {
    const group = groupOf(object);
    for (const s of signatures) {
      if (s.groups?.some(([g, kinds]) => g === group && (kinds === '*' || kinds.includes(object.kind)))) add(s.id, object, null, `${object.kind} ${object.metadata.name}`);
    }
    if (object.kind === 'CSIDriver' && object.metadata.name === csiDriver) add('secrets-store-csi', object, null, `CSIDriver ${csiDriver}`);
    if (object.kind === 'MutatingWebhookConfiguration' && object.metadata.name.includes('vault-agent-injector')) add('vault', object, null, `webhook ${object.metadata.name}`);
  }

  for (const workload of snapshot.workloads()) {
    const volumes = list(workload.spec.volumes);
    volumes.forEach((raw, index) => {
      if (str(record(record(raw)?.['csi'])?.['driver']) === csiDriver) {
        add('secrets-store-csi', workload.object, `${workload.specPath}.volumes[${String(index)}].csi`, `${workload.kind} ${workload.ref.name} mounts a ${csiDriver} volume`);
      }
    });
    const annotations = workload.podMetadata.annotations ?? {};
    if (isTrue(annotations[vaultInject])) {
      add('vault', workload.object, pathIf(workload.object, `${workload.metadataPath}.annotations[${JSON.stringify(vaultInject)}]`), `${workload.kind} ${workload.ref.name} has Vault agent injection`);
    }
    if (annotations[bankVaultsAddr] !== undefined) {
      add('bank-vaults', workload.object, pathIf(workload.object, `${workload.metadataPath}.annotations[${JSON.stringify(bankVaultsAddr)}]`), `${workload.kind} ${workload.ref.name} is annotated for Bank-Vaults`);
    }
    for (const { container, image } of workloadImages(snapshot, workload)) {
      const s = signatures.find((sig) => sig.image?.test(image.path));
      if (s) add(s.id, workload.object, `${container.path}.image`, `${workload.kind} ${workload.ref.name} runs ${image.raw}`);
    }
  }

  return signatures
    .filter((s) => found.has(s.id))
    .map((s) => ({
      id: s.id,
      name: s.name,
      objects: [...found.get(s.id)!].sort((a, b) => {
        const ka = `${refKey(snapshot.refOf(a.object))}\u0000${a.path ?? ''}`;
        const kb = `${refKey(snapshot.refOf(b.object))}\u0000${b.path ?? ''}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      }),
    }));
}

/** The external secret stores in use, computed once per snapshot. */
export function secretStoreMechanisms(snapshot: Snapshot): readonly SecretStoreMechanism[] {
  return snapshot.derive(buildMechanisms);
}

/** Evidence for a mechanism: each object that shows it. */
export function mechanismEvidence(snapshot: Snapshot, mechanism: SecretStoreMechanism): Evidence[] {
  return mechanism.objects.map((o) => ({ resource: snapshot.refOf(o.object), path: o.path, relation: 'uses' }));
}

/** Secrets stored in the cluster (their identities only), for context in messages. */
export function clusterSecrets(snapshot: Snapshot): readonly KubeObject[] {
  return sortedByRef(snapshot, snapshot.ofKind('Secret'));
}
