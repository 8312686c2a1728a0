// Runs the network pack over real-world manifests and cluster dumps in ../shared/corpus and checks
// the verdicts a person would give them. Skips (with the path in the name) when the corpus is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createSnapshot, evaluate, type Finding, type Report, type SnapshotOptions } from '@kubecis/core';
import {
  noDefaultNamespace,
  noSecretsInEnv,
  pack,
  requireCniPolicySupport,
  requireExternalSecretStore,
  requireImageVerification,
  requireNamespaceBoundaries,
  requireNetworkPolicy,
  requirePolicyControl,
} from '../src/index.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const installs = join(corpus, 'installs');
const dumps = join(corpus, 'cluster-dumps', 'kubevious-gke-2020');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

const loaded = new Map<string, unknown[]>();

/** Every document of every YAML file under a folder, parsed once per test file. */
function load(dir: string): unknown[] {
  const cached = loaded.get(dir);
  if (cached) return cached;
  const objects: unknown[] = [];
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) objects.push(value);
    }
  }
  loaded.set(dir, objects);
  return objects;
}

interface Run {
  readonly report: Report;
  status(ruleId: string): string | undefined;
  findings(ruleId: string): Finding[];
}

function run(dir: string, options?: SnapshotOptions): Run {
  const report = evaluate(createSnapshot(load(dir), options), pack);
  const control = (ruleId: string) => report.controls.find((c) => c.id === ruleId);
  return { report, status: (id) => control(id)?.status, findings: (id) => [...(control(id)?.findings ?? [])] };
}

const failing = (findings: readonly Finding[]) => findings.filter((f) => f.status === 'FAIL' && !f.exempted);

