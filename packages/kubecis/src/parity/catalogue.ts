// Which section-5 checks kube-bench automates in each benchmark version, whether they are scored,
// and what their audits print (../shared/reference/kube-bench.md §1-§3). Pure data and lookups.

import { benchmarkIds, type BenchmarkId } from '../benchmarks/catalogue.js';

/** The audits kube-bench runs for section 5 (cis-1.9 and later); each is one check of one or more versions. */
export type AuditId =
  | 'cluster-admin-bindings'
  | 'secrets-can-i'
  | 'wildcard-literal'
  | 'create-pods-can-i'
  | 'default-service-accounts'
  | 'token-mount'
  | 'privileged'
  | 'host-pid'
  | 'host-ipc'
  | 'host-network'
  | 'allow-privilege-escalation'
  | 'added-capabilities';

/** How kube-bench's scoring is reproduced. */
export type KubeBenchScoring = 'current' | 'pre-v0.14.0';

export interface AuditInfo {
  readonly id: AuditId;
  /** What the audit does, in our words (kube-bench's shell script is not reproduced). */
  readonly audit: string;
  /** kube-bench's `expected_result` text, as its test items render it. */
  readonly expected: string;
  /** `use_multiple_values`: the test is applied to each output line, and every line must pass. */
  readonly multiple: boolean;
  /** What kubectl prints on stderr (and so into the audit output) when the listing is empty. */
  readonly emptyOutput: string;
  /** The remediation, in our words. */
  readonly remediation: string;
}

const isCompliant = "'is_compliant' is equal to 'true'";
const noResources = 'No resources found';

export const audits: Readonly<Record<AuditId, AuditInfo>> = {
  'cluster-admin-bindings': {
    id: 'cluster-admin-bindings',
    audit:
      'kubectl get clusterrolebindings (name, roleRef.name, subject names); one line per ClusterRoleBinding, is_compliant false when the binding is not named cluster-admin and its roleRef.name is cluster-admin',
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation:
      'List the ClusterRoleBindings to cluster-admin, keep only those that are needed, bind a less privileged role where possible, and delete the others (kubectl delete clusterrolebinding <name>). kube-bench flags every one except the binding named cluster-admin.',
  },
  'secrets-can-i': {
    id: 'secrets-can-i',
    audit: 'kubectl auth can-i get,list,watch secrets --all-namespaces --as=system:authenticated',
    expected: "'canGetListWatchSecretsAsSystemAuthenticated' is equal to 'no'",
    multiple: false,
    emptyOutput: '',
    remediation: 'Remove get, list and watch on Secrets from the roles that every authenticated user holds, wherever possible.',
  },
  'wildcard-literal': {
    id: 'wildcard-literal',
    audit:
      'kubectl get roles --all-namespaces and kubectl get clusterroles; one line per role with its rules as compact JSON, compliant unless that JSON contains the literal ["*"]',
    expected: "'role_is_compliant' is equal to 'true' OR 'clusterrole_is_compliant' is equal to 'true'",
    multiple: true,
    emptyOutput: `${noResources}\n${noResources}`,
    remediation:
      'Replace wildcards ["*"] in Roles and ClusterRoles with the resources and verbs they need. kube-bench flags only a list that is exactly ["*"], and the built-in cluster-admin ClusterRole has one.',
  },
  'create-pods-can-i': {
    id: 'create-pods-can-i',
    audit: 'kubectl auth can-i create pods --all-namespaces --as=system:authenticated',
    expected: "'canCreatePodsAsSystemAuthenticated' is equal to 'no'",
    multiple: false,
    emptyOutput: '',
    remediation: 'Remove create on pods from the roles that every authenticated user holds, wherever possible.',
  },
  'default-service-accounts': {
    id: 'default-service-accounts',
    audit:
      'kubectl get serviceaccount --all-namespaces --field-selector metadata.name=default; one line per default ServiceAccount with automountServiceAccountToken true, false or notset',
    expected: "'automountServiceAccountToken' is equal to 'false'",
    multiple: true,
    emptyOutput: '',
    remediation:
      'Set automountServiceAccountToken: false on the default ServiceAccount of every namespace (kube-system, kube-public and kube-node-lease included), and give workloads that need the API their own ServiceAccount.',
  },
  'token-mount': {
    id: 'token-mount',
    audit:
      "kubectl get pods --all-namespaces (namespace, name, spec.serviceAccount, spec.automountServiceAccountToken), then each pod's ServiceAccount; one line per pod, compliant when the ServiceAccount says false and the pod says false or nothing, or the ServiceAccount says true and the pod says false",
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation:
      'Set automountServiceAccountToken: false on the ServiceAccounts and pods that do not need the API. kube-bench counts a pod as compliant only in the cases its truth table lists: set false on the ServiceAccount too, even where the pod already sets false.',
  },
  privileged: {
    id: 'privileged',
    audit: "kubectl get pods --all-namespaces, then each pod's .spec.containers[] (init and ephemeral containers are not listed); one line per container, compliant when securityContext.privileged is false or unset",
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation: 'Restrict the admission of privileged containers in every namespace with user workloads, and remove privileged: true from the containers that do not need it.',
  },
  'host-pid': {
    id: 'host-pid',
    audit: 'kubectl get pods --all-namespaces, then each pod\'s .spec.hostPID; one line per pod, compliant when it is empty',
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation: 'Restrict the admission of pods with hostPID in every namespace with user workloads, and remove hostPID: true from the pods that do not need it.',
  },
  'host-ipc': {
    id: 'host-ipc',
    audit: 'kubectl get pods --all-namespaces, then each pod\'s .spec.hostIPC; one line per pod, compliant when it is empty',
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation: 'Restrict the admission of pods with hostIPC in every namespace with user workloads, and remove hostIPC: true from the pods that do not need it.',
  },
  'host-network': {
    id: 'host-network',
    audit: 'kubectl get pods --all-namespaces, then each pod\'s .spec.hostNetwork; one line per pod, compliant when it is empty',
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation: 'Restrict the admission of pods with hostNetwork in every namespace with user workloads, and remove hostNetwork: true from the pods that do not need it.',
  },
  'allow-privilege-escalation': {
    id: 'allow-privilege-escalation',
    audit:
      "kubectl get pods --all-namespaces, then each pod's .spec.containers[]; one line per container, compliant when securityContext.allowPrivilegeEscalation is false or unset",
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation:
      'Restrict the admission of containers with allowPrivilegeEscalation: true in every namespace with user workloads. kube-bench accepts an unset field, although escalation is then allowed at run time: set it to false.',
  },
  'added-capabilities': {
    id: 'added-capabilities',
    audit:
      "kubectl get pods --all-namespaces, then each pod's .spec.containers[]; one line per container, compliant when securityContext.capabilities.add is unset or empty",
    expected: isCompliant,
    multiple: true,
    emptyOutput: noResources,
    remediation: 'Restrict the admission of containers that add capabilities in every namespace with user workloads, and remove capabilities.add where it is not needed.',
  },
};

