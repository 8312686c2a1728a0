import type { LabelSelector, PolicyRule } from '@kubecis/core';

/**
 * Kubernetes' default roles, which every cluster has whether or not a snapshot holds them.
 * Encoded from Kubernetes' documentation of its default roles ("Using RBAC Authorization",
 * Default roles and role bindings): the user-facing roles, the discovery roles, the core and
 * other component roles, the certificate approver roles and the controller roles, with the
 * permissions that matter for CIS section 5 (secrets, pods, tokens, nodes/proxy,
 * persistentvolumes, certificate signing requests, webhooks, RBAC verbs and wildcards).
 * The snapshot's own definition of a role of the same name always wins.
 */
export interface BuiltInRole {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'ClusterRole' | 'Role';
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels: Readonly<Record<string, string>> };
  readonly rules: readonly PolicyRule[];
  readonly aggregationRule?: { readonly clusterRoleSelectors: readonly LabelSelector[] };
}

const core = '';
const read = ['get', 'list', 'watch'] as const;
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'] as const;
const readWrite = [...read, ...write] as const;
const event = ['create', 'patch', 'update'] as const;

function rule(apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[], resourceNames?: readonly string[]): PolicyRule {
  return {
    apiGroups: [...apiGroups],
    resources: [...resources],
    verbs: [...verbs],
    ...(resourceNames === undefined ? {} : { resourceNames: [...resourceNames] }),
  };
}

function urls(nonResourceURLs: readonly string[], verbs: readonly string[] = ['get']): PolicyRule {
  return { nonResourceURLs: [...nonResourceURLs], verbs: [...verbs] };
}

/** Events are written by nearly every component, through both event API groups. */
const events = (): PolicyRule[] => [rule([core, 'events.k8s.io'], ['events'], event)];

const bootstrapping = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;
const aggregateTo = (role: 'admin' | 'edit' | 'view'): string => `rbac.authorization.k8s.io/aggregate-to-${role}`;

function clusterRole(name: string, rules: readonly PolicyRule[], extraLabels: Record<string, string> = {}): BuiltInRole {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: { ...bootstrapping, ...extraLabels } }, rules };
}

function aggregatedRole(name: string, from: 'admin' | 'edit' | 'view', extraLabels: Record<string, string> = {}): BuiltInRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { ...bootstrapping, ...extraLabels } },
    rules: [],
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateTo(from)]: 'true' } }] },
  };
}

function namespacedRole(namespace: string, name: string, rules: readonly PolicyRule[]): BuiltInRole {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace, labels: { ...bootstrapping } }, rules };
}

const controller = (name: string, rules: readonly PolicyRule[]): BuiltInRole => clusterRole(`system:controller:${name}`, [...rules, ...events()]);