describe.skipIf(!existsSync(installs))(`network pack over the install corpus (${installs})`, () => {
  const names = existsSync(installs) ? readdirSync(installs).sort() : [];

  it.each(names)('%s: every rule runs without error and gives a verdict', (name) => {
    const { report } = run(join(installs, name));
    expect(report.controls).toHaveLength(pack.rules.length);
    for (const control of report.controls) expect(control.status, `${control.id}: ${control.reason ?? ''}`).not.toBe('ERROR');
  });

  describe('argo-cd install.yaml, applied without a namespace, lands in default', () => {
    const dir = join(installs, 'argo-cd');
    const argo = existsSync(dir) ? run(dir) : undefined;

    it('reports every namespaced object in default except its NetworkPolicies (5.7.4)', () => {
      const snapshot = createSnapshot(load(dir));
      const expected = snapshot.inNamespace('default').filter((o) => o.kind !== 'NetworkPolicy');
      const findings = failing(argo!.findings(noDefaultNamespace.id));
      expect(argo!.status(noDefaultNamespace.id)).toBe('FAIL');
      expect(findings).toHaveLength(expected.length);
      expect(findings.map((f) => `${f.resource?.kind ?? ''}/${f.resource?.name ?? ''}`)).toEqual(
        expect.arrayContaining(['Deployment/argocd-server', 'StatefulSet/argocd-application-controller', 'ConfigMap/argocd-cm', 'Secret/argocd-secret', 'ServiceAccount/argocd-server', 'Role/argocd-server', 'RoleBinding/argocd-server']),
      );
      expect(findings.some((f) => f.resource?.kind === 'NetworkPolicy')).toBe(false);
    });

    it("counts argo-cd's seven NetworkPolicies for the default namespace (5.3.2)", () => {
      const findings = argo!.findings(requireNetworkPolicy.id);
      expect(failing(findings)).toEqual([]);
      const entry = findings.find((f) => f.resource?.name === 'default');
      expect(entry?.message).toContain('7 NetworkPolicies');
      expect(entry?.evidence.filter((e) => e.resource.kind === 'NetworkPolicy')).toHaveLength(7);
    });

    it('fails 5.7.1: all its workloads live in default', () => {
      expect(argo!.status(requireNamespaceBoundaries.id)).toBe('FAIL');
      expect(failing(argo!.findings(requireNamespaceBoundaries.id)).map((f) => f.messageId)).toEqual(['allInDefault']);
    });

    it('fails 5.2.1 for default and 5.4.1 for the Redis password taken from a Secret', () => {
      expect(failing(argo!.findings(requirePolicyControl.id)).map((f) => f.resource?.name)).toEqual(['default']);
      const env = failing(argo!.findings(noSecretsInEnv.id));
      expect(env.length).toBeGreaterThan(0);
      expect(env.every((f) => f.message.includes('Secret argocd-redis'))).toBe(true);
      expect(env.map((f) => f.resource?.name)).toContain('argocd-redis');
    });

    it('applied with -n argocd instead, default stays clean and argocd has the policies', () => {
      const namespaced = run(dir, { defaultNamespace: 'argocd' });
      expect(namespaced.status(noDefaultNamespace.id)).toBe('PASS');
      expect(namespaced.findings(requireNetworkPolicy.id).find((f) => f.resource?.name === 'argocd')?.status).not.toBe('FAIL');
      expect(namespaced.status(requireNamespaceBoundaries.id)).toBe('FAIL');
      expect(failing(namespaced.findings(requireNamespaceBoundaries.id)).map((f) => f.messageId)).toEqual(['singleNamespace']);
    });
  });

  it('calico: recognised as a CNI that enforces NetworkPolicies (5.3.1)', () => {
    const calico = run(join(installs, 'calico'));
    expect(calico.status(requireCniPolicySupport.id)).toBe('PASS');
    const [pass] = calico.findings(requireCniPolicySupport.id);
    expect(pass).toMatchObject({ status: 'PASS', messageId: 'supported', resource: { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' } });
    expect(pass?.message).toContain('Calico');
  });

  it('installs without a CNI give a WARN for 5.3.1, never a PASS or FAIL', () => {
    for (const name of ['cert-manager', 'ingress-nginx', 'kubernetes-dashboard', 'metrics-server']) {
      expect(run(join(installs, name)).status(requireCniPolicySupport.id), name).toBe('WARN');
    }
  });

  it('kube-prometheus: monitoring has its 8 NetworkPolicies, and the Role and RoleBinding it puts in default are reported', () => {
    const kp = run(join(installs, 'kube-prometheus'));
    const monitoring = kp.findings(requireNetworkPolicy.id).find((f) => f.resource?.name === 'monitoring');
    expect(monitoring?.status).not.toBe('FAIL');
    expect(monitoring?.evidence.filter((e) => e.resource.kind === 'NetworkPolicy')).toHaveLength(8);
    expect(failing(kp.findings(noDefaultNamespace.id)).map((f) => `${f.resource?.kind ?? ''}/${f.resource?.name ?? ''}`).sort()).toEqual(['Role/prometheus-k8s', 'RoleBinding/prometheus-k8s']);
  });

  it('kubeflow: every namespace enforces a Pod Security level and has NetworkPolicies', () => {
    const kf = run(join(installs, 'kubeflow'));
    expect(kf.status(requirePolicyControl.id)).toBe('PASS');
    expect(kf.findings(requirePolicyControl.id).length).toBeGreaterThan(1);
    expect(failing(kf.findings(requireNetworkPolicy.id))).toEqual([]);
    expect(kf.findings(requireNetworkPolicy.id).find((f) => f.resource?.name === 'kubeflow')?.message).toMatch(/\d+ NetworkPolicies/);
    expect(kf.status(requireNamespaceBoundaries.id)).toBe('PASS');
  });

  it('single-namespace installs without policies fail 5.3.2 and 5.2.1 for that namespace', () => {
    for (const [name, namespace] of [['cert-manager', 'cert-manager'], ['ingress-nginx', 'ingress-nginx'], ['kubernetes-dashboard', 'kubernetes-dashboard']] as const) {
      const r = run(join(installs, name));
      expect(failing(r.findings(requireNetworkPolicy.id)).map((f) => f.resource?.name), name).toEqual([namespace]);
      expect(failing(r.findings(requirePolicyControl.id)).map((f) => f.resource?.name), name).toEqual([namespace]);
    }
  });

  it('no install uses an external secret store or image verification: both WARN', () => {
    for (const name of names) {
      const r = run(join(installs, name));
      expect(r.status(requireExternalSecretStore.id), name).toBe('WARN');
      expect(r.status(requireImageVerification.id), name).toBe('WARN');
    }
  });
});

describe.skipIf(!existsSync(dumps))(`network pack over a GKE cluster dump (${dumps})`, () => {
  it('recognises GKE Calico from its images, and the sample namespace that has NetworkPolicies', () => {
    const gke = run(dumps);
    const cni = gke.findings(requireCniPolicySupport.id);
    expect(cni.map((f) => [f.status, f.resource?.name])).toEqual([['PASS', 'calico-node']]);
    expect(cni[0]?.message).toContain('gcr.io/projectcalico-org/node');
    const sample = gke.findings(requireNetworkPolicy.id).find((f) => f.resource?.name === 'net-policy-sample');
    expect(sample?.status).toBe('INFO');
    expect(failing(gke.findings(requireNetworkPolicy.id)).map((f) => f.resource?.name)).toContain('sock-shop');
  });

  it('reports the owner once: pods and ReplicaSets fold into their Deployments', () => {
    const gke = run(dumps);
    const env = failing(gke.findings(noSecretsInEnv.id));
    expect(env.every((f) => f.resource?.kind !== 'Pod' && f.resource?.kind !== 'ReplicaSet')).toBe(true);
  });
});
