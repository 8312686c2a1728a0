// fast-check arbitraries for the objects the network pack reads: policy engines, CNI workloads,
// secret stores, image verifiers and network policies of every flavour. Values come from small
// pools so that generated objects interact (same namespaces, same names, matching selectors).
import fc from 'fast-check';
import { arb, wrapPodSpec, workloadKindNames } from '@kubecis/testkit';

type Obj = Record<string, unknown>;

export const namespacePool = ['default', 'team-a', 'team-b', 'prod', 'kube-system', 'kyverno'] as const;
const ns = fc.constantFrom(...namespacePool);
const optNs = fc.option(ns, { nil: undefined });
const name = fc.constantFrom('a', 'b', 'web', 'policy', 'kubernetes', 'default');

const meta = (namespaced: boolean): fc.Arbitrary<Obj> =>
  fc
    .tuple(name, namespaced ? optNs : fc.constant(undefined), fc.option(fc.constantFrom({ app: 'web' }, { tier: 'db' }), { nil: undefined }))
    .map(([n, namespace, labels]) => ({ name: n, ...(namespace === undefined ? {} : { namespace }), ...(labels === undefined ? {} : { labels }) }));

const selector: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({}),
  fc.constant({ matchLabels: { app: 'web' } }),
  fc.constant({ matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] }),
  fc.constant('garbage'),
  fc.constant({ matchExpressions: 3 }),
);

/** A Namespace with any mix of Pod Security Admission and opt-in labels. */
export const namespaceObject = (): fc.Arbitrary<Obj> =>
  fc
    .tuple(
      ns,
      fc.option(fc.constantFrom('privileged', 'baseline', 'restricted', 'Restricted', ''), { nil: undefined }),
      fc.option(fc.constantFrom('audit', 'warn'), { nil: undefined }),
      fc.boolean(),
      fc.option(fc.constantFrom({ tier: 'db' }, { app: 'web' }), { nil: undefined }),
    )
    .map(([n, enforce, report, sigstore, extra]) => {
      const labels: Record<string, string> = { ...extra };
      if (enforce !== undefined) labels['pod-security.kubernetes.io/enforce'] = enforce;
      if (report !== undefined) labels[`pod-security.kubernetes.io/${report}`] = 'restricted';
      if (sigstore) labels['policy.sigstore.dev/include'] = 'true';
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels } };
    });

const kyvernoKinds = fc.constantFrom('Pod', 'v1/Pod', 'apps/v1/Deployment', '*', 'Pod/exec', 'ConfigMap', 'CronJob', 'Deployment');
const kyvernoFilter = fc.record(
  {
    resources: fc.record(
      {
        kinds: fc.array(kyvernoKinds, { maxLength: 2 }),
        namespaces: fc.array(fc.constantFrom('team-*', 'prod', 'kube-system', '*'), { maxLength: 2 }),
        namespaceSelector: selector,
        selector,
        operations: fc.constantFrom(['CREATE'], ['UPDATE'], []),
      },
      { requiredKeys: ['kinds'] },
    ),
    subjects: fc.constant([{ kind: 'User', name: 'alice' }]),
  },
  { requiredKeys: ['resources'] },
);
const action = fc.constantFrom('Enforce', 'Audit', 'enforce', 'audit', 'Deny', undefined);

