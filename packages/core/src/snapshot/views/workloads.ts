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

  // Top-most owner of each object; ownership chains are short, but guard against cycles.
  const topOf = (object: WorkloadObject): WorkloadObject => {
    let current = object;
    const seen = new Set<WorkloadObject>([current]);
    for (;;) {
      const owner = ownerOf(current);
      if (!owner) return current;
      // An ownership cycle has no top: every object in it stands for itself.
      if (seen.has(owner)) return object;
      seen.add(owner);
      current = owner;
    }
  };

  const folded = new Map<WorkloadObject, ObjectRef[]>();
  const tops: WorkloadObject[] = [];
  for (const object of candidates) {
    const top = topOf(object);
    if (top === object) {
      tops.push(object);
    } else {
      let list = folded.get(top);
      if (!list) folded.set(top, (list = []));
      list.push(snapshot.refOf(object));
    }
  }

  const result: Workload[] = [];
  for (const object of tops) {
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
      specPath: paths.spec.join('.'),
      metadataPath: paths.metadata.join('.'),
      folded: folded.get(object) ?? [],
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
