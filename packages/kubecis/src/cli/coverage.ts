// When a live collection could not list some kinds (403, a broken aggregated API), the controls
// whose rules read those kinds say so: a PASS built on missing objects becomes a WARN.

import { globMatcher, summarize, type ControlResult, type Report } from '@kubecis/core';

export interface MissingKindInfo {
  readonly kind: string;
  readonly group: string;
  readonly namespace: string | null;
  readonly reason: string;
}

const workloads = ['Pod', 'PodTemplate', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const rbac = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
const admission = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'];

/** Which rules read which kinds (rule id globs). Custom kinds (`*`) are read by the engine-aware rules. */
const readers: readonly (readonly [readonly string[], readonly string[]])[] = [
  [workloads, ['pss/*', 'rbac/no-unneeded-token-mount', 'network/no-secrets-in-env', 'network/require-external-secret-store', 'network/require-namespace-boundaries', 'network/no-default-namespace', 'network/require-cni-policy-support', 'network/require-network-policy']],
  [['Namespace'], ['pss/*', 'network/*', 'rbac/no-default-service-account']],
  [rbac, ['rbac/*', 'network/require-cni-policy-support', 'network/no-default-namespace']],
  [['ServiceAccount'], ['rbac/no-default-service-account', 'rbac/no-unneeded-token-mount', 'network/no-default-namespace']],
  [['NetworkPolicy'], ['network/require-network-policy']],
  [admission, ['network/require-policy-control', 'network/require-image-verification', 'pss/*']],
  [['Secret', 'ConfigMap', 'Service'], ['network/require-external-secret-store', 'network/no-default-namespace', 'network/require-cni-policy-support']],
  [['*'], ['network/require-policy-control', 'network/require-image-verification', 'network/require-external-secret-store', 'network/require-network-policy', 'network/require-cni-policy-support']],
];

function rulesReading(missing: MissingKindInfo): (ruleId: string) => boolean {
  const builtIn = missing.group === '' || !missing.group.includes('.') || missing.group.endsWith('.k8s.io');
  const globs = readers.filter(([kinds]) => kinds.includes(missing.kind) || (!builtIn && kinds.includes('*'))).flatMap(([, rules]) => rules);
  return globMatcher(globs);
}

function describe(missing: MissingKindInfo): string {
  return `${missing.kind}${missing.group === '' ? '' : `.${missing.group}`}${missing.namespace === null ? '' : ` in ${missing.namespace}`} (${missing.reason})`;
}

/** The report with each control whose rules read a missing kind marked; PASS becomes WARN. */
export function markIncomplete(report: Report, missing: readonly MissingKindInfo[]): Report {
  if (missing.length === 0) return report;
  const matchers = missing.map((m) => ({ m, reads: rulesReading(m) }));
  let changed = false;
  const controls = report.controls.map((control): ControlResult => {
    const lacking = matchers.filter(({ reads }) => control.rules.some(reads)).map(({ m }) => describe(m));
    if (lacking.length === 0) return control;
    changed = true;
    const note = `Incomplete: could not list ${lacking.join(', ')}`;
    if (control.status === 'PASS') return { ...control, status: 'WARN', reason: `${note}; this control may not pass` };
    return { ...control, reason: control.reason === null ? note : `${control.reason}. ${note}` };
  });
  return changed ? { ...report, controls, summary: summarize(controls) } : report;
}
