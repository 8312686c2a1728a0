// Finds the pod (metadata and spec) inside a Pod, a workload, a PodTemplate or a core Workload,
// the way upstream's PodSpecExtractor does, and prepares a read-only view of it for the checks.
import type { ContainerGroup, PathSegment } from '@kubecis/core';
import { splitDottedPath } from './path.js';
import { field, isObj, objField, strField, type Obj } from './read.js';

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

// Views are built for every workload by every rule, so they allocate little: a container's path
// and the pod's annotations are worked out when a check asks for them.

class Container implements ContainerView {
  constructor(
    readonly raw: Obj,
    readonly name: string,
    readonly sc: Obj | undefined,
    readonly group: ContainerGroup,
    readonly index: number,
    private readonly specPath: readonly PathSegment[],
  ) {}

  get path(): readonly PathSegment[] {
    return [...this.specPath, this.group, this.index];
  }
}

class View implements PodView {
  private annotationsValue: ReadonlyMap<string, string> | undefined;

  constructor(
    readonly root: unknown,
    readonly metadata: Obj,
    readonly spec: Obj,
    readonly sc: Obj | undefined,
    readonly containers: readonly ContainerView[],
    readonly specPath: readonly PathSegment[],
    readonly metadataPath: readonly PathSegment[],
    readonly windows: boolean,
    readonly userNamespace: boolean,
  ) {}

  get annotations(): ReadonlyMap<string, string> {
    this.annotationsValue ??= annotationsOf(this.metadata);
    return this.annotationsValue;
  }
}

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

// The reads below name their fields (`spec.containers`, not `field(spec, key)`), so that each is a
// fast property load at its own site; `hasOwn` is consulted only for a value that was found, so the
// prototype chain is still never read.

function containerList(spec: Obj, group: ContainerGroup): readonly unknown[] | undefined {
  const list = group === 'containers' ? spec['containers'] : group === 'initContainers' ? spec['initContainers'] : spec['ephemeralContainers'];
  return Array.isArray(list) && hasOwn(spec, group) ? list : undefined;
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
    const list = containerList(spec, group);
    if (list === undefined) continue;
    for (let index = 0; index < list.length; index++) {
      const item = list[index];
      const raw = isObj(item) ? item : emptyObj;
      const name = raw['name'];
      const sc = raw['securityContext'];
      containers.push(
        new Container(
          raw,
          typeof name === 'string' && hasOwn(raw, 'name') ? name : '',
          isObj(sc) && hasOwn(raw, 'securityContext') ? sc : undefined,
          group,
          index,
          specPath,
        ),
      );
    }
  }
  const sc = spec['securityContext'];
  const os = spec['os'];
  const osName = isObj(os) && hasOwn(spec, 'os') ? os['name'] : undefined;
  return new View(
    root,
    metadata,
    spec,
    isObj(sc) && hasOwn(spec, 'securityContext') ? sc : undefined,
    containers,
    specPath,
    metadataPath,
    osName === 'windows' && hasOwn(os as Obj, 'name'),
    spec['hostUsers'] === false && hasOwn(spec, 'hostUsers'),
  );
}

/** The dotted template paths of core's workloads view, split once. */
const knownDottedPaths: ReadonlyMap<string, readonly PathSegment[]> = /* @__PURE__ */ new Map(
  ['spec', 'metadata', 'spec.template.spec', 'spec.template.metadata', 'spec.jobTemplate.spec.template.spec', 'spec.jobTemplate.spec.template.metadata', 'template.spec', 'template.metadata'].map(
    (path) => [path, Object.freeze(splitDottedPath(path))],
  ),
);

function dottedPath(path: string): readonly PathSegment[] {
  return knownDottedPaths.get(path) ?? splitDottedPath(path);
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
    const specPath = dottedPath(input['specPath'] as string);
    const metadataPath = dottedPath(input['metadataPath'] as string);
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
