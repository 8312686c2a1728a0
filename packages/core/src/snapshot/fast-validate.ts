// The snapshot's fast path for validation. zod copies every level it validates (a loose object
// becomes a new object with the same keys), which is most of createSnapshot's time and memory on
// a large dump. A checker compiled from the same zod schema answers, without allocating, the
// question "would zod accept this value and return it unchanged?". When it says yes, the input is
// kept as it is; when it says no, or meets a schema feature it does not model, zod runs exactly as
// before and produces the diagnostic. So the checker may only say yes when zod would succeed with
// an equal value; saying no is always safe (it only costs time).

import type { z } from 'zod';

/** Whether zod would accept `value` and return it unchanged. */
export type FastCheck = (value: unknown) => boolean;

const never: FastCheck = () => false;
const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/** A plain object as JSON and YAML parsers build them: no other prototype, no own `__proto__` key (zod drops it). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && !hasOwn(value, '__proto__');
}

/** An array as parsers build them: no other prototype, no own `constructor` (which array methods would call; zod's copy has none). */
function isPlainArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && !hasOwn(value, 'constructor');
}

interface CheckDef {
  readonly check?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly format?: string;
  readonly pattern?: RegExp;
}

type Def = Readonly<Record<string, unknown>> & { readonly type: string; readonly checks?: readonly { _zod: { def: CheckDef } }[] };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

/** A string check zod applies, or `null` when it is not modelled. */
function stringCheck(check: CheckDef): ((s: string) => boolean) | null {
  switch (check.check) {
    case 'min_length':
      return typeof check.minimum === 'number' ? (s) => s.length >= check.minimum! : null;
    case 'max_length':
      return typeof check.maximum === 'number' ? (s) => s.length <= check.maximum! : null;
    case 'length_equals':
      return typeof check.length === 'number' ? (s) => s.length === check.length : null;
    case 'string_format': {
      if (check.format !== 'regex' || !(check.pattern instanceof RegExp)) return null;
      const pattern = new RegExp(check.pattern.source, check.pattern.flags.replace(/[gy]/g, ''));
      return (s) => pattern.test(s);
    }
    default:
      return null;
  }
}

/**
 * Compiles a zod schema into a {@link FastCheck}. `memo` shares the checkers of schemas used in
 * several places (Container, ObjectMeta) within one compilation; pass a fresh Map per snapshot.
 */
export function compileFastCheck(schema: z.ZodType, memo = new Map<object, FastCheck>()): FastCheck {
  const known = memo.get(schema);
  if (known !== undefined) return known;
  // Placeholder for (never expected) recursive schemas: answers no until compiled.
  let compiled: FastCheck = never;
  memo.set(schema, (value) => compiled(value));
  compiled = build(defOf(schema), memo);
  memo.set(schema, compiled);
  return compiled;
}

function build(def: Def, memo: Map<object, FastCheck>): FastCheck {
  const checks = checksOf(def);
  switch (def.type) {
    case 'string': {
      // A string format schema (z.email(), z.uuid()…) is a check itself: not modelled.
      if (def['format'] !== undefined || def['check'] !== undefined || def['coerce'] === true) return never;
      const tests = checks.map(stringCheck);
      if (tests.some((t) => t === null)) return never;
      const all = tests as ((s: string) => boolean)[];
      if (all.length === 0) return (v) => typeof v === 'string';
      return (v) => typeof v === 'string' && all.every((t) => t(v));
    }
    case 'number': {
      if (def['format'] !== undefined || def['check'] !== undefined || def['coerce'] === true) return never;
      let int = false;
      for (const check of checks) {
        if (check.check === 'number_format' && check.format === 'safeint') int = true;
        else return never;
      }
      return int ? (v) => typeof v === 'number' && Number.isSafeInteger(v) : (v) => typeof v === 'number' && Number.isFinite(v);
    }
    case 'boolean':
      return checks.length === 0 && def['coerce'] !== true ? (v) => typeof v === 'boolean' : never;
    case 'unknown':
    case 'any':
      return checks.length === 0 ? (v) => v !== undefined : never;
    case 'literal': {
      const values = def['values'];
      if (!Array.isArray(values) || checks.length > 0) return never;
      const allowed = new Set<unknown>(values.filter((x) => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean'));
      return (v) => allowed.has(v);
    }
    case 'enum': {
      const entries = def['entries'];
      if (entries === null || typeof entries !== 'object' || checks.length > 0) return never;
      const allowed = new Set<unknown>(Object.values(entries).filter((x) => typeof x === 'string'));
      return (v) => allowed.has(v);
    }
    case 'optional': {
      const inner = compileFastCheck(def['innerType'] as z.ZodType, memo);
      // `undefined` is handled by the object that holds the field (absent is fine, present-undefined is not modelled).
      return checks.length === 0 ? (v) => v !== undefined && inner(v) : never;
    }
    case 'nullable': {
      const inner = compileFastCheck(def['innerType'] as z.ZodType, memo);
      return checks.length === 0 ? (v) => v === null || inner(v) : never;
    }
    case 'union': {
      const options = def['options'];
      if (!Array.isArray(options) || checks.length > 0) return never;
      const branches = (options as z.ZodType[]).map((o) => compileFastCheck(o, memo));
      return (v) => branches.some((b) => b(v));
    }
    case 'array': {
      if (checks.length > 0) return never;
      const element = compileFastCheck(def['element'] as z.ZodType, memo);
      return (v) => {
        if (!isPlainArray(v)) return false;
        for (const item of v) if (!element(item)) return false;
        return true;
      };
    }
    case 'record': {
      if (checks.length > 0) return never;
      const keyDef = defOf(def['keyType'] as z.ZodType);
      if (keyDef.type !== 'string' || checksOf(keyDef).length > 0) return never;
      const value = compileFastCheck(def['valueType'] as z.ZodType, memo);
      return (v) => {
        if (!isPlainRecord(v) || Array.isArray(v)) return false;
        for (const key in v) if (!value(v[key])) return false;
        return true;
      };
    }
    case 'object': {
      // Only loose objects return unknown keys unchanged (a strip object drops them, a strict one refuses them).
      const catchall = def['catchall'] as z.ZodType | undefined;
      if (checks.length > 0 || catchall === undefined) return never;
      const catchallType = defOf(catchall).type;
      if ((catchallType !== 'unknown' && catchallType !== 'any') || checksOf(defOf(catchall)).length > 0) return never;
      const shape = def['shape'] as Record<string, z.ZodType>;
      // The object's own keys are walked (for-in over a JSON object is fast) and each is looked up
      // among the schema's fields, rather than every field being looked up in the object.
      const fields = new Map<string, { readonly optional: boolean; readonly check: FastCheck }>();
      let required = 0;
      for (const key of Object.keys(shape)) {
        const schema = shape[key]!;
        const optional = (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';
        if (!optional) required++;
        fields.set(key, { optional, check: compileFastCheck(schema, memo) });
      }
      return (v) => {
        if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
        let seen = 0;
        for (const key in v) {
          const field = fields.get(key);
          if (field === undefined) {
            if (key === '__proto__') return false;
            continue;
          }
          const value = (v as Record<string, unknown>)[key];
          // A field present with the value undefined is not modelled: zod decides.
          if (value === undefined || !field.check(value)) return false;
          if (!field.optional) seen++;
        }
        return seen === required;
      };
    }
    default:
      return never;
  }
}