const rbacAudits: readonly [string, AuditId][] = [
  ['5.1.1', 'cluster-admin-bindings'],
  ['5.1.2', 'secrets-can-i'],
  ['5.1.3', 'wildcard-literal'],
  ['5.1.4', 'create-pods-can-i'],
  ['5.1.5', 'default-service-accounts'],
  ['5.1.6', 'token-mount'],
];

const podAudits: readonly [string, AuditId][] = [
  ['5.2.2', 'privileged'],
  ['5.2.3', 'host-pid'],
  ['5.2.4', 'host-ipc'],
  ['5.2.5', 'host-network'],
  ['5.2.6', 'allow-privilege-escalation'],
];

/** The benchmark versions kube-bench's parity is reproduced for (those kubecis ships). */
export function isKubeBenchVersion(id: string): id is BenchmarkId {
  return (benchmarkIds as readonly string[]).includes(id);
}

/**
 * The checks kube-bench runs an audit for, in one version; every other section-5 check is
 * `type: manual` there and always WARN. cis-1.7/1.8: none. cis-1.9: 5.1.1-5.1.6. cis-1.10/1.11:
 * also 5.2.2-5.2.6 and 5.2.9 (added capabilities). cis-1.12/2.0: 5.1.1-5.1.6 and 5.2.2-5.2.6.
 */
export function auditedChecks(version: BenchmarkId): ReadonlyMap<string, AuditId> {
  switch (version) {
    case 'cis-1.7':
    case 'cis-1.8':
      return new Map();
    case 'cis-1.9':
      return new Map(rbacAudits);
    case 'cis-1.10':
    case 'cis-1.11':
      return new Map([...rbacAudits, ...podAudits, ['5.2.9', 'added-capabilities']]);
    case 'cis-1.12':
    case 'cis-2.0':
      return new Map([...rbacAudits, ...podAudits]);
  }
}

/**
 * kube-bench's `scored` flag. Every section-5 check of these versions is `scored: false` since
 * kube-bench v0.14.0 (PR #1989); before it, 5.1.1-5.1.6 of cis-1.9 and cis-1.10 were scored.
 */
export function isScored(version: BenchmarkId, controlId: string, scoring: KubeBenchScoring): boolean {
  if (scoring !== 'pre-v0.14.0') return false;
  return (version === 'cis-1.9' || version === 'cis-1.10') && rbacAudits.some(([id]) => id === controlId);
}

/** Every (control id, audit) pair any version automates; the rule id of each is `kube-bench/<control id>`. */
export function allAuditedChecks(): readonly { readonly controlId: string; readonly audit: AuditId; readonly versions: readonly BenchmarkId[] }[] {
  const byControl = new Map<string, { controlId: string; audit: AuditId; versions: BenchmarkId[] }>();
  for (const version of benchmarkIds) {
    for (const [controlId, audit] of auditedChecks(version)) {
      let entry = byControl.get(controlId);
      if (entry === undefined) byControl.set(controlId, (entry = { controlId, audit, versions: [] }));
      entry.versions.push(version);
    }
  }
  return [...byControl.values()];
}

/** The rule id of a kube-bench check's findings: `kube-bench/5.1.1`. */
export const parityRuleId = (controlId: string): string => `kube-bench/${controlId}`;

/** kube-bench's reason for a manual check. */
export const manualReason = 'Test marked as a manual test';
/** kube-bench's reason for a check given to `--skip`. */
export const skipReason = 'Test marked as skip';
