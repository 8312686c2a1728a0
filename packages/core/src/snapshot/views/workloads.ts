import type { Container, PodSpec } from '../../objects/core-v1.js';
import type { KubeObject, TemplateMeta } from '../../objects/meta.js';
import type {
  ContainerGroup,
  ObjectRef,
  Snapshot,
  Workload,
  WorkloadContainer,
  WorkloadKind,
  WorkloadObject,
} from '../types.js';

interface TemplateLocation {
  readonly spec: readonly string[];
  readonly metadata: readonly string[];
}

/** Where each workload kind keeps its pod template. */
export const workloadTemplatePaths: Readonly<Record<WorkloadKind, TemplateLocation>> = {
  Pod: { spec: ['spec'], metadata: ['metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
  PodTemplate: { spec: ['template', 'spec'], metadata: ['template', 'metadata'] },
};

export const workloadKinds: readonly WorkloadKind[] = /* @__PURE__ */ Object.keys(workloadTemplatePaths) as WorkloadKind[];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(workloadTemplatePaths, kind);
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The same paths, dotted (`spec.template.spec`). */
const dottedPaths: Readonly<Record<WorkloadKind, { readonly spec: string; readonly metadata: string }>> = /* @__PURE__ */ Object.fromEntries(
  Object.entries(workloadTemplatePaths).map(([kind, paths]) => [kind, { spec: paths.spec.join('.'), metadata: paths.metadata.join('.') }]),
) as Record<WorkloadKind, { spec: string; metadata: string }>;

const noRefs: readonly ObjectRef[] = Object.freeze([]);

/** The controller owner reference of an object, if any. */
function controllerOf(object: KubeObject): { kind: string; name: string; uid: string | undefined } | undefined {
  const refs = object.metadata.ownerReferences;
  if (!refs) return undefined;
  const ref = refs.find((r) => r.controller === true);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/**
 * Builds the workloads view: every pod spec in the snapshot, named by its top-most owner.
 * A Pod, ReplicaSet or Job whose controller is in the snapshot is folded into that controller.
 */
export function buildWorkloads(snapshot: Snapshot): readonly Workload[] {
  const candidates: WorkloadObject[] = [];
  for (const kind of workloadKinds) candidates.push(...(snapshot.ofKind(kind) as readonly WorkloadObject[]));

  const byUid = new Map<string, WorkloadObject>();
  for (const object of candidates) {
    if (object.metadata.uid !== undefined) byUid.set(object.metadata.uid, object);
  }

  const ownerOf = (object: WorkloadObject): WorkloadObject | undefined => {
    const ref = controllerOf(object);
    if (!ref) return undefined;
    const byId = ref.uid === undefined ? undefined : byUid.get(ref.uid);
    if (byId?.kind === ref.kind) return byId;
    if (!isWorkloadKind(ref.kind)) return undefined;
    return snapshot.get(ref.kind, snapshot.refOf(object).namespace, ref.name);
  };

  // Top-most owner of each object, remembered (a ReplicaSet's is asked again for each of its pods).
  // Ownership chains are short (Pod → ReplicaSet → Deployment), but guard against cycles: an
  // object whose chain runs into a cycle has no top and stands for itself.
  const tops = new Map<WorkloadObject, WorkloadObject>();
  const cyclic = new Set<WorkloadObject>();
  const topOf = (object: WorkloadObject): WorkloadObject => {
    const known = tops.get(object);
    if (known !== undefined) return known;
    const chain: WorkloadObject[] = [object];
    let top = object;
    for (;;) {
      const owner = ownerOf(top);
      if (!owner) break;
      if (cyclic.has(owner) || chain.includes(owner)) {
        cyclic.add(object);
        tops.set(object, object);
        return object;
      }
      // A known top is one reached without a cycle, so this chain has none either.
      const ownerTop = tops.get(owner);
      if (ownerTop !== undefined) {
        top = ownerTop;
        break;
      }
      chain.push(owner);
      top = owner;
    }
    for (const member of chain) tops.set(member, top);
    return top;
  };

  const folded = new Map<WorkloadObject, ObjectRef[]>();
  const owners: WorkloadObject[] = [];
  for (const object of candidates) {
    const top = topOf(object);
    if (top === object) {
      owners.push(object);
    } else {
      let list = folded.get(top);
      if (!list) folded.set(top, (list = []));
      list.push(snapshot.refOf(object));
    }
  }

  const result: Workload[] = [];
  for (const object of owners) {
    const kind = object.kind;
    const paths = workloadTemplatePaths[kind];
    const spec = walk(object, paths.spec) as PodSpec | undefined;
    if (spec === undefined) continue; // a ReplicationController without a template has no pod spec
    const ref = snapshot.refOf(object);
    result.push({
      object,
      kind,
      ref,
      namespace: ref.namespace ?? snapshot.options.defaultNamespace,
      podMetadata: (walk(object, paths.metadata) as TemplateMeta | undefined) ?? {},
      spec,
      specPath: dottedPaths[kind].spec,
      metadataPath: dottedPaths[kind].metadata,
      folded: folded.get(object) ?? noRefs,
    });
  }
  return result;
}

const groups: readonly ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every container of a pod spec (init, regular and ephemeral), with its path from the owner's root. */
export function podContainers(spec: PodSpec, specPath = 'spec'): WorkloadContainer[] {
  const out: WorkloadContainer[] = [];
  for (const group of groups) {
    const list: readonly Container[] | undefined =
      group === 'containers' ? spec.containers : group === 'initContainers' ? spec.initContainers : spec.ephemeralContainers;
    if (!Array.isArray(list)) continue;
    list.forEach((container: Container, index: number) => {
      out.push({ container, group, index, path: `${specPath}.${group}[${String(index)}]` });
    });
  }
  return out;
}

/** Every container of a workload. */
export function workloadContainers(workload: Workload): WorkloadContainer[] {
  return podContainers(workload.spec, workload.specPath);
}
