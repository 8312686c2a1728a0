// Finds the pod (metadata and spec) inside a Pod, a workload, a PodTemplate or a core Workload,
// the way upstream's PodSpecExtractor does, and prepares a read-only view of it for the checks.
import type { ContainerGroup, PathSegment } from '@kubecis/core';
import { splitDottedPath } from './path.js';
import { field, isObj, listField, objField, strField, strValue, type Obj } from './read.js';

export interface ContainerView {
  /** The container object, or `{}` when the list element is not an object (Go's zero value). */
  readonly raw: Obj;
  readonly name: string;
  /** `securityContext`, when it is an object. */
  readonly sc: Obj | undefined;
  readonly group: ContainerGroup;
  readonly index: number;
  /** From the object's root. */
  readonly path: readonly PathSegment[];
}

export interface PodView {
  /** The object the paths start from. */
  readonly root: unknown;
  /** The pod's metadata (the template's for workloads). */
  readonly metadata: Obj;
  /** Annotations whose values are strings, as `[key, value]`. */
  readonly annotations: ReadonlyMap<string, string>;
  readonly spec: Obj;
  /** The pod-level `securityContext`, when it is an object. */
  readonly sc: Obj | undefined;
  /** initContainers, containers, then ephemeralContainers: upstream's visiting order. */
  readonly containers: readonly ContainerView[];
  readonly specPath: readonly PathSegment[];
  readonly metadataPath: readonly PathSegment[];
  /** `spec.os.name` is exactly `windows`. */
  readonly windows: boolean;
  /** `spec.hostUsers` is exactly `false` (a user namespace). */
  readonly userNamespace: boolean;
}

const emptyObj: Obj = Object.freeze({});
const groups: readonly ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];

function annotationsOf(metadata: Obj): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const annotations = objField(metadata, 'annotations');
  if (annotations === undefined) return out;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    if (typeof value === 'string') out.set(key, value);
  }
  return out;
}

/** Builds the view of one pod spec. `specPath` and `metadataPath` are relative to `root`. */
export function podView(
  root: unknown,
  metadataValue: unknown,
  specValue: unknown,
  specPath: readonly PathSegment[],
  metadataPath: readonly PathSegment[],
): PodView {
  const metadata = isObj(metadataValue) ? metadataValue : emptyObj;
  const spec = isObj(specValue) ? specValue : emptyObj;
  const containers: ContainerView[] = [];
  for (const group of groups) {
    const list = listField(spec, group);
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      const raw = isObj(item) ? item : emptyObj;
      containers.push({
        raw,
        name: strValue(field(raw, 'name')),
        sc: objField(raw, 'securityContext'),
        group,
        index,
        path: [...specPath, group, index],
      });
    }
  }
  return {
    root,
    metadata,
    annotations: annotationsOf(metadata),
    spec,
    sc: objField(spec, 'securityContext'),
    containers,
    specPath,
    metadataPath,
    windows: strField(objField(spec, 'os'), 'name') === 'windows',
    userNamespace: field(spec, 'hostUsers') === false,
  };
}

type TemplateKind = 'pod' | 'template' | 'specTemplate' | 'jobTemplate';

const kindShapes: Readonly<Record<string, TemplateKind>> = {
  Pod: 'pod',
  PodTemplate: 'template',
  ReplicationController: 'specTemplate',
  ReplicaSet: 'specTemplate',
  Deployment: 'specTemplate',
  StatefulSet: 'specTemplate',
  DaemonSet: 'specTemplate',
  Job: 'specTemplate',
  CronJob: 'jobTemplate',
};

/** A core `Workload` from `snapshot.workloads()`: it carries its own paths. */
function isCoreWorkload(value: Obj): boolean {
  return typeof value['specPath'] === 'string' && typeof value['metadataPath'] === 'string' && isObj(value['object']) && 'spec' in value;
}

function fromTemplate(root: Obj, template: unknown, prefix: readonly PathSegment[]): PodView {
  return podView(root, field(template, 'metadata'), field(template, 'spec'), [...prefix, 'spec'], [...prefix, 'metadata']);
}

/** The shape of an object of unknown kind: a template owner (Argo Rollout), a PodTemplate, or a pod. */
function guessShape(value: Obj): TemplateKind | 'podSpec' {
  const spec = objField(value, 'spec');
  if (isObj(field(objField(objField(spec, 'jobTemplate'), 'spec'), 'template'))) return 'jobTemplate';
  if (isObj(field(spec, 'template'))) return 'specTemplate';
  if (spec === undefined && isObj(field(value, 'template'))) return 'template';
  if (spec === undefined && Array.isArray(field(value, 'containers'))) return 'podSpec';
  return 'pod';
}

/**
 * The pod of any supported input, or `null` when there is nothing to evaluate (not an object, or
 * a ReplicationController without a template, as upstream treats it).
 */
export function podViewOf(input: unknown): PodView | null {
  if (!isObj(input)) return null;
  if (isCoreWorkload(input)) {
    const specPath = splitDottedPath(input['specPath'] as string);
    const metadataPath = splitDottedPath(input['metadataPath'] as string);
    return podView(input['object'], input['podMetadata'], input['spec'], specPath, metadataPath);
  }
  const kind = strField(input, 'kind');
  const shape = kind !== undefined && Object.prototype.hasOwnProperty.call(kindShapes, kind) ? kindShapes[kind]! : guessShape(input);
  switch (shape) {
    case 'pod':
      return podView(input, field(input, 'metadata'), field(input, 'spec'), ['spec'], ['metadata']);
    case 'podSpec':
      return podView(input, undefined, input, [], ['metadata']);
    case 'template':
      return fromTemplate(input, field(input, 'template'), ['template']);
    case 'specTemplate': {
      const template = field(objField(input, 'spec'), 'template');
      // ReplicationController's template is a pointer: no template, nothing to check.
      if (kind === 'ReplicationController' && (template === undefined || template === null)) return null;
      return fromTemplate(input, template, ['spec', 'template']);
    }
    case 'jobTemplate': {
      const jobSpec = objField(objField(objField(input, 'spec'), 'jobTemplate'), 'spec');
      return fromTemplate(input, field(jobSpec, 'template'), ['spec', 'jobTemplate', 'spec', 'template']);
    }
  }
}
