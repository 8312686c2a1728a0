// What the collector lists: every kind the rule packs read, and how much of each object.
//
// - `full`: the whole object (workloads, RBAC, policies).
// - `metadata`: identity, labels and annotations only (PartialObjectMetadataList), for kinds the
//   rules only need to know exist: ConfigMaps (5.7.4 reports them in `default`), secret-store
//   custom resources (5.4.2 looks for them), bundles of other engines.
// - `secret`: Secrets as a server-side Table of metadata plus the TYPE column, so that no Secret
//   value is ever sent by the server (5.4.2 counts them, 5.7.4 needs their type).

export type CollectMode = 'full' | 'metadata' | 'secret';

export interface KindSpec {
  readonly group: string;
  /** A kind name, or `*` for every listable kind of the group. */
  readonly kind: string;
  readonly mode: CollectMode;
  /** Built into Kubernetes (listed even when discovery is refused). */
  readonly builtIn?: {
    readonly version: string;
    readonly resource: string;
    readonly namespaced: boolean;
  };
}

const core = (kind: string, resource: string, namespaced: boolean, mode: CollectMode = 'full'): KindSpec => ({
  group: '',
  kind,
  mode,
  builtIn: { version: 'v1', resource, namespaced },
});
const builtIn = (group: string, kind: string, resource: string, namespaced: boolean, version = 'v1'): KindSpec => ({
  group,
  kind,
  mode: 'full',
  builtIn: { version, resource, namespaced },
});
const custom = (group: string, kind: string, mode: CollectMode = 'full'): KindSpec => ({ group, kind, mode });

/** The kinds collected, in the order they are listed and stored. */
export const catalogue: readonly KindSpec[] = Object.freeze([
  core('Namespace', 'namespaces', false),
  core('Pod', 'pods', true),
  core('PodTemplate', 'podtemplates', true),
  core('ReplicationController', 'replicationcontrollers', true),
  core('ServiceAccount', 'serviceaccounts', true),
  core('Service', 'services', true),
  core('Secret', 'secrets', true, 'secret'),
  core('ConfigMap', 'configmaps', true, 'metadata'),
  builtIn('apps', 'Deployment', 'deployments', true),
  builtIn('apps', 'ReplicaSet', 'replicasets', true),
  builtIn('apps', 'StatefulSet', 'statefulsets', true),
  builtIn('apps', 'DaemonSet', 'daemonsets', true),
  builtIn('batch', 'Job', 'jobs', true),
  builtIn('batch', 'CronJob', 'cronjobs', true),
  builtIn('rbac.authorization.k8s.io', 'Role', 'roles', true),
  builtIn('rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false),
  builtIn('rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings', true),
  builtIn('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtIn('networking.k8s.io', 'NetworkPolicy', 'networkpolicies', true),
  builtIn('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  builtIn('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  builtIn('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false),
  builtIn('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false),
  builtIn('storage.k8s.io', 'CSIDriver', 'csidrivers', false),
  // Cluster-wide network policies (5.3.2 coverage).
  custom('policy.networking.k8s.io', 'AdminNetworkPolicy'),
  custom('policy.networking.k8s.io', 'BaselineAdminNetworkPolicy'),
  custom('policy.networking.k8s.io', 'ClusterNetworkPolicy'),
  // Policy engines (5.2.1, 5.5.1, 5.7.2/5.7.3 admission control).
  custom('kyverno.io', 'ClusterPolicy'),
  custom('kyverno.io', 'Policy'),
  custom('policies.kyverno.io', '*'),
  custom('templates.gatekeeper.sh', 'ConstraintTemplate'),
  custom('constraints.gatekeeper.sh', '*'),
  custom('config.gatekeeper.sh', 'Config'),
  custom('policies.kubewarden.io', '*'),
  custom('policy.jspolicy.com', '*', 'metadata'),
  custom('policy.sigstore.dev', 'ClusterImagePolicy'),
  custom('config.ratify.deislabs.io', '*', 'metadata'),
  custom('portieris.cloud.ibm.com', '*', 'metadata'),
  // Secret stores (5.4.2): only their existence matters, and some carry ciphertext.
  custom('external-secrets.io', '*', 'metadata'),
  custom('generators.external-secrets.io', '*', 'metadata'),
  custom('kubernetes-client.io', 'ExternalSecret', 'metadata'),
  custom('secrets-store.csi.x-k8s.io', 'SecretProviderClass', 'metadata'),
  custom('secrets.hashicorp.com', '*', 'metadata'),
  custom('bitnami.com', 'SealedSecret', 'metadata'),
  custom('isindir.github.com', 'SopsSecret', 'metadata'),
  custom('onepassword.com', 'OnePasswordItem', 'metadata'),
  custom('secrets.doppler.com', 'DopplerSecret', 'metadata'),
  custom('secrets.infisical.com', 'InfisicalSecret', 'metadata'),
  custom('spv.no', 'AzureKeyVaultSecret', 'metadata'),
  // CNI policies and configuration (5.3.1, 5.3.2).
  custom('crd.projectcalico.org', 'NetworkPolicy'),
  custom('crd.projectcalico.org', 'GlobalNetworkPolicy'),
  custom('projectcalico.org', 'NetworkPolicy'),
  custom('projectcalico.org', 'GlobalNetworkPolicy'),
  custom('cilium.io', 'CiliumNetworkPolicy'),
  custom('cilium.io', 'CiliumClusterwideNetworkPolicy'),
  custom('crd.antrea.io', 'NetworkPolicy'),
  custom('crd.antrea.io', 'ClusterNetworkPolicy'),
  custom('operator.tigera.io', 'Installation'),
]);

/** ConfigMaps whose data the CNI rules read (fetched in full by name, wherever they are). */
export const configMapsRead: ReadonlySet<string> = new Set(['cilium-config', 'amazon-vpc-cni']);

/**
 * Namespaced resources the default-namespace inventory (5.7.4) leaves out: objects Kubernetes
 * derives from others or that restrict the namespace, as the rule does, and metrics.
 */
export const inventorySkipped: ReadonlySet<string> = new Set([
  '/events',
  'events.k8s.io/events',
  '/endpoints',
  'discovery.k8s.io/endpointslices',
  'coordination.k8s.io/leases',
  'apps/controllerrevisions',
  '/resourcequotas',
  '/limitranges',
  '/bindings',
]);

/** Groups never inventoried: aggregated metrics APIs are often down and hold nothing 5.7.4 counts. */
export const inventorySkippedGroups: ReadonlySet<string> = new Set(['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io']);

/** The namespace whose every object 5.7.4 looks at. */
export const inventoryNamespace = 'default';
