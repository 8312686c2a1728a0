import type { ControlDefinition, ControlSection, ControlType } from '@kubecis/core';

/** The benchmark versions kubecis ships, oldest first. */
export const benchmarkIds = ['cis-1.7', 'cis-1.8', 'cis-1.9', 'cis-1.10', 'cis-1.11', 'cis-1.12', 'cis-2.0'] as const;
export type BenchmarkId = (typeof benchmarkIds)[number];

type Era = 'le-1.8' | '1.9-1.10' | 'ge-1.11';

function eraOf(id: BenchmarkId): Era {
  if (id === 'cis-1.7' || id === 'cis-1.8') return 'le-1.8';
  if (id === 'cis-1.9' || id === 'cis-1.10') return '1.9-1.10';
  return 'ge-1.11';
}

/** Whether 5.2's "added capabilities" control still exists (it was removed in cis-1.12). */
function hasAddedCapabilities(id: BenchmarkId): boolean {
  return id !== 'cis-1.12' && id !== 'cis-2.0';
}

/** General Policies is 5.7 up to cis-1.10 and 5.6 from cis-1.11. */
function generalSection(id: BenchmarkId): string {
  return eraOf(id) === 'ge-1.11' ? '5.6' : '5.7';
}

interface Entry {
  readonly suffix: string;
  readonly title: string;
  readonly type: ControlType;
}

/** The section-5 controls of one benchmark version, in order, with that version's ids, titles and tags. */
export function controlsFor(id: BenchmarkId): { sections: ControlSection[]; controls: ControlDefinition[] } {
  const era = eraOf(id);
  const rbacTag: ControlType = era === '1.9-1.10' ? 'automated' : 'manual';
  // In cis-1.7/1.8 the 5.2.3-5.2.9 titles carry "(Automated)"; from 1.9 every 5.2 control is Manual.
  const pssTag = (n: number): ControlType => (era === 'le-1.8' && n >= 3 && n <= 9 ? 'automated' : 'manual');

  const rbac: Entry[] = [
    { suffix: '1', title: 'Ensure that the cluster-admin role is only used where required', type: rbacTag },
    { suffix: '2', title: 'Minimize access to secrets', type: rbacTag },
    { suffix: '3', title: 'Minimize wildcard use in Roles and ClusterRoles', type: rbacTag },
    { suffix: '4', title: 'Minimize access to create pods', type: rbacTag },
    {
      suffix: '5',
      title: `Ensure that default service accounts are not actively used${era === 'le-1.8' ? '.' : ''}`,
      type: rbacTag,
    },
    { suffix: '6', title: 'Ensure that Service Account Tokens are only mounted where necessary', type: rbacTag },
    { suffix: '7', title: 'Avoid use of system:masters group', type: 'manual' },
    { suffix: '8', title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster', type: 'manual' },
    { suffix: '9', title: 'Minimize access to create persistent volumes', type: 'manual' },
    { suffix: '10', title: 'Minimize access to the proxy sub-resource of nodes', type: 'manual' },
    { suffix: '11', title: 'Minimize access to the approval sub-resource of certificatesigningrequests objects', type: 'manual' },
    { suffix: '12', title: 'Minimize access to webhook configuration objects', type: 'manual' },
    { suffix: '13', title: 'Minimize access to the service account token creation', type: 'manual' },
  ];

  const pssTitles: string[] = [
    'Ensure that the cluster has at least one active policy control mechanism in place',
    'Minimize the admission of privileged containers',
    'Minimize the admission of containers wishing to share the host process ID namespace',
    'Minimize the admission of containers wishing to share the host IPC namespace',
    'Minimize the admission of containers wishing to share the host network namespace',
    'Minimize the admission of containers with allowPrivilegeEscalation',
    'Minimize the admission of root containers',
    'Minimize the admission of containers with the NET_RAW capability',
    ...(hasAddedCapabilities(id) ? ['Minimize the admission of containers with added capabilities'] : []),
    'Minimize the admission of containers with capabilities assigned',
    'Minimize the admission of Windows HostProcess containers',
    'Minimize the admission of HostPath volumes',
    'Minimize the admission of containers which use HostPorts',
  ];
  const pss: Entry[] = pssTitles.map((title, i) => ({ suffix: String(i + 1), title, type: pssTag(i + 1) }));

  const network: Entry[] = [
    { suffix: '1', title: 'Ensure that the CNI in use supports NetworkPolicies', type: 'manual' },
    { suffix: '2', title: 'Ensure that all Namespaces have NetworkPolicies defined', type: 'manual' },
  ];
  const secrets: Entry[] = [
    { suffix: '1', title: 'Prefer using Secrets as files over Secrets as environment variables', type: 'manual' },
    { suffix: '2', title: 'Consider external secret storage', type: 'manual' },
  ];
  const admission: Entry[] = [
    { suffix: '1', title: 'Configure Image Provenance using ImagePolicyWebhook admission controller', type: 'manual' },
  ];
  const general: Entry[] = [
    { suffix: '1', title: 'Create administrative boundaries between resources using namespaces', type: 'manual' },
    { suffix: '2', title: 'Ensure that the seccomp profile is set to docker/default in your Pod definitions', type: 'manual' },
    { suffix: '3', title: 'Apply SecurityContext to your Pods and Containers', type: 'manual' },
    { suffix: '4', title: 'The default namespace should not be used', type: 'manual' },
  ];

  const gen = generalSection(id);
  const groups: [ControlSection, Entry[]][] = [
    [{ id: '5.1', title: 'RBAC and Service Accounts' }, rbac],
    [{ id: '5.2', title: 'Pod Security Standards' }, pss],
    [{ id: '5.3', title: 'Network Policies and CNI' }, network],
    [{ id: '5.4', title: 'Secrets Management' }, secrets],
    [{ id: '5.5', title: 'Extensible Admission Control' }, admission],
    [{ id: gen, title: 'General Policies' }, general],
  ];
  const sections = groups.map(([section]) => section);
  const controls = groups.flatMap(([section, entries]) =>
    entries.map((e) => ({ id: `${section.id}.${e.suffix}`, title: e.title, type: e.type, section: section.id })),
  );
  return { sections, controls };
}

/** The Kubernetes minor version each benchmark targets (kube-bench's version mapping; cis-2.0 for 1.35 and later). */
const benchmarkForMinor: readonly [number, BenchmarkId][] = [
  [25, 'cis-1.7'],
  [26, 'cis-1.8'],
  [27, 'cis-1.9'],
  [28, 'cis-1.10'],
  [31, 'cis-1.11'],
  [34, 'cis-1.12'],
];

/**
 * The benchmark for a Kubernetes version (`v1.30.2`, `1.30`), following kube-bench's mapping;
 * `null` when the version cannot be read. Versions older than 1.25 get cis-1.7, the oldest shipped.
 */
export function benchmarkForKubernetesVersion(version: string): BenchmarkId | null {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major !== 1) return major > 1 ? 'cis-2.0' : null;
  for (const [upTo, id] of benchmarkForMinor) if (minor <= upTo) return id;
  return 'cis-2.0';
}
