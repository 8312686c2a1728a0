// Recognises admission control that verifies image signatures or provenance.
import { type Evidence, type KubeObject, type Snapshot } from '@kubecis/core';
import { userNamespaces } from './namespaces.js';
import { at, list, pathIf, record, refKey, sortedByRef, str, strings, type Fields, objectsOfGroup } from './read.js';
import { workloadImages } from './workload-images.js';

export interface VerifierFinding {
  readonly id: string;
  readonly name: string;
  /** `enforce`: blocks unverified images; `audit`: only reports; `inactive`: installed but applied to no namespace. */
  readonly mode: 'enforce' | 'audit' | 'inactive';
  readonly detail: string;
  readonly object: KubeObject;
  readonly path: string | null;
  readonly evidence: readonly Evidence[];
}

const sigstoreInclude = 'policy.sigstore.dev/include';

function ev(snapshot: Snapshot, object: KubeObject, path: string | null, relation = 'verified-by'): Evidence {
  return { resource: snapshot.refOf(object), path: path === null ? null : pathIf(object, path), relation };
}

function enforceWord(value: unknown): boolean | undefined {
  const s = str(value)?.toLowerCase();
  return s === 'enforce' ? true : s === 'audit' ? false : undefined;
}

function kyverno(snapshot: Snapshot): VerifierFinding[] {
  const out: VerifierFinding[] = [];
  const policies = sortedByRef(snapshot, objectsOfGroup(snapshot, 'kyverno.io').filter((o) => (o.kind === 'ClusterPolicy' || o.kind === 'Policy')));
  for (const policy of policies) {
    const spec = record((policy as Fields)['spec']);
    if (spec === undefined) continue;
    const rules = list(spec['rules']);
    const indexes = rules.map((r, i) => (list(record(r)?.['verifyImages']).length > 0 ? i : -1)).filter((i) => i >= 0);
    if (indexes.length === 0) continue;
    const specAction = enforceWord(spec['validationFailureAction']) ?? false;
    const admission = spec['admission'] !== false;
    const enforce =
      admission &&
      indexes.some((i) => list(record(rules[i])?.['verifyImages']).some((v) => enforceWord(record(v)?.['failureAction']) ?? specAction));
    const scope = policy.kind === 'Policy' ? ` in namespace ${snapshot.refOf(policy).namespace ?? ''}` : '';
    const first = indexes[0]!;
    out.push({
      id: 'kyverno',
      name: 'Kyverno',
      mode: enforce ? 'enforce' : 'audit',
      detail: `${policy.kind} ${policy.metadata.name} verifies images${scope}${enforce ? '' : ' in Audit mode'}`,
      object: policy,
      path: pathIf(policy, `spec.rules[${String(first)}].verifyImages`),
      evidence: indexes.map((i) => ev(snapshot, policy, `spec.rules[${String(i)}].verifyImages`)),
    });
  }
  for (const policy of sortedByRef(snapshot, objectsOfGroup(snapshot, 'policies.kyverno.io').filter((o) => o.kind === 'ImageValidatingPolicy'))) {
    const actions = strings(at(policy, 'spec', 'validationActions')) ?? [];
    const enforce = actions.includes('Deny');
    out.push({
      id: 'kyverno',
      name: 'Kyverno',
      mode: enforce ? 'enforce' : 'audit',
      detail: `ImageValidatingPolicy ${policy.metadata.name} verifies images${enforce ? '' : ' without Deny'}`,
      object: policy,
      path: pathIf(policy, 'spec'),
      evidence: [ev(snapshot, policy, 'spec')],
    });
  }
  return out;
}

function sigstore(snapshot: Snapshot): VerifierFinding[] {
  const policies = sortedByRef(snapshot, objectsOfGroup(snapshot, 'policy.sigstore.dev').filter((o) => o.kind === 'ClusterImagePolicy'));
  const webhooks = sortedByRef(
    snapshot,
    [...snapshot.ofKind('ValidatingWebhookConfiguration'), ...snapshot.ofKind('MutatingWebhookConfiguration')].filter(
      (w) => w.metadata.name.includes('policy.sigstore.dev') || (w.webhooks ?? []).some((h) => h.name.includes('policy.sigstore.dev')),
    ),
  );
  const controllers = snapshot.workloads().filter((w) => workloadImages(snapshot, w).some((i) => /(^|\/)sigstore\/policy-controller\/policy-controller$/.test(i.image.path)));
  const shown: KubeObject[] = [...policies, ...webhooks, ...sortedByRef(snapshot, controllers.map((w) => w.object))];
  if (shown.length === 0) return [];
  const enforcing = policies.filter((p) => (str(at(p, 'spec', 'mode')) ?? 'enforce') === 'enforce');
  const namespaces = userNamespaces(snapshot);
  const included = namespaces.filter((n) => n.object?.metadata.labels?.[sigstoreInclude] === 'true');
  const evidence = [
    ...shown.map((o) => ev(snapshot, o, null)),
    ...included.map((n): Evidence => ({ resource: { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: n.name }, path: `metadata.labels[${JSON.stringify(sigstoreInclude)}]`, relation: 'opted-in' })),
  ];
  const first = shown[0]!;
  if (namespaces.length > 0 && included.length === 0) {
    return [{ id: 'sigstore', name: 'Sigstore policy-controller', mode: 'inactive', detail: `no namespace is labelled ${sigstoreInclude}=true, so it verifies no pod`, object: first, path: null, evidence }];
  }
  const where = included.length > 0 ? ` in namespaces ${included.map((n) => n.name).join(', ')}` : '';
  const mode = policies.length > 0 && enforcing.length === 0 ? 'audit' : 'enforce';
  const what = policies.length > 0 ? `ClusterImagePolicy ${policies.map((p) => p.metadata.name).join(', ')}` : `${first.kind} ${first.metadata.name}`;
  return [{ id: 'sigstore', name: 'Sigstore policy-controller', mode, detail: `${what}${where}${mode === 'audit' ? ' (warn mode)' : ''}`, object: first, path: null, evidence }];
}

