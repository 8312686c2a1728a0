import type { RuleMeta } from '@kubecis/core';

/**
 * A small options schema with the parts of zod's interface that core and the docs generator
 * use (`safeParse`, `shape` with descriptions and defaults). This package does not depend on
 * zod directly; see the package README.
 */
interface Field<T> {
  readonly description: string;
  readonly def: { readonly defaultValue: T; readonly type: string };
  parse(value: unknown, path: string): { ok: true; value: T } | { ok: false; expected: string };
}

export function stringList(description: string): Field<string[]> {
  return {
    description,
    def: { defaultValue: [], type: 'array' },
    parse: (value) => {
      if (value === undefined) return { ok: true, value: [] };
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { ok: true, value: [...(value)] };
      return { ok: false, expected: 'array' };
    },
  };
}

export function flag(description: string, defaultValue: boolean): Field<boolean> {
  return {
    description,
    def: { defaultValue, type: 'boolean' },
    parse: (value) => {
      if (value === undefined) return { ok: true, value: defaultValue };
      if (typeof value === 'boolean') return { ok: true, value };
      return { ok: false, expected: 'boolean' };
    },
  };
}

type Shape = Record<string, Field<unknown>>;
type Parsed<S extends Shape> = { -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

interface Issue {
  readonly code: 'invalid_type' | 'custom';
  readonly expected?: string;
  readonly path: string[];
  readonly message: string;
}

/** An object schema over the given fields: unknown keys are an error, missing ones take their default. */
export function optionsSchema<S extends Shape>(shape: S): NonNullable<RuleMeta<Parsed<S>>['options']> {
  const schema = {
    shape,
    safeParse(input: unknown): { success: true; data: Parsed<S> } | { success: false; error: { issues: Issue[] } } {
      const issues: Issue[] = [];
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return { success: false, error: { issues: [{ code: 'invalid_type', expected: 'object', path: [], message: 'expected an object' }] } };
      }
      const raw = input as Record<string, unknown>;
      const data: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const result = field.parse(raw[key], key);
        if (result.ok) data[key] = result.value;
        else issues.push({ code: 'invalid_type', expected: result.expected, path: [key], message: `expected ${result.expected}` });
      }
      for (const key of Object.keys(raw)) {
        if (!(key in shape)) issues.push({ code: 'custom', path: [key], message: `unknown option "${key}"` });
      }
      return issues.length > 0 ? { success: false, error: { issues } } : { success: true, data: data as Parsed<S> };
    },
  };
  return schema as unknown as NonNullable<RuleMeta<Parsed<S>>['options']>;
}

/** The options of every permission rule. */
export interface PermissionOptions {
  ignoreUnbound: boolean;
  allowRoles: string[];
}

export const permissionOptionFields = {
  ignoreUnbound: /* @__PURE__ */ flag('Report only roles that some binding with subjects holds (manifests scanned before their bindings exist are then quiet)', false),
  allowRoles: /* @__PURE__ */ stringList('Roles that may hold the access: ClusterRoles by name, Roles as namespace/name'),
};