/** A Kyverno ClusterPolicy or Policy with validate, verifyImages or mutate rules. */
export const kyvernoPolicy = (): fc.Arbitrary<Obj> =>
  fc
    .tuple(
      fc.constantFrom('ClusterPolicy', 'Policy'),
      meta(true),
      action,
      fc.option(fc.boolean(), { nil: undefined }),
      fc.array(
        fc.record(
          {
            name: name,
            match: fc.oneof(
              fc.record({ any: fc.array(kyvernoFilter, { minLength: 1, maxLength: 2 }) }),
              fc.record({ all: fc.array(kyvernoFilter, { minLength: 1, maxLength: 2 }) }),
              kyvernoFilter,
            ),
            exclude: fc.oneof(fc.record({ any: fc.array(kyvernoFilter, { maxLength: 1 }) }), kyvernoFilter),
            validate: fc.oneof(fc.record({ pattern: fc.constant({}), failureAction: action }, { requiredKeys: ['pattern'] }), fc.constant(null)),
            verifyImages: fc.array(fc.record({ imageReferences: fc.constant(['*']), failureAction: action }, { requiredKeys: ['imageReferences'] }), { maxLength: 1 }),
            mutate: fc.constant({ patchStrategicMerge: {} }),
          },
          { requiredKeys: ['name', 'match'] },
        ),
        { maxLength: 2 },
      ),
      fc.array(fc.record({ action: action, namespaces: fc.constant(['team-*']) }), { maxLength: 1 }),
    )
    .map(([kind, m, failure, admission, rules, overrides]) => ({
      apiVersion: 'kyverno.io/v1',
      kind,
      metadata: kind === 'ClusterPolicy' ? { name: m['name'] } : m,
      spec: {
        ...(failure === undefined ? {} : { validationFailureAction: failure }),
        ...(admission === undefined ? {} : { admission }),
        ...(overrides.length > 0 ? { validationFailureActionOverrides: overrides } : {}),
        rules,
      },
    }));

/** A Gatekeeper ConstraintTemplate or a constraint of its kind. */
export const gatekeeperObject = (): fc.Arbitrary<Obj> =>
  fc.oneof(
    fc.constantFrom('K8sPSPPrivileged', 'K8sRequiredLabels').map((kind) => ({
      apiVersion: 'templates.gatekeeper.sh/v1',
      kind: 'ConstraintTemplate',
      metadata: { name: kind.toLowerCase() },
      spec: { crd: { spec: { names: { kind } } } },
    })),
    fc
      .tuple(
        fc.constantFrom('K8sPSPPrivileged', 'K8sRequiredLabels'),
        name,
        fc.record(
          {
            kinds: fc.array(fc.record({ apiGroups: fc.constantFrom([''], ['apps'], ['*']), kinds: fc.constantFrom(['Pod'], ['ConfigMap'], ['*'], ['Deployment']) }), { maxLength: 2 }),
            namespaces: fc.array(fc.constantFrom('team-*', 'prod'), { maxLength: 2 }),
            excludedNamespaces: fc.array(fc.constantFrom('kube-*', 'team-b'), { maxLength: 2 }),
            namespaceSelector: selector,
            labelSelector: selector,
            scope: fc.constantFrom('*', 'Cluster', 'Namespaced'),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('deny', 'dryrun', 'warn', 'scoped', undefined),
      )
      .map(([kind, n, match, enforcementAction]) => ({
        apiVersion: 'constraints.gatekeeper.sh/v1beta1',
        kind,
        metadata: { name: n },
        spec: {
          match,
          ...(enforcementAction === undefined ? {} : { enforcementAction }),
          ...(enforcementAction === 'scoped' ? { scopedEnforcementActions: [{ action: 'deny', enforcementPoints: [{ name: 'validation.gatekeeper.sh' }] }] } : {}),
        },
      })),
    fc.constant({ apiVersion: 'config.gatekeeper.sh/v1alpha1', kind: 'Config', metadata: { name: 'config', namespace: 'gatekeeper-system' }, spec: { match: [{ excludedNamespaces: ['team-b'], processes: ['*'] }] } }),
  );

const webhookRule = fc.record({
  apiGroups: fc.constantFrom([''], ['*'], ['apps']),
  apiVersions: fc.constant(['v1']),
  resources: fc.constantFrom(['pods'], ['*'], ['configmaps'], ['deployments'], ['pods/exec']),
  operations: fc.constantFrom(['CREATE'], ['*'], ['DELETE']),
});

/** A ValidatingAdmissionPolicy or a binding to one. */
export const vapObject = (): fc.Arbitrary<Obj> =>
  fc.oneof(
    fc.tuple(name, fc.array(webhookRule, { maxLength: 2 }), selector).map(([n, resourceRules, namespaceSelector]) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: n },
      spec: { matchConstraints: { resourceRules, namespaceSelector }, validations: [{ expression: 'true' }] },
    })),
    fc.tuple(name, name, fc.constantFrom(['Deny'], ['Audit'], ['Warn', 'Audit'], []), selector).map(([n, policyName, validationActions, namespaceSelector]) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: n },
      spec: { policyName, validationActions, matchResources: { namespaceSelector } },
    })),
  );

