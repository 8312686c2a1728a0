// Which admission rule entries reach pods, in the three syntaxes policy engines use: Kubernetes
// webhook/VAP rules (group + plural resource), Gatekeeper kinds (groups + Kind) and Kyverno kind
// strings (`Pod`, `v1/Pod`, `apps/v1/Deployment`, `*`, `Pod/exec`).
import { matchesLabelSelector } from '@kubecis/core';
import { list, readSelector, record, str, strings } from './read.js';

/** Pods and the controllers whose pod templates they create, by kind, with API group and plural resource. */
export const podKinds: readonly { readonly kind: string; readonly group: string; readonly resource: string }[] = [
  { kind: 'Pod', group: '', resource: 'pods' },
  { kind: 'Deployment', group: 'apps', resource: 'deployments' },
  { kind: 'ReplicaSet', group: 'apps', resource: 'replicasets' },
  { kind: 'StatefulSet', group: 'apps', resource: 'statefulsets' },
  { kind: 'DaemonSet', group: 'apps', resource: 'daemonsets' },
  { kind: 'Job', group: 'batch', resource: 'jobs' },
  { kind: 'CronJob', group: 'batch', resource: 'cronjobs' },
  { kind: 'ReplicationController', group: '', resource: 'replicationcontrollers' },
];

/**
 * The pod kinds (pods and pod controllers) whose creation a webhook-style rule
 * (`{ apiGroups, resources, operations }`) intercepts. A missing `operations` list counts as every
 * operation only when `defaultAllOperations` is set (Kubewarden's default; webhook and VAP rules
 * require the field).
 */
export function podKindsCoveredBy(rule: unknown, defaultAllOperations = false): string[] {
  const r = record(rule);
  if (r === undefined) return [];
  const operations = strings(r['operations']);
  const createOk = operations === undefined ? defaultAllOperations : operations.includes('*') || operations.includes('CREATE');
  if (!createOk) return [];
  const groups = strings(r['apiGroups']) ?? [];
  const resources = strings(r['resources']) ?? [];
  return podKinds
    .filter((k) => (groups.includes('*') || groups.includes(k.group)) && (resources.includes('*') || resources.includes('*/*') || resources.includes(k.resource)))
    .map((k) => k.kind);
}

/** Whether a webhook-style rule intercepts the creation of pods or pod controllers. */
export function webhookRuleCoversPods(rule: unknown, defaultAllOperations = false): boolean {
  return podKindsCoveredBy(rule, defaultAllOperations).length > 0;
}

/** Whether any of the webhook-style rules intercepts pod creation. */
export function webhookRulesCoverPods(rules: unknown, defaultAllOperations = false): boolean {
  return list(rules).some((r) => webhookRuleCoversPods(r, defaultAllOperations));
}

/** Whether a Gatekeeper `match.kinds` list reaches pods or pod controllers. Absent or empty means every kind. */
export function gatekeeperKindsCoverPods(kinds: unknown): boolean {
  const entries = list(kinds);
  if (entries.length === 0) return true;
  return entries.some((entry) => {
    const e = record(entry);
    if (e === undefined) return false;
    const groups = strings(e['apiGroups']) ?? [];
    const names = strings(e['kinds']) ?? [];
    return podKinds.some((k) => (groups.includes('*') || groups.includes(k.group)) && (names.includes('*') || names.includes(k.kind)));
  });
}

/**
 * Whether a Kyverno kind string names pods or a pod controller (and not a subresource of one).
 * Forms: `Kind`, `Version/Kind`, `Group/Version/Kind`, `*`, `Kind/subresource`, `*` in any part.
 */
export function kyvernoKindCoversPods(kind: string): boolean {
  const parts = kind.split('/');
  if (parts.length === 1 && parts[0] === '*') return true;
  let index = parts.findIndex((p) => /^[A-Z]/.test(p));
  if (index === -1) index = parts[parts.length - 1] === '*' ? parts.length - 1 : -1;
  if (index === -1) return false;
  if (index < parts.length - 1) return false; // `Pod/exec`: a subresource, not pod creation
  const name = parts[index]!;
  const group = index === 2 ? parts[0]! : '*';
  return podKinds.some((k) => (name === '*' || name === k.kind) && (group === '*' || group === k.group));
}

/** Whether a label selector read from untyped data matches the labels; an absent selector matches everything. */
export function selectorAllows(value: unknown, labels: Readonly<Record<string, string>>): boolean {
  const selector = readSelector(value);
  if (selector === null) return true;
  if (selector === 'invalid') return false;
  return matchesLabelSelector(labels, selector);
}

/** Whether an object selector narrows a policy to some pods only (present and not empty). */
export function narrowsObjects(value: unknown): boolean {
  const selector = readSelector(value);
  if (selector === null) return false;
  if (selector === 'invalid') return true;
  return Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0;
}

/** A non-empty string, or `undefined`. */
export function nonEmpty(value: unknown): string | undefined {
  const s = str(value);
  return s === undefined || s === '' ? undefined : s;
}
