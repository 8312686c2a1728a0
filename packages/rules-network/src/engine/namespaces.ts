import { isClusterScoped, type KubeObject, type NamespaceEntry, type ObjectRef, type Snapshot } from '@kubecis/core';
import { namespaceRef } from './read.js';

/**
 * Whether an object is of a cluster-scoped kind (core's knowledge of Kubernetes' and common
 * projects' kinds) even though it sits in a namespace: such an object neither makes a namespace
 * exist nor counts as an object in one.
 */
export function isClusterScopedCustom(object: KubeObject): boolean {
  return isClusterScoped(object.apiVersion, object.kind);
}

/** The label every namespace carries (Kubernetes sets it on creation). */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export interface UserNamespace {
  readonly name: string;
  /** The Namespace object, or `null` when no object declares it. */
  readonly object: NamespaceEntry['object'];
  /** The Namespace object when declared, else its identity. */
  readonly resource: KubeObject | ObjectRef;
  /** Its labels, with `kubernetes.io/metadata.name` as Kubernetes adds it. */
  readonly labels: Readonly<Record<string, string>>;
}

function buildUserNamespaces(snapshot: Snapshot): readonly UserNamespace[] {
  const out: UserNamespace[] = [];
  for (const entry of snapshot.namespaces()) {
    if (entry.system) continue;
    if (entry.implicit && snapshot.inNamespace(entry.name).every(isClusterScopedCustom)) continue;
    out.push(namespaceOf(entry));
  }
  return out;
}

function namespaceOf(entry: NamespaceEntry): UserNamespace {
  const declared = entry.object?.metadata.labels ?? {};
  return {
    name: entry.name,
    object: entry.object,
    resource: entry.object ?? namespaceRef(entry.name),
    labels: { ...declared, [namespaceNameLabel]: entry.name },
  };
}

/** The user namespaces (declared or implied by objects; not system namespaces), sorted by name. */
export function userNamespaces(snapshot: Snapshot): readonly UserNamespace[] {
  return snapshot.derive(buildUserNamespaces);
}

/** Labels of any namespace of the snapshot (declared labels plus the name label). */
export function namespaceLabels(snapshot: Snapshot, name: string): Readonly<Record<string, string>> {
  const declared = snapshot.get('Namespace', null, name)?.metadata.labels ?? {};
  return { ...declared, [namespaceNameLabel]: name };
}

/** Namespaced objects in a namespace, without cluster-scoped custom kinds core put there. */
export function objectsIn(snapshot: Snapshot, namespace: string): readonly KubeObject[] {
  return snapshot.inNamespace(namespace).filter((o) => !isClusterScopedCustom(o));
}