/** Validating and mutating webhook configurations of policy engines and verifiers. */
export const webhookConfiguration = (): fc.Arbitrary<Obj> =>
  fc
    .tuple(
      fc.constantFrom('ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'),
      fc.constantFrom('kyverno-resource-validating-webhook-cfg', 'gatekeeper-validating-webhook-configuration', 'policy.sigstore.dev', 'connaisseur-webhook', 'vault-agent-injector-cfg', 'cert-manager-webhook'),
      fc.array(webhookRule, { maxLength: 2 }),
      selector,
    )
    .map(([kind, n, rules, namespaceSelector]) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind,
      metadata: { name: n },
      webhooks: [{ name: `${n}.example.com`, rules, namespaceSelector, admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: {} }],
    }));

/** Images of CNIs, policy engines, secret stores and verifiers, plus plain ones. */
export const componentImages = [
  'quay.io/calico/node:v3.28.0',
  'docker.io/flannel/flannel:v0.25.1',
  'quay.io/cilium/cilium:v1.15.0@sha256:abc',
  'docker.io/kindest/kindnetd:v20240513-cd2ac642',
  'docker.io/kindest/kindnetd:v20240813-c6f155d6',
  'ghcr.io/aojea/kindnetd:v1.0.1',
  'registry.k8s.io/networking/kindnet:v1.0.2',
  '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0',
  '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.0',
  'weaveworks/weave-kube:2.8.1',
  'weaveworks/weave-npc:2.8.1',
  'cloudnativelabs/kube-router:v2.1.0',
  'mcr.microsoft.com/containernetworking/azure-cns:v1.5',
  'mcr.microsoft.com/containernetworking/azure-npm:v1.5',
  'antrea/antrea-agent-ubuntu:v2.0.0',
  'reg.kyverno.io/kyverno/kyverno:v1.12.0',
  'openpolicyagent/gatekeeper:v3.16.0',
  'ghcr.io/external-secrets/external-secrets:v0.9.0',
  'docker.io/bitnami/sealed-secrets-controller:0.26.0',
  'hashicorp/vault-k8s:1.4.0',
  'ghcr.io/sigstore/policy-controller/policy-controller:v0.9.0',
  'securesystemsengineering/connaisseur:v3.0.0',
  'nginx:1.25',
  '',
] as const;

/** A workload (any kind) running component images, with the flags the CNI checks read. */
export const componentWorkload = (): fc.Arbitrary<Obj> =>
  fc
    .tuple(
      fc.constantFrom(...workloadKindNames),
      fc.constantFrom('calico-node', 'kube-flannel-ds', 'cilium', 'kindnet', 'aws-node', 'weave-net', 'anetd', 'canal', 'web', 'kyverno'),
      optNs,
      fc.array(
        fc.record(
          {
            name: fc.constantFrom('main', 'aws-eks-nodeagent', 'agent'),
            image: fc.constantFrom(...componentImages),
            args: fc.array(fc.constantFrom('--enable-network-policy=true', '--enable-network-policy=false', '--run-firewall=false', '--network-policy=false', '-v', 'true'), { maxLength: 2 }),
          },
          { requiredKeys: ['name', 'image'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.option(fc.constantFrom({ 'vault.hashicorp.com/agent-inject': 'true' }, { 'vault.hashicorp.com/agent-inject': 'false' }), { nil: undefined }),
      fc.option(fc.constantFrom({ name: 'sec', csi: { driver: 'secrets-store.csi.k8s.io' } }, { name: 'other', csi: { driver: 'other.csi' } }), { nil: undefined }),
    )
    .map(([kind, n, namespace, containers, annotations, volume]) => {
      const obj = wrapPodSpec(kind, { name: n, ...(namespace === undefined ? {} : { namespace }) }, { containers, ...(volume ? { volumes: [volume] } : {}), serviceAccountName: n });
      if (annotations) {
        const template = (obj['spec'] as Obj | undefined)?.['template'] as Obj | undefined;
        if (template) template['metadata'] = { labels: { app: 'app' }, annotations };
      }
      return obj;
    });

/** ConfigMaps the CNI checks read. */
export const cniConfigMap = (): fc.Arbitrary<Obj> =>
  fc.constantFrom(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data: { 'enable-policy': 'never' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config' }, data: { 'enable-policy': 'default' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data: { 'enable-network-policy-controller': 'false' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: {} },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: 7 },
  );

/** Network policies of Kubernetes, Calico, Cilium and the AdminNetworkPolicy API. */
export const anyNetworkPolicy = (): fc.Arbitrary<Obj> =>
  fc.oneof(
    { weight: 4, arbitrary: arb.networkPolicy() },
    {
      weight: 2,
      arbitrary: fc
        .tuple(meta(true), fc.constantFrom({}, { matchLabels: { app: 'web' } }, undefined), fc.option(fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'], []), { nil: undefined }), fc.boolean())
        .map(([m, podSelector, policyTypes, egress]) => ({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: m,
          spec: { ...(podSelector === undefined ? {} : { podSelector }), ...(policyTypes === undefined ? {} : { policyTypes }), ...(egress ? { egress: [{}] } : {}) },
        })),
    },
    { weight: 1, arbitrary: meta(true).map((m) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: m, spec: { selector: 'all()' } })) },
    { weight: 1, arbitrary: meta(true).map((m) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: m, spec: { endpointSelector: {} } })) },
    { weight: 1, arbitrary: name.map((n) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: n }, spec: { selector: 'all()' } })) },
    { weight: 1, arbitrary: name.map((n) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: n }, spec: {} })) },
    {
      weight: 1,
      arbitrary: fc.tuple(name, selector).map(([n, s]) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: n }, spec: { priority: 10, subject: { namespaces: s } } })),
    },
  );

