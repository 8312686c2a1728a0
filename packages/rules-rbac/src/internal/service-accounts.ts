import type { KindMap, Snapshot, Workload } from '@kubecis/core';
import { rbacIndex } from '../engine/rbac-index.js';
import type { BindingEntry, SubjectEntry } from '../engine/types.js';

/** How a workload's pods get their ServiceAccount token. */
export interface WorkloadToken {
  readonly workload: Workload;
  /** The ServiceAccount the pods run as (`default` when the spec names none). */
  readonly serviceAccount: string;
  readonly serviceAccountObject: KindMap['ServiceAccount'] | undefined;
  /** The path of serviceAccountName (or the deprecated serviceAccount) when the spec sets it. */
  readonly serviceAccountPath: string | null;
  /** Whether a token is mounted: the pod's automountServiceAccountToken wins over the ServiceAccount's; the default is true. */
  readonly automount: boolean;
  readonly automountSource: 'pod' | 'service-account' | 'default';
  /** The pod's automountServiceAccountToken path when the pod sets it. */
  readonly automountPath: string | null;
}

function tokensOf(snapshot: Snapshot): readonly WorkloadToken[] {
  return snapshot.workloads().map((workload) => {
    const spec = workload.spec;
    const named = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? 'serviceAccountName' : null;
    const legacy = named === null && typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '' ? 'serviceAccount' : null;
    const serviceAccount = named !== null ? (spec.serviceAccountName ?? 'default') : legacy !== null ? (spec.serviceAccount ?? 'default') : 'default';
    const field = named ?? legacy;
    const serviceAccountObject = snapshot.get('ServiceAccount', workload.namespace, serviceAccount);
    const podSetting = spec.automountServiceAccountToken;
    const saSetting = serviceAccountObject?.automountServiceAccountToken;
    const automount = typeof podSetting === 'boolean' ? podSetting : typeof saSetting === 'boolean' ? saSetting : true;
    return {
      workload,
      serviceAccount,
      serviceAccountObject,
      serviceAccountPath: field === null ? null : `${workload.specPath}.${field}`,
      automount,
      automountSource: typeof podSetting === 'boolean' ? 'pod' : typeof saSetting === 'boolean' ? 'service-account' : 'default',
      automountPath: typeof podSetting === 'boolean' ? `${workload.specPath}.automountServiceAccountToken` : null,
    };
  });
}

/** Token mounting of every workload, computed once per snapshot. */
export function workloadTokens(snapshot: Snapshot): readonly WorkloadToken[] {
  return snapshot.derive(tokensOf);
}

/**
 * The bindings that give a ServiceAccount rights: those naming it, and those naming
 * `system:serviceaccounts` or `system:serviceaccounts:<namespace>`. A binding counts when its
 * role has rules, or when its role is unknown (defined outside the snapshot).
 */
export function serviceAccountBindings(snapshot: Snapshot, namespace: string, name: string): { binding: BindingEntry; subject: SubjectEntry }[] {
  const index = rbacIndex(snapshot);
  const held = [
    ...index.bindingsFor({ kind: 'ServiceAccount', name, namespace }),
    ...index.bindingsFor({ kind: 'Group', name: 'system:serviceaccounts' }),
    ...index.bindingsFor({ kind: 'Group', name: `system:serviceaccounts:${namespace}` }),
  ];
  return held.filter(({ binding }) => binding.role === null || binding.role.rules.length > 0);
}
