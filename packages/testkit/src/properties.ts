import fc from 'fast-check';
import {
  createSnapshot,
  evaluate,
  hasPath,
  type AnyRule,
  type EvaluateOptions,
  type Report,
  type Snapshot,
} from '@kubecis/core';
import { anyObject, secret, secretMarker, snapshotObjects, uniqueObjects } from './arbitraries.js';
import { cloneJson, deepFreeze } from './freeze.js';
import { globalFramework, type TestFramework } from './framework.js';

export interface RulePropertyOptions {
  /** Objects the rule cares about; mixed with the generic ones. */
  readonly arbitraries?: readonly fc.Arbitrary<Record<string, unknown>>[];
  /** Options passed to the rule in every run. */
  readonly options?: unknown;
  readonly numRuns?: number;
  readonly framework?: TestFramework;
}

/** Mutates a valid object: deletes a field or swaps a value's type somewhere in it. */
function mutate(object: Record<string, unknown>, pick: number, replacement: unknown): Record<string, unknown> {
  const copy = cloneJson(object);
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    const entries = Array.isArray(current) ? current.map((v, i) => [i, v] as const) : Object.entries(current);
    for (const [key, value] of entries) {
      slots.push([current as Record<string, unknown>, key]);
      stack.push(value);
    }
  }
  if (slots.length === 0) return copy;
  const [parent, key] = slots[pick % slots.length] as [Record<string, unknown>, string];
  if (replacement === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant('*'));

function run(rule: AnyRule, objects: readonly unknown[], extra: EvaluateOptions = {}, options?: unknown): { snapshot: Snapshot; report: Report } {
  const snapshot = createSnapshot(objects);
  const report = evaluate(snapshot, rule, { strict: true, ...extra, ruleOptions: { [rule.id]: options } });
  return { snapshot, report };
}

function errorsOf(report: Report): string[] {
  return report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'ERROR').map((f) => f.message);
}

function assertNoError(report: Report): void {
  const errors = errorsOf(report);
  if (errors.length > 0) throw new Error(`rule threw: ${errors.join('; ')}`);
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Registers the properties every rule must have: it never throws on arbitrary JSON or broken
 * objects, it is deterministic, independent of object order, never mutates its input, its
 * findings point at snapshot objects with paths that resolve, it honours exemptions, and no
 * Secret value or env literal ever reaches the report.
 */
export function checkRuleProperties(rule: AnyRule, settings: RulePropertyOptions = {}): void {
  const { describe, it } = settings.framework ?? globalFramework();
  const own = settings.arbitraries ?? [];
  const object = own.length > 0 ? fc.oneof(anyObject(), ...own) : anyObject();
  const objects = snapshotObjects({ of: object });
  const params = settings.numRuns === undefined ? {} : { numRuns: settings.numRuns };
  const opts = settings.options;

  describe(`${rule.id} properties`, () => {
    it('never throws on arbitrary JSON', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 4 }), object), { maxLength: 6 }), (input) => {
          assertNoError(run(rule, input, {}, opts).report);
        }),
        params,
      );
    });

    it('never throws on objects with deleted fields or swapped types', () => {
      fc.assert(
        fc.property(objects, fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 3 }), (input, edits) => {
          const broken = input.map((o, i) => {
            const edit = edits[i % edits.length];
            return edit ? mutate(o, edit[0], edit[1]) : o;
          });
          assertNoError(run(rule, broken, {}, opts).report);
        }),
        params,
      );
    });

    it('is deterministic and never mutates its input', () => {
      fc.assert(
        fc.property(objects, (input) => {
          const before = JSON.stringify(input);
          const frozen = deepFreeze(cloneJson(input));
          const first = run(rule, frozen, {}, opts);
          // A rule that writes to a snapshot object would throw on the frozen copy.
          deepFreeze(first.snapshot.objects);
          const again = evaluate(first.snapshot, rule, { strict: true, ruleOptions: { [rule.id]: opts } });
          assertNoError(again);
          const second = run(rule, frozen, {}, opts);
          if (JSON.stringify(first.report.controls) !== JSON.stringify(second.report.controls)) throw new Error('two runs differ');
          if (JSON.stringify(again.controls) !== JSON.stringify(first.report.controls)) throw new Error('a run over the same snapshot differs');
          if (JSON.stringify(input) !== before) throw new Error('input was mutated');
        }),
        params,
      );
    });

    it('does not depend on the order of objects', () => {
      fc.assert(
        fc.property(objects, fc.nat(), (input, seed) => {
          const a = run(rule, input, {}, opts).report;
          const b = run(rule, shuffle(uniqueObjects(input), seed), {}, opts).report;
          if (JSON.stringify(a.controls) !== JSON.stringify(b.controls)) throw new Error('shuffled input gave different findings');
        }),
        params,
      );
    });

    it('reports only objects of the snapshot, with paths that resolve', () => {
      fc.assert(
        fc.property(objects, (input) => {
          const { snapshot, report } = run(rule, input, {}, opts);
          const namespaces = new Set(snapshot.namespaces().map((n) => n.name));
          for (const f of report.controls.flatMap((c) => c.findings)) {
            if (f.resource === null) continue;
            const r = f.resource;
            const object = snapshot.get(r.kind, r.namespace, r.name);
            if (object === undefined) {
              if (r.kind === 'Namespace' && namespaces.has(r.name) && f.path === null) continue;
              throw new Error(`finding names ${r.kind} ${String(r.namespace)}/${r.name}, which is not in the snapshot`);
            }
            if (f.path !== null && !hasPath(object, f.path)) throw new Error(`path ${f.path} does not resolve in ${r.kind} ${r.name}`);
          }
        }),
        params,
      );
    });

    it('respects exemptions, and ignores expired ones', () => {
      fc.assert(
        fc.property(objects, (input) => {
          const plain = run(rule, input, {}, opts).report;
          const exempt = run(rule, input, { exemptions: [{ rules: [rule.id], reason: 'accepted risk' }] }, opts).report;
          for (const c of exempt.controls) {
            if (c.status === 'FAIL') throw new Error(`${c.id} still FAILs with every finding exempted`);
            for (const f of c.findings) {
              if ((f.status === 'FAIL' || f.status === 'WARN') && !f.exempted) throw new Error('a finding escaped a matching exemption');
            }
          }
          const expired = run(rule, input, { exemptions: [{ rules: [rule.id], reason: 'old', expires: '2000-01-01' }], now: '2026-01-01' }, opts).report;
          if (JSON.stringify(expired.controls) !== JSON.stringify(plain.controls)) throw new Error('an expired exemption still applied');
        }),
        params,
      );
    });

    it('never leaks a Secret value or an env literal', () => {
      fc.assert(
        fc.property(objects, fc.array(secret(), { minLength: 1, maxLength: 2 }), (input, secrets) => {
          const { report } = run(rule, uniqueObjects([...input, ...secrets]), {}, opts);
          if (JSON.stringify(report).includes(secretMarker)) throw new Error('a planted secret value reached the report');
        }),
        params,
      );
    });
  });
}
