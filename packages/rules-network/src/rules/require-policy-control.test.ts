import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate } from '@kubecis/core';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requirePolicyControl } from './require-policy-control.js';
import { networkArbitraries, networkObject } from '../../test/arbitraries.js';
import { deploy, findingsOf, kyverno, ns, psa, statusOf, validateRule } from '../../test/helpers.js';

const nsRef = (name: string) => ({ kind: 'Namespace', namespace: null, name });

const constraintTemplate = { apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8spspprivileged' }, spec: { crd: { spec: { names: { kind: 'K8sPSPPrivileged' } } } } };
const constraint = (spec: Record<string, unknown> = { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] } }) => ({
  apiVersion: 'constraints.gatekeeper.sh/v1beta1',
  kind: 'K8sPSPPrivileged',
  metadata: { name: 'no-privileged' },
  spec,
});
const vap = (resourceRules: unknown[] = [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE', 'UPDATE'] }], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'no-host-network' },
  spec: { matchConstraints: { resourceRules, ...extra }, validations: [{ expression: '!has(object.spec.hostNetwork)' }] },
});
const binding = (validationActions: string[] = ['Deny'], matchResources?: unknown) => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name: 'no-host-network-binding' },
  spec: { policyName: 'no-host-network', validationActions, ...(matchResources === undefined ? {} : { matchResources }) },
});
const kubewarden = (mode: string, rules: unknown[] = [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }]) => ({
  apiVersion: 'policies.kubewarden.io/v1',
  kind: 'ClusterAdmissionPolicy',
  metadata: { name: 'pod-privileged' },
  spec: { module: 'registry://ghcr.io/kubewarden/policies/pod-privileged:v0.2.5', mode, rules },
});
const webhook = (name: string, rules: unknown[], namespaceSelector?: unknown) => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name },
  webhooks: [{ name: `validation.${name}.sh`, rules, ...(namespaceSelector === undefined ? {} : { namespaceSelector }), admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: {} }],
});
const allPods = [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE'] }];

new RuleTester().run(requirePolicyControl, {
  valid: [
    { name: 'no namespaces at all', objects: [] },
    { name: 'only system namespaces', objects: [deploy('coredns', 'kube-system'), ns('kube-public')] },
    { name: 'declared namespaces with restricted and baseline enforce labels', objects: [psa('shop', 'restricted'), psa('blog', 'baseline'), deploy('web', 'shop')] },
    { name: 'an invalid enforce level is enforced as restricted', objects: [psa('shop', 'Restricted')] },
    { name: 'implicit namespace covered by a Kyverno ClusterPolicy in Enforce mode', objects: [deploy('web', 'shop'), kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Enforce' })] },
    { name: 'Kyverno lowercase enforce and a Deployment-only match', objects: [deploy('web', 'shop'), kyverno('ClusterPolicy', 'psp', [validateRule(['apps/v1/Deployment'])], { validationFailureAction: 'enforce' })] },
    { name: 'Kyverno rule-level failureAction overrides an Audit policy', objects: [deploy('web', 'shop'), kyverno('ClusterPolicy', 'psp', [validateRule(['Pod'], { validate: { failureAction: 'Enforce', podSecurity: { level: 'baseline' } } })], { validationFailureAction: 'Audit' })] },
    {
      name: 'Kyverno per-namespace override to enforce',
      objects: [deploy('web', 'team-a'), kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Audit', validationFailureActionOverrides: [{ action: 'Enforce', namespaces: ['team-*'] }] })],
    },
    { name: 'a namespaced Kyverno Policy covers its own namespace', objects: [ns('shop'), kyverno('Policy', 'local', [validateRule()], { validationFailureAction: 'Enforce' }, 'shop')] },
    {
      name: 'Kyverno namespaceSelector on the automatic metadata.name label of an implicit namespace',
      objects: [
        deploy('web', 'shop'),
        kyverno('ClusterPolicy', 'psp', [{ name: 'r', match: { any: [{ resources: { kinds: ['*'], namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } }] }, validate: { deny: {} } }], { validationFailureAction: 'Enforce' }),
      ],
    },
    { name: 'Gatekeeper template and constraint in deny mode', objects: [deploy('web', 'shop'), constraintTemplate, constraint()] },
    { name: 'a Gatekeeper constraint without match kinds matches every kind', objects: [deploy('web', 'shop'), constraint({})] },
    { name: 'ValidatingAdmissionPolicy with a Deny binding', objects: [ns('shop'), deploy('web', 'shop'), vap(), binding()] },
    { name: 'Kubewarden policy in protect mode', objects: [ns('shop'), kubewarden('protect')] },
    {
      name: 'Kyverno ValidatingPolicy with Deny',
      objects: [
        ns('shop'),
        { apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name: 'vpol' }, spec: { validationActions: ['Deny'], matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }] } } },
      ],
    },
    { name: 'a PSA-labelled namespace and a namespace covered by Gatekeeper', objects: [psa('shop', 'baseline'), ns('blog'), constraintTemplate, constraint()] },
  ],
  invalid: [
    {
      name: 'a declared and an implicit namespace, both uncovered',
      objects: [ns('shop'), deploy('worker', 'batch'), deploy('dns', 'kube-system')],
      findings: [
        { messageId: 'uncovered', resource: nsRef('shop'), path: null },
        { messageId: 'uncovered', resource: nsRef('batch'), path: null },
      ],
    },
    { name: 'objects without a namespace make default a user namespace', objects: [deploy('web')], findings: [{ messageId: 'uncovered', resource: nsRef('default') }] },
    { name: 'enforce=privileged admits everything', objects: [psa('shop', 'privileged')], findings: [{ messageId: 'privilegedOnly', resource: nsRef('shop') }] },
    {
      name: 'audit and warn labels do not enforce',
      objects: [ns('shop', { 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' })],
      findings: [{ messageId: 'uncovered', resource: nsRef('shop') }],
    },
    { name: 'a restricted namespace beside an uncovered one', objects: [psa('shop', 'restricted'), ns('blog')], findings: [{ messageId: 'uncovered', resource: nsRef('blog') }] },
    { name: 'Kyverno in Audit mode only reports', objects: [ns('shop'), kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Audit' })], findings: [{ messageId: 'auditOnly', status: 'WARN', resource: nsRef('shop') }] },
    { name: 'Kyverno without a failure action defaults to Audit', objects: [ns('shop'), kyverno('ClusterPolicy', 'psp', [validateRule()])], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'Kyverno admission: false only scans in the background', objects: [ns('shop'), kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Enforce', admission: false })], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'a Kyverno policy for ConfigMaps does not cover pods', objects: [ns('shop'), kyverno('ClusterPolicy', 'cm', [validateRule(['ConfigMap'])], { validationFailureAction: 'Enforce' })], findings: [{ messageId: 'uncovered' }] },
    { name: 'a Kyverno policy for the pods/exec subresource does not cover pod creation', objects: [ns('shop'), kyverno('ClusterPolicy', 'exec', [validateRule(['Pod/exec'])], { validationFailureAction: 'Enforce' })], findings: [{ messageId: 'uncovered' }] },
    { name: 'a Kyverno mutate-only policy does not validate', objects: [ns('shop'), kyverno('ClusterPolicy', 'm', [{ name: 'm', match: { any: [{ resources: { kinds: ['Pod'] } }] }, mutate: { patchStrategicMerge: {} } }], { validationFailureAction: 'Enforce' })], findings: [{ messageId: 'uncovered' }] },
    {
      name: 'Kyverno match by namespace glob covers only matching namespaces',
      objects: [ns('prod-a'), ns('dev'), kyverno('ClusterPolicy', 'psp', [validateRule(['Pod'], { match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['prod-*'] } }] } })], { validationFailureAction: 'Enforce' })],
      findings: [{ messageId: 'uncovered', resource: nsRef('dev') }],
    },
    {
      name: 'Kyverno exclude of a namespace',
      objects: [ns('shop'), ns('dev'), kyverno('ClusterPolicy', 'psp', [validateRule(['Pod'], { exclude: { any: [{ resources: { namespaces: ['dev'] } }] } })], { validationFailureAction: 'Enforce' })],
      findings: [{ messageId: 'uncovered', resource: nsRef('dev') }],
    },
    {
      name: 'a Kyverno match narrowed by a label selector covers only some pods',
      objects: [ns('shop'), kyverno('ClusterPolicy', 'psp', [validateRule(['Pod'], { match: { any: [{ resources: { kinds: ['Pod'], selector: { matchLabels: { app: 'web' } } } }] } })], { validationFailureAction: 'Enforce' })],
      findings: [{ messageId: 'uncovered' }],
    },
    { name: 'a Kyverno Policy covers only its own namespace', objects: [ns('shop'), ns('blog'), kyverno('Policy', 'local', [validateRule()], { validationFailureAction: 'Enforce' }, 'shop')], findings: [{ messageId: 'uncovered', resource: nsRef('blog') }] },
    { name: 'a Gatekeeper constraint in dryrun mode', objects: [ns('shop'), constraintTemplate, constraint({ enforcementAction: 'dryrun' })], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    {
      name: 'Gatekeeper excludedNamespaces and a Config exclusion',
      objects: [
        ns('shop'),
        ns('blog'),
        ns('ops'),
        constraintTemplate,
        constraint({ match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], excludedNamespaces: ['sh*'] } }),
        { apiVersion: 'config.gatekeeper.sh/v1alpha1', kind: 'Config', metadata: { name: 'config', namespace: 'gatekeeper-system' }, spec: { match: [{ excludedNamespaces: ['blog'], processes: ['webhook'] }] } },
      ],
      findings: [
        { messageId: 'uncovered', resource: nsRef('shop') },
        { messageId: 'uncovered', resource: nsRef('blog') },
      ],
    },
    { name: 'a Gatekeeper constraint for ConfigMaps', objects: [ns('shop'), constraint({ match: { kinds: [{ apiGroups: [''], kinds: ['ConfigMap'] }] } })], findings: [{ messageId: 'uncovered' }] },
    { name: 'a Gatekeeper constraint scoped to cluster objects', objects: [ns('shop'), constraint({ match: { scope: 'Cluster' } })], findings: [{ messageId: 'uncovered' }] },
    { name: 'a ConstraintTemplate without constraints enforces nothing', objects: [ns('shop'), constraintTemplate], findings: [{ messageId: 'uncovered' }] },
    { name: 'a ValidatingAdmissionPolicy without a binding is inactive', objects: [ns('shop'), vap()], findings: [{ messageId: 'uncovered' }] },
    { name: 'a binding that only audits', objects: [ns('shop'), vap(), binding(['Audit', 'Warn'])], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    {
      name: 'a binding whose namespaceSelector leaves a namespace out',
      objects: [ns('shop', { env: 'prod' }), ns('blog'), vap(), binding(['Deny'], { namespaceSelector: { matchLabels: { env: 'prod' } } })],
      findings: [{ messageId: 'uncovered', resource: nsRef('blog') }],
    },
    { name: 'a policy for ConfigMaps with a binding', objects: [ns('shop'), vap([{ apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], operations: ['CREATE'] }]), binding()], findings: [{ messageId: 'uncovered' }] },
    {
      name: 'a policy that excludes pods',
      objects: [ns('shop'), vap(allPods, { excludeResourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['*'] }] }), binding()],
      findings: [{ messageId: 'uncovered' }],
    },
    { name: 'Kubewarden in monitor mode', objects: [ns('shop'), kubewarden('monitor')], findings: [{ messageId: 'auditOnly', status: 'WARN' }] },
    { name: 'a Kyverno webhook without policies in the snapshot', objects: [ns('shop'), webhook('kyverno-resource-validating-webhook-cfg', allPods)], findings: [{ messageId: 'webhookOnly', status: 'WARN' }] },
    {
      name: 'a Gatekeeper webhook that skips a namespace by label',
      objects: [
        ns('shop'),
        ns('ignored', { 'admission.gatekeeper.sh/ignore': 'yes' }),
        webhook('gatekeeper-validating-webhook-configuration', allPods, { matchExpressions: [{ key: 'admission.gatekeeper.sh/ignore', operator: 'DoesNotExist' }] }),
      ],
      findings: [
        { messageId: 'webhookOnly', status: 'WARN', resource: nsRef('shop') },
        { messageId: 'uncovered', resource: nsRef('ignored') },
      ],
    },
    { name: 'an unrelated webhook is no policy control', objects: [ns('shop'), webhook('cert-manager-webhook', allPods)], findings: [{ messageId: 'uncovered' }] },
  ],
});

