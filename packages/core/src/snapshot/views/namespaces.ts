import type { KindMap } from '../../objects/kinds.js';
import type { NamespaceEntry, Snapshot } from '../types.js';

/** Declared namespaces plus every namespace that a namespaced object lives in. */
export function buildNamespaces(snapshot: Snapshot): readonly NamespaceEntry[] {
  const declared = new Map<string, KindMap['Namespace']>();
  for (const ns of snapshot.ofKind('Namespace')) declared.set(ns.metadata.name, ns);
  const names = new Set(declared.keys());
  for (const object of snapshot.objects) {
    const ns = snapshot.refOf(object).namespace;
    if (ns !== null) names.add(ns);
  }
  return [...names].sort().map((name) => ({
    name,
    object: declared.get(name) ?? null,
    implicit: !declared.has(name),
    system: snapshot.isSystemNamespace(name),
  }));
}