/** Secret-store and image-verification objects. */
export const storeOrVerifierObject = (): fc.Arbitrary<Obj> =>
  fc.oneof(
    meta(true).map((m) => ({ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: m, spec: {} })),
    name.map((n) => ({ apiVersion: 'external-secrets.io/v1beta1', kind: 'ClusterSecretStore', metadata: { name: n }, spec: {} })),
    meta(true).map((m) => ({ apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: m, spec: {} })),
    meta(true).map((m) => ({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: m, spec: { encryptedData: {} } })),
    fc.tuple(name, fc.constantFrom('enforce', 'warn', undefined)).map(([n, mode]) => ({ apiVersion: 'policy.sigstore.dev/v1beta1', kind: 'ClusterImagePolicy', metadata: { name: n }, spec: { ...(mode ? { mode } : {}) } })),
    fc.tuple(name, fc.constantFrom('protect', 'monitor')).map(([n, mode]) => ({
      apiVersion: 'policies.kubewarden.io/v1',
      kind: 'ClusterAdmissionPolicy',
      metadata: { name: n },
      spec: { module: 'registry://ghcr.io/kubewarden/policies/verify-image-signatures:v0.2.8', mode, rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }] },
    })),
    name.map((n) => ({ apiVersion: 'config.ratify.deislabs.io/v1beta1', kind: 'Verifier', metadata: { name: n }, spec: {} })),
  );

/** Any object the network pack reads, plus the generic ones of the testkit. */
export const networkObject = (): fc.Arbitrary<Obj> =>
  fc.oneof(
    { weight: 3, arbitrary: arb.anyObject() },
    { weight: 2, arbitrary: namespaceObject() },
    { weight: 2, arbitrary: kyvernoPolicy() },
    { weight: 1, arbitrary: gatekeeperObject() },
    { weight: 1, arbitrary: vapObject() },
    { weight: 1, arbitrary: webhookConfiguration() },
    { weight: 2, arbitrary: componentWorkload() },
    { weight: 1, arbitrary: cniConfigMap() },
    { weight: 2, arbitrary: anyNetworkPolicy() },
    { weight: 1, arbitrary: storeOrVerifierObject() },
  );

/** The arbitraries list for checkRuleProperties. */
export const networkArbitraries: readonly fc.Arbitrary<Obj>[] = [
  namespaceObject(),
  kyvernoPolicy(),
  gatekeeperObject(),
  vapObject(),
  webhookConfiguration(),
  componentWorkload(),
  cniConfigMap(),
  anyNetworkPolicy(),
  storeOrVerifierObject(),
];
