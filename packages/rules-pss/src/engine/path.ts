// Field paths in core's format (`spec.containers[0]`, `metadata.labels["a/b"]`), without importing
// core at run time, so that the engine alone bundles small. A test pins equality with core's
// `formatPath`.
import type { PathSegment } from '@kubecis/core';

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${String(segment)}]`;
    else if (identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Segments of one of the dotted paths core's workloads view uses (`spec.jobTemplate.spec.template.spec`). */
export function splitDottedPath(path: string): PathSegment[] {
  return path === '' ? [] : path.split('.');
}
