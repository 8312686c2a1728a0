import type { z } from 'zod';
import { formatPath, type PathSegment } from '../snapshot/path.js';

/** A short type name for messages: `string`, `number`, `array`, `null`, `object`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function segmentsOf(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Renders zod issues as `path: expected X, got Y` lines, naming the field and never its value. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, limit = 3): string {
  const parts = issues.slice(0, limit).map((issue) => {
    const segments = segmentsOf(issue.path);
    const where = segments.length > 0 ? formatPath(segments) : '(object)';
    let got: unknown = input;
    for (const s of segments) {
      got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[s] : undefined;
    }
    switch (issue.code) {
      case 'invalid_type':
        return `${where}: expected ${issue.expected}, got ${got === undefined ? 'nothing' : typeName(got)}`;
      case 'invalid_value':
        return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'too_small':
        return `${where}: must not be empty`;
      default:
        return `${where}: ${issue.message}`;
    }
  });
  const more = issues.length > limit ? ` (and ${String(issues.length - limit)} more)` : '';
  return parts.join('; ') + more;
}
