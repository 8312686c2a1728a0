// Whether a container may run as root, from its effective settings: the container's runAsUser and
// runAsNonRoot override the pod's, and an unset container value falls back to the pod's.
import type { PathSegment } from '@kubecis/core';
import type { ContainerView, PodView } from '../engine/pod.js';
import { boolField, field } from '../engine/read.js';

export interface RootOffence {
  readonly container: ContainerView;
  /** `runsAsRoot`: an effective runAsUser of 0. `mayRunAsRoot`: neither runAsNonRoot=true nor a non-zero runAsUser. */
  readonly kind: 'runsAsRoot' | 'mayRunAsRoot';
  readonly path: readonly PathSegment[];
}

const numberField = (value: unknown, key: string): number | undefined => {
  const v = field(value, key);
  return typeof v === 'number' ? v : undefined;
};

/** Containers that run, or may run, as UID 0. */
export function rootOffences(pod: PodView): RootOffence[] {
  const out: RootOffence[] = [];
  const podUser = numberField(pod.sc, 'runAsUser');
  const podNonRoot = boolField(pod.sc, 'runAsNonRoot');
  const podPath = (key: string): PathSegment[] => [...pod.specPath, 'securityContext', key];
  for (const c of pod.containers) {
    const ownUser = numberField(c.sc, 'runAsUser');
    const user = ownUser ?? podUser;
    const scPath = (key: string): PathSegment[] => [...c.path, 'securityContext', key];
    if (user === 0) {
      out.push({ container: c, kind: 'runsAsRoot', path: ownUser === undefined ? podPath('runAsUser') : scPath('runAsUser') });
      continue;
    }
    const ownNonRoot = boolField(c.sc, 'runAsNonRoot');
    const nonRoot = ownNonRoot ?? podNonRoot;
    if (nonRoot === true || user !== undefined) continue;
    const path = ownNonRoot === false ? scPath('runAsNonRoot') : podNonRoot === false ? podPath('runAsNonRoot') : scPath('runAsNonRoot');
    out.push({ container: c, kind: 'mayRunAsRoot', path });
  }
  return out;
}
