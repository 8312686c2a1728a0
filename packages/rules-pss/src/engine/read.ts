// Defensive readers: they see arbitrary input the way upstream sees a decoded object. A field of
// the wrong type is treated as unset (Go would not have decoded it); a `null` list element is the
// zero value of its type (an empty container, a source-less volume, an empty string).
import type { PathSegment } from '@kubecis/core';

export type Obj = Readonly<Record<string, unknown>>;

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own property of a plain object, or `undefined`. Never reads the prototype chain. */
export function field(value: unknown, key: string): unknown {
  if (!isObj(value) || !hasOwn(value, key)) return undefined;
  return value[key];
}

/** A nested object field (a Go pointer to a struct): set only when it is an object. */
export function objField(value: unknown, key: string): Obj | undefined {
  const v = field(value, key);
  return isObj(v) ? v : undefined;
}

/**
 * A list field; anything else is an empty list. An array with a `constructor` of its own (only a
 * JavaScript caller can make one) is copied: `map` and `filter` would look up its species and throw.
 */
export function listField(value: unknown, key: string): readonly unknown[] {
  const v = field(value, key);
  if (!Array.isArray(v)) return [];
  return Object.hasOwn(v, 'constructor') ? Array.from(v as unknown[]) : v;
}

/** A `*bool` field: `true`, `false`, or unset. */
export function boolField(value: unknown, key: string): boolean | undefined {
  const v = field(value, key);
  return typeof v === 'boolean' ? v : undefined;
}

/** A `*string` field: the string, or unset. */
export function strField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
}

/** A plain `string` field: the string, or `""` (Go's zero value). */
export function strValue(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Whether a field is present with a non-null value (a Go pointer that is not nil). */
export function isSet(value: unknown, key: string): boolean {
  const v = field(value, key);
  return v !== undefined && v !== null;
}

/**
 * The deepest prefix of `segments` that exists in `root`: the offending field itself, or its
 * nearest existing parent when the problem is a missing field.
 */
export function existingPrefix(root: unknown, segments: readonly PathSegment[]): readonly PathSegment[] {
  let current: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (current === null || typeof current !== 'object') return segments.slice(0, i);
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return segments.slice(0, i);
      current = current[segment];
    } else {
      if (Array.isArray(current) || !hasOwn(current, segment)) return segments.slice(0, i);
      current = (current as Obj)[segment];
    }
  }
  return segments;
}