interface SimpleVerifier {
  readonly id: string;
  readonly name: string;
  readonly image: RegExp;
  readonly webhook?: RegExp;
  readonly group?: string;
}

const simple: readonly SimpleVerifier[] = [
  { id: 'connaisseur', name: 'Connaisseur', image: /(^|\/)securesystemsengineering\/connaisseur$/, webhook: /connaisseur/ },
  { id: 'ratify', name: 'Ratify', image: /(^|\/)(deislabs|ratify-project)\/ratify$/, group: 'config.ratify.deislabs.io' },
  { id: 'portieris', name: 'Portieris', image: /(^|\/)(ibm\/portieris|portieris\/portieris)$/, group: 'portieris.cloud.ibm.com' },
];

function simpleVerifiers(snapshot: Snapshot): VerifierFinding[] {
  const out: VerifierFinding[] = [];
  for (const v of simple) {
    const shown: { object: KubeObject; path: string | null }[] = [];
    for (const w of snapshot.workloads()) {
      const image = workloadImages(snapshot, w).find((i) => v.image.test(i.image.path));
      if (image) shown.push({ object: w.object, path: `${image.container.path}.image` });
    }
    if (v.group !== undefined) for (const o of objectsOfGroup(snapshot, v.group)) shown.push({ object: o, path: null });
    if (v.webhook !== undefined) {
      for (const o of objectsOfGroup(snapshot, 'admissionregistration.k8s.io')) {
        if ((o.kind === 'ValidatingWebhookConfiguration' || o.kind === 'MutatingWebhookConfiguration') && v.webhook.test(o.metadata.name)) shown.push({ object: o, path: null });
      }
    }
    if (shown.length === 0) continue;
    const key = (s: { object: KubeObject; path: string | null }): string => `${refKey(snapshot.refOf(s.object))}\u0000${s.path ?? ''}`;
    shown.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const first = shown[0]!;
    out.push({
      id: v.id,
      name: v.name,
      mode: 'enforce',
      detail: `${first.object.kind} ${first.object.metadata.name}${shown.length > 1 ? ` and ${String(shown.length - 1)} more` : ''}`,
      object: first.object,
      path: first.path,
      evidence: shown.map((s) => ev(snapshot, s.object, s.path)),
    });
  }
  return out;
}

function kubewarden(snapshot: Snapshot): VerifierFinding[] {
  const out: VerifierFinding[] = [];
  const policies = sortedByRef(snapshot, objectsOfGroup(snapshot, 'policies.kubewarden.io').filter((o) => o.kind.endsWith('AdmissionPolicy')));
  for (const policy of policies) {
    const module = str(at(policy, 'spec', 'module')) ?? '';
    if (!/verify-image-signatures|sigstore|cosign|notation/.test(module)) continue;
    const enforce = (str(at(policy, 'spec', 'mode')) ?? 'protect') === 'protect';
    out.push({
      id: 'kubewarden',
      name: 'Kubewarden',
      mode: enforce ? 'enforce' : 'audit',
      detail: `${policy.kind} ${policy.metadata.name} runs ${module}${enforce ? '' : ' in monitor mode'}`,
      object: policy,
      path: pathIf(policy, 'spec.module'),
      evidence: [ev(snapshot, policy, 'spec.module')],
    });
  }
  return out;
}

function buildVerifiers(snapshot: Snapshot): readonly VerifierFinding[] {
  return [...kyverno(snapshot), ...sigstore(snapshot), ...simpleVerifiers(snapshot), ...kubewarden(snapshot)];
}

/** Admission mechanisms that verify images, computed once per snapshot. */
export function imageVerifiers(snapshot: Snapshot): readonly VerifierFinding[] {
  return snapshot.derive(buildVerifiers);
}