function build(): readonly BuiltInRole[] {
  const roles: BuiltInRole[] = [
    // User-facing roles.
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    aggregatedRole('admin', 'admin'),
    aggregatedRole('edit', 'edit', { [aggregateTo('admin')]: 'true' }),
    aggregatedRole('view', 'view', { [aggregateTo('edit')]: 'true' }),
    clusterRole(
      'system:aggregate-to-admin',
      [
        rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
        rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], readWrite),
      ],
      { [aggregateTo('admin')]: 'true' },
    ),
    clusterRole(
      'system:aggregate-to-edit',
      [
        // Reading secrets and reaching into pods is what separates edit from view.
        rule([core], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], read),
        rule([core], ['serviceaccounts'], ['impersonate']),
        rule([core], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], write),
        rule([core], ['pods/eviction'], ['create']),
        rule(
          [core],
          ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'],
          write,
        ),
        rule([core], ['serviceaccounts/token'], ['create']),
        rule(
          ['apps'],
          ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'],
          write,
        ),
        rule(['autoscaling'], ['horizontalpodautoscalers'], write),
        rule(['batch'], ['cronjobs', 'jobs'], write),
        rule(
          ['extensions'],
          ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'],
          write,
        ),
        rule(['policy'], ['poddisruptionbudgets'], write),
        rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], write),
      ],
      { [aggregateTo('edit')]: 'true' },
    ),
    clusterRole(
      'system:aggregate-to-view',
      [
        rule(
          [core],
          ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'],
          read,
        ),
        rule(
          [core],
          ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'],
          read,
        ),
        rule([core], ['namespaces'], read),
        rule(['discovery.k8s.io'], ['endpointslices'], read),
        rule(
          ['apps'],
          [
            'controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets',
            'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status',
          ],
          read,
        ),
        rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], read),
        rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], read),
        rule(
          ['extensions'],
          [
            'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status',
            'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale',
          ],
          read,
        ),
        rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], read),
        rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], read),
      ],
      { [aggregateTo('view')]: 'true' },
    ),

    // Discovery roles.
    clusterRole('system:basic-user', [
      rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ]),
    clusterRole('system:discovery', [urls(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])]),
    clusterRole('system:public-info-viewer', [urls(['/healthz', '/livez', '/readyz', '/version', '/version/'])]),
    clusterRole('system:monitoring', [urls(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]),
    clusterRole('system:service-account-issuer-discovery', [
      urls(['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/']),
    ]),

    // Core component roles.
    clusterRole('system:kube-scheduler', [
      ...events(),
      rule(['coordination.k8s.io'], ['leases'], ['create']),
      rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-scheduler']),
      rule([core], ['endpoints'], ['create']),
      rule([core], ['endpoints'], ['get', 'update'], ['kube-scheduler']),
      rule([core], ['nodes'], read),
      rule([core], ['pods'], ['delete', ...read]),
      rule([core], ['bindings', 'pods/binding'], ['create']),
      rule([core], ['pods/status'], ['patch', 'update']),
      rule([core], ['replicationcontrollers', 'services'], read),
      rule(['apps', 'extensions'], ['replicasets'], read),
      rule(['apps'], ['statefulsets'], read),
      rule(['policy'], ['poddisruptionbudgets'], read),
      rule([core], ['persistentvolumeclaims', 'persistentvolumes'], read),
      rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
      rule(['storage.k8s.io'], ['csinodes', 'csidrivers', 'csistoragecapacities'], read),
      rule([core], ['namespaces'], read),
    ]),
    clusterRole('system:volume-scheduler', [
      rule([core], ['persistentvolumes'], [...read, 'patch', 'update']),
      rule(['storage.k8s.io'], ['storageclasses'], read),
      rule([core], ['persistentvolumeclaims'], [...read, 'patch', 'update']),
    ]),
    clusterRole('system:kube-controller-manager', [
      ...events(),
      rule(['coordination.k8s.io'], ['leases'], ['create']),
      rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-controller-manager']),
      rule([core], ['endpoints'], ['create']),
      rule([core], ['endpoints'], ['get', 'update'], ['kube-controller-manager']),
      rule([core], ['secrets', 'serviceaccounts'], ['create']),
      rule([core], ['secrets'], ['delete']),
      rule([core], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts'], ['get']),
      rule([core], ['secrets', 'serviceaccounts'], ['update']),
      rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
      // It watches everything to drive the controllers.
      rule(['*'], ['*'], ['list', 'watch']),
      rule([core], ['serviceaccounts/token'], ['create']),
    ]),
    clusterRole('system:node', [
      rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews'], ['create']),
      rule([core], ['services'], read),
      rule([core], ['nodes'], ['create', ...read]),
      rule([core], ['nodes/status'], ['patch', 'update']),
      rule([core], ['nodes'], ['patch', 'update']),
      ...events(),
      rule([core], ['pods'], read),
      // Mirror pods for static pods.
      rule([core], ['pods'], ['create', 'delete']),
      rule([core], ['pods/status'], ['patch', 'update']),
      rule([core], ['pods/eviction'], ['create']),
      rule([core], ['configmaps', 'secrets'], read),
      rule([core], ['persistentvolumeclaims', 'persistentvolumes'], ['get']),
      rule([core], ['endpoints'], ['get']),
      rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', ...read]),
      rule(['coordination.k8s.io'], ['leases'], ['create', 'delete', 'get', 'patch', 'update']),
      rule(['storage.k8s.io'], ['volumeattachments'], ['get']),
      rule([core], ['serviceaccounts/token'], ['create']),
      rule([core], ['persistentvolumeclaims/status'], ['get', 'patch', 'update']),
      rule(['storage.k8s.io'], ['csidrivers'], read),
      rule(['storage.k8s.io'], ['csinodes'], ['create', 'delete', 'get', 'patch', 'update']),
      rule(['node.k8s.io'], ['runtimeclasses'], read),
    ]),
    clusterRole('system:node-proxier', [
      rule([core], ['endpoints', 'services'], ['list', 'watch']),
      rule([core], ['nodes'], read),
      ...events(),
      rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
    ]),

    // Other component roles.
    clusterRole('system:auth-delegator', [
      rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    ]),
    clusterRole('system:heapster', [rule([core], ['events', 'namespaces', 'nodes', 'pods'], read), rule(['extensions'], ['deployments'], read)]),
    clusterRole('system:kube-aggregator', [rule([core], ['endpoints', 'services'], read)]),
    clusterRole('system:kube-dns', [rule([core], ['endpoints', 'services'], ['list', 'watch']), rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch'])]),
    clusterRole('system:kubelet-api-admin', [
      rule([core], ['nodes'], [...read, 'proxy']),
      rule([core], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'], ['*']),
    ]),
    clusterRole('system:node-bootstrapper', [rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', ...read])]),
    clusterRole('system:node-problem-detector', [rule([core], ['nodes'], ['get']), rule([core], ['nodes/status'], ['patch']), ...events()]),
    clusterRole('system:persistent-volume-provisioner', [
      rule([core], ['persistentvolumes'], ['create', 'delete', ...read]),
      rule([core], ['persistentvolumeclaims'], [...read, 'update']),
      rule(['storage.k8s.io'], ['storageclasses'], read),
      rule([core], ['events'], ['create', 'list', 'patch', 'update', 'watch']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      rule(['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['create']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      rule(['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'], ['create']),
    ]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-approver', [
      rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client']),
    ]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', [
      rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    ]),
    clusterRole('system:certificates.k8s.io:kubelet-serving-approver', [
      rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kubelet-serving']),
    ]),
    clusterRole('system:certificates.k8s.io:legacy-unknown-approver', [
      rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/legacy-unknown']),
    ]),

    // Controller roles (kube-controller-manager with --use-service-account-credentials).
    controller('attachdetach-controller', [
      rule([core], ['persistentvolumeclaims', 'persistentvolumes'], read),
      rule([core], ['nodes'], read),
      rule([core], ['nodes/status'], ['patch', 'update']),
      rule([core], ['pods'], ['list', 'watch']),
      rule(['storage.k8s.io'], ['volumeattachments'], ['create', 'delete', ...read]),
      rule(['storage.k8s.io'], ['csidrivers', 'csinodes'], read),
    ]),
    controller('certificate-controller', [
      rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['delete', ...read]),
      rule(['certificates.k8s.io'], ['certificatesigningrequests/approval', 'certificatesigningrequests/status'], ['update']),
      rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      rule(
        ['certificates.k8s.io'],
        ['signers'],
        ['sign'],
        ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown'],
      ),
      rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    ]),
    controller('clusterrole-aggregation-controller', [rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['escalate', 'get', 'list', 'patch', 'update', 'watch'])]),
    controller('cronjob-controller', [
      rule(['batch'], ['cronjobs'], ['get', 'list', 'update', 'watch']),
      rule(['batch'], ['jobs'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
      rule(['batch'], ['cronjobs/status'], ['update']),
      rule(['batch'], ['cronjobs/finalizers'], ['update']),
      rule([core], ['pods'], ['delete', 'list']),
    ]),
    controller('daemon-set-controller', [
      rule(['apps', 'extensions'], ['daemonsets'], read),
      rule(['apps', 'extensions'], ['daemonsets/status'], ['update']),
      rule(['apps', 'extensions'], ['daemonsets/finalizers'], ['update']),
      rule([core], ['nodes'], ['list', 'watch']),
      rule([core], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
      rule([core], ['pods/binding'], ['create']),
      rule(['apps'], ['controllerrevisions'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
    ]),
    controller('deployment-controller', [
      rule(['apps', 'extensions'], ['deployments'], ['get', 'list', 'update', 'watch']),
      rule(['apps', 'extensions'], ['deployments/status'], ['update']),
      rule(['apps', 'extensions'], ['deployments/finalizers'], ['update']),
      rule(['apps', 'extensions'], ['replicasets'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
      rule([core], ['pods'], ['get', 'list', 'update', 'watch']),
    ]),
    controller('disruption-controller', [
      rule(['apps', 'extensions'], ['deployments'], read),
      rule(['apps', 'extensions'], ['replicasets'], read),
      rule([core], ['replicationcontrollers'], read),
      rule(['policy'], ['poddisruptionbudgets'], read),
      rule(['apps'], ['statefulsets'], read),
      rule(['policy'], ['poddisruptionbudgets/status'], ['update']),
      rule(['*'], ['*/scale'], ['get']),
      rule([core], ['pods/status'], ['patch']),
    ]),
    controller('endpoint-controller', [
      rule([core], ['pods', 'services'], read),
      rule([core], ['endpoints'], ['create', 'delete', 'get', 'list', 'update']),
      rule([core], ['endpoints/restricted'], ['create']),
    ]),
    controller('endpointslice-controller', [
      rule([core], ['nodes', 'pods', 'services'], read),
      rule(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update']),
    ]),
    controller('endpointslicemirroring-controller', [
      rule([core], ['endpoints', 'services'], read),
      rule(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update']),
    ]),
    controller('ephemeral-volume-controller', [
      rule([core], ['pods'], read),
      rule([core], ['pods/finalizers'], ['update']),
      rule([core], ['persistentvolumeclaims'], ['create', ...read]),
    ]),
    controller('expand-controller', [
      rule([core], ['persistentvolumes'], [...read, 'patch', 'update']),
      rule([core], ['persistentvolumeclaims/status'], ['patch', 'update']),
      rule([core], ['persistentvolumeclaims'], read),
      rule(['storage.k8s.io'], ['storageclasses'], read),
      rule([core], ['endpoints', 'services'], ['get']),
    ]),
    controller('generic-garbage-collector', [rule(['*'], ['*'], ['delete', 'get', 'list', 'patch', 'update', 'watch'])]),
    controller('horizontal-pod-autoscaler', [
      rule(['autoscaling'], ['horizontalpodautoscalers'], read),
      rule(['autoscaling'], ['horizontalpodautoscalers/status'], ['update']),
      rule(['*'], ['*/scale'], ['get', 'update']),
      rule([core], ['pods'], ['list']),
      rule(['metrics.k8s.io'], ['pods'], ['list']),
      rule(['custom.metrics.k8s.io'], ['*'], ['get', 'list']),
      rule(['external.metrics.k8s.io'], ['*'], ['get', 'list']),
    ]),
    controller('job-controller', [
      rule(['batch'], ['jobs'], ['get', 'list', 'update', 'watch']),
      rule(['batch'], ['jobs/status'], ['update']),
      rule(['batch'], ['jobs/finalizers'], ['update']),
      rule([core], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    ]),
    controller('namespace-controller', [
      rule([core], ['namespaces'], ['delete', ...read]),
      rule([core], ['namespaces/finalize', 'namespaces/status'], ['update']),
      rule(['*'], ['*'], ['delete', 'deletecollection', ...read]),
    ]),
    controller('node-controller', [
      rule([core], ['nodes'], ['delete', 'get', 'list', 'patch', 'update']),
      rule([core], ['nodes/status'], ['patch', 'update']),
      rule([core], ['pods/status'], ['patch', 'update']),
      rule([core], ['pods'], ['delete', 'get', 'list']),
    ]),
    controller('persistent-volume-binder', [
      rule([core], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
      rule([core], ['persistentvolumes/status'], ['update']),
      rule([core], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
      rule([core], ['persistentvolumeclaims/status'], ['update']),
      rule([core], ['pods'], ['create', 'delete', ...read]),
      rule([core], ['endpoints', 'services'], ['create', 'delete', 'get']),
      rule([core], ['nodes'], ['get', 'list']),
      rule(['storage.k8s.io'], ['storageclasses'], read),
    ]),
    controller('pod-garbage-collector', [rule([core], ['pods'], ['delete', 'list', 'watch']), rule([core], ['pods/status'], ['patch']), rule([core], ['nodes'], ['get', 'list'])]),
    controller('pv-protection-controller', [rule([core], ['persistentvolumes'], ['get', 'list', 'update', 'watch'])]),
    controller('pvc-protection-controller', [rule([core], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']), rule([core], ['pods'], read)]),
    controller('replicaset-controller', [
      rule(['apps', 'extensions'], ['replicasets'], ['get', 'list', 'update', 'watch']),
      rule(['apps', 'extensions'], ['replicasets/status'], ['update']),
      rule(['apps', 'extensions'], ['replicasets/finalizers'], ['update']),
      rule([core], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    ]),
    controller('replication-controller', [
      rule([core], ['replicationcontrollers'], ['get', 'list', 'update', 'watch']),
      rule([core], ['replicationcontrollers/status'], ['update']),
      rule([core], ['replicationcontrollers/finalizers'], ['update']),
      rule([core], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    ]),
    controller('resourcequota-controller', [rule(['*'], ['*'], ['list', 'watch']), rule([core], ['resourcequotas/status'], ['update'])]),
    controller('root-ca-cert-publisher', [rule([core], ['configmaps'], ['create', 'update'])]),
    controller('route-controller', [rule([core], ['nodes'], ['list']), rule([core], ['nodes/status'], ['patch'])]),
    controller('service-account-controller', [rule([core], ['serviceaccounts'], ['create'])]),
    controller('service-controller', [
      rule([core], ['services'], read),
      rule([core], ['services/status'], ['patch', 'update']),
      rule([core], ['nodes'], ['list', 'watch']),
    ]),
    controller('statefulset-controller', [
      rule([core], ['pods'], read),
      rule(['apps'], ['statefulsets'], read),
      rule(['apps'], ['statefulsets/status'], ['update']),
      rule(['apps'], ['statefulsets/finalizers'], ['update']),
      rule([core], ['pods'], ['create', 'delete', 'get', 'patch', 'update']),
      rule(['apps'], ['controllerrevisions'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
      rule([core], ['persistentvolumeclaims'], ['create', 'get']),
    ]),
    controller('ttl-controller', [rule([core], ['nodes'], ['list', 'patch', 'update', 'watch'])]),
    controller('ttl-after-finished-controller', [rule(['batch'], ['jobs'], ['delete', ...read])]),
    controller('legacy-service-account-token-cleaner', [
      rule([core], ['configmaps'], ['get'], ['kube-apiserver-legacy-service-account-token-tracking']),
      rule([core], ['secrets'], ['delete', 'patch']),
    ]),
    controller('validatingadmissionpolicy-status-controller', [
      rule(['admissionregistration.k8s.io'], ['validatingadmissionpolicies'], read),
      rule(['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status'], ['get', 'patch', 'update']),
    ]),

    // Namespaced default roles.
    namespacedRole('kube-system', 'extension-apiserver-authentication-reader', [
      rule([core], ['configmaps'], read, ['extension-apiserver-authentication']),
    ]),
    namespacedRole('kube-system', 'system::leader-locking-kube-controller-manager', [
      rule([core], ['configmaps'], ['watch']),
      rule([core], ['configmaps'], ['get', 'update'], ['kube-controller-manager']),
    ]),
    namespacedRole('kube-system', 'system::leader-locking-kube-scheduler', [
      rule([core], ['configmaps'], ['watch']),
      rule([core], ['configmaps'], ['get', 'update'], ['kube-scheduler']),
    ]),
    namespacedRole('kube-system', 'system:controller:bootstrap-signer', [rule([core], ['secrets'], read)]),
    namespacedRole('kube-system', 'system:controller:cloud-provider', [rule([core], ['configmaps'], ['create', ...read])]),
    namespacedRole('kube-system', 'system:controller:token-cleaner', [rule([core], ['secrets'], ['delete', ...read]), ...events()]),
    namespacedRole('kube-public', 'system:controller:bootstrap-signer', [
      rule([core], ['configmaps'], read),
      rule([core], ['configmaps'], ['update'], ['cluster-info']),
      ...events(),
    ]),
  ];
  return roles;
}

/** Every built-in role, frozen. */
export const builtInRoles: readonly BuiltInRole[] = /* @__PURE__ */ deepFreeze(/* @__PURE__ */ build());

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The built-in role of that kind, namespace and name, if Kubernetes defines one. */
export function builtInRole(kind: 'Role' | 'ClusterRole', namespace: string | null, name: string): BuiltInRole | undefined {
  return builtInRoles.find((r) => r.kind === kind && r.metadata.name === name && (kind === 'ClusterRole' || r.metadata.namespace === namespace));
}
