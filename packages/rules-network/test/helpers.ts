// Small builders shared by the rule tests.
import { createSnapshot, evaluate, type AnyRule, type EvaluateOptions, type Finding, type SnapshotOptions } from '@kubecis/core';
import { build, wrapPodSpec, type WorkloadKindName } from '@kubecis/testkit';

type Obj = Record<string, unknown>;

/** A namespace with labels. */
export const ns = (name: string, labels: Record<string, string> = {}): Obj => build.namespace({ name, labels });

/** A namespace that enforces a Pod Security level. */
export const psa = (name: string, level: string): Obj => ns(name, { 'pod-security.kubernetes.io/enforce': level });

/** A Deployment with one container. */
export const deploy = (name: string, namespace?: string, container: Obj = {}): Obj =>
  wrapPodSpec('Deployment', { name, ...(namespace === undefined ? {} : { namespace }) }, { containers: [{ name: 'app', image: 'registry.example.com/app:1', ...container }] });

/** Any workload kind with a pod spec. */
export const workload = (kind: WorkloadKindName, name: string, namespace: string | undefined, spec: Obj): Obj =>
  wrapPodSpec(kind, { name, ...(namespace === undefined ? {} : { namespace }) }, spec);

/** A workload of a component: DaemonSet by default. */
export const component = (name: string, namespace: string, containers: Obj[], kind: WorkloadKindName = 'DaemonSet', extra: Obj = {}): Obj =>
  wrapPodSpec(kind, { name, namespace }, { containers, ...extra });

/** A Kyverno policy with one rule. */
export const kyverno = (kind: 'ClusterPolicy' | 'Policy', name: string, rules: Obj[], spec: Obj = {}, namespace?: string): Obj => ({
  apiVersion: 'kyverno.io/v1',
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  spec: { ...spec, rules },
});

/** A Kyverno validate rule matching the given kinds. */
export const validateRule = (kinds: string[] = ['Pod'], extra: Obj = {}): Obj => ({
  name: 'check',
  match: { any: [{ resources: { kinds } }] },
  validate: { message: 'no', pattern: { spec: { containers: [{ name: '*' }] } } },
  ...extra,
});

/** A NetworkPolicy. */
export const netpol = (name: string, namespace: string | undefined, spec: Obj = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  spec,
});

/** Runs one rule and returns its findings (strict by default, so raw findings are seen). */
export function findingsOf(rule: AnyRule, objects: readonly unknown[], options: EvaluateOptions = { strict: true }, snapshotOptions?: SnapshotOptions): Finding[] {
  return evaluate(createSnapshot(objects, snapshotOptions), rule, options).controls.flatMap((c) => c.findings);
}

/** The control status of one rule over the objects. */
export function statusOf(rule: AnyRule, objects: readonly unknown[], options: EvaluateOptions = {}): string {
  return evaluate(createSnapshot(objects), rule, options).controls[0]?.status ?? 'none';
}