describe('network/require-policy-control verdicts', () => {
  it('names what covers a namespace in PASS evidence', () => {
    const findings = findingsOf(requirePolicyControl, [psa('shop', 'restricted'), kyverno('ClusterPolicy', 'psp', [validateRule()], { validationFailureAction: 'Enforce' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe('PASS');
    expect(findings[0]!.message).toContain('restricted');
    expect(findings[0]!.message).toContain('ClusterPolicy psp');
    expect(findings[0]!.evidence.map((e) => e.resource.kind)).toEqual(['Namespace', 'ClusterPolicy']);
    expect(findings[0]!.evidence[0]!.path).toBe('metadata.labels["pod-security.kubernetes.io/enforce"]');
  });

  it('mentions an installed engine whose policies do not reach the namespace', () => {
    const kyvernoDeploy = deploy('kyverno-admission-controller', 'kyverno', { image: 'reg.kyverno.io/kyverno/kyverno:v1.14.0' });
    const findings = findingsOf(requirePolicyControl, [ns('shop'), kyvernoDeploy]).filter((f) => f.resource?.name === 'shop');
    expect(findings[0]!.message).toContain('Kyverno is installed');
    expect(findings[0]!.evidence.some((e) => e.relation === 'installed')).toBe(true);
  });

  it('fails the control without strict mode: user namespaces are not exempted', () => {
    expect(statusOf(requirePolicyControl, [ns('shop')])).toBe('FAIL');
    expect(statusOf(requirePolicyControl, [psa('shop', 'baseline'), deploy('dns', 'kube-system')])).toBe('PASS');
  });
});

checkRuleProperties(requirePolicyControl, { arbitraries: networkArbitraries });

describe('network/require-policy-control properties', () => {
  it('labelling every user namespace with enforce=restricted clears every FAIL and WARN', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 10 }), (objects) => {
        const snapshot = createSnapshot(objects);
        const names = snapshot.namespaces().map((n) => n.name);
        const relabelled = [
          ...objects.filter((o) => o['kind'] !== 'Namespace'),
          ...names.map((name) => psa(name, 'restricted')),
        ];
        const report = evaluate(createSnapshot(relabelled), requirePolicyControl, { strict: true });
        const bad = report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'FAIL' || f.status === 'WARN');
        expect(bad).toEqual([]);
      }),
    );
  });

  it('emits exactly one finding per user namespace', () => {
    fc.assert(
      fc.property(fc.array(networkObject(), { maxLength: 10 }), (objects) => {
        const snapshot = createSnapshot(objects);
        const findings = evaluate(snapshot, requirePolicyControl, { strict: true }).controls.flatMap((c) => c.findings);
        const names = findings.map((f) => f.resource?.name ?? '');
        expect(new Set(names).size).toBe(names.length);
        for (const f of findings) expect(snapshot.isSystemNamespace(f.resource?.name)).toBe(false);
      }),
    );
  });
});
