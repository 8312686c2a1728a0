import type { PathSegment } from '@kubecis/core';
import type { ContainerView, PodView } from '../pod.js';

/** One offending field of a failed check. Rules pick the offences they care about by `kind`. */
export interface Offence {
  /** The ideal path from the object's root; trimmed to its nearest existing parent when reported. */
  readonly path: readonly PathSegment[];
  /** What is wrong: `hostPID`, `missingDropAll`, `forbiddenAdd`, `explicit`, `implicit`, … */
  readonly kind: string;
  readonly container?: ContainerView;
  /** The offending value, when there is one (a capability, a type, a sysctl name). */
  readonly value?: string;
}

export interface CheckFailure {
  readonly reason: string;
  readonly detail: string;
  readonly offences: readonly Offence[];
}

/** A check variant: `null` when the pod is allowed. */
export type CheckFn = (pod: PodView) => CheckFailure | null;
