// The properties every kubecis rule must have, as fast-check properties registered with any test framework.
import fc from 'fast-check';
import {
  createSnapshot,
  evaluate,
  formatJson,
  hasPath,
  type AnyRule,
  type EvaluateOptions,
  type Finding,
  type Report,
  type Snapshot,
} from '@kubecis/core';
import { anyObject, namespaceNames, secret, secretMarker, snapshotObjects, uniqueObjects } from './arbitraries.js';
import { cloneJson, deepFreeze } from './freeze.js';
import { globalFramework, type TestFramework } from './framework.js';

/** The standard properties, by the name each is registered under. */
export const rulePropertyNames = [
  'never throws on arbitrary JSON',
  'never throws on objects with deleted fields or swapped types',
  'is deterministic and never mutates its input',
  'does not depend on the order of objects',
  'reports only objects of the snapshot, with paths that resolve',
  'respects exemptions, and ignores expired ones',
  'never leaks a Secret value or an env literal',
] as const;
/** The name of one standard property. */
export type RulePropertyName = (typeof rulePropertyNames)[number];

/** Settings of {@link checkRuleProperties} and {@link rulePropertyChecks}. */
export interface RulePropertyOptions {
  /** Objects the rule cares about; mixed with the generic ones of {@link anyObject}. */
  readonly arbitraries?: readonly fc.Arbitrary<Record<string, unknown>>[];
  /** Options passed to the rule in every run. */
  readonly options?: unknown;
  /** Runs per property; default fast-check's global setting. */
  readonly numRuns?: number;
  /** Largest generated snapshot (objects); default 12. */
  readonly maxObjects?: number;
  /** Properties to leave out, by name. */
  readonly skip?: readonly RulePropertyName[];
  /** `describe`/`it` to register with; default the globals. */
  readonly framework?: TestFramework;
}

/** One standard property of one rule, ready to run: `run()` throws fast-check's report on a counterexample. */
export interface RulePropertyCheck {
  readonly name: RulePropertyName;
  run(): void;
}

/** Mutates a copy of a valid object: deletes a field or swaps a value's type somewhere in it. */
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

function run(rule: AnyRule, objects: readonly unknown[], extra: EvaluateOptions, options: unknown): { snapshot: Snapshot; report: Report } {
  const snapshot = createSnapshot(objects);
  const report = evaluate(snapshot, rule, { strict: true, ...extra, ruleOptions: { [rule.id]: options } });
  return { snapshot, report };
}

function findingsOf(report: Report): Finding[] {
  return report.controls.flatMap((c) => c.findings);
}

function assertNoError(report: Report): void {
  const errors = findingsOf(report).filter((f) => f.status === 'ERROR');
  if (errors.length > 0) throw new Error(`the rule threw: ${errors.map((f) => f.message).join('; ')}`);
}

/** A finding without its exemption, to compare runs with and without exemptions. */
const bare = (f: Finding): string => JSON.stringify({ ...f, exempted: false, exemption: null });

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
 * The standard properties of a rule as runnable checks, for custom registration or a bounded
 * run over many rules. {@link checkRuleProperties} registers them as tests.
 */
export function rulePropertyChecks(rule: AnyRule, settings: Omit<RulePropertyOptions, 'framework'> = {}): RulePropertyCheck[] {
  const own = settings.arbitraries ?? [];
  const object = own.length > 0 ? fc.oneof(anyObject(), ...own) : anyObject();
  const objects = snapshotObjects({ of: object, maxLength: settings.maxObjects ?? 12 });
  const params: fc.Parameters<unknown> = settings.numRuns === undefined ? {} : { numRuns: settings.numRuns };
  const opts = settings.options;
  const skip = new Set(settings.skip ?? []);
  const check = <Ts extends [unknown, ...unknown[]]>(name: RulePropertyName, property: fc.IPropertyWithHooks<Ts>): RulePropertyCheck => ({
    name,
    run: () => {
      fc.assert(property, params as fc.Parameters<Ts>);
    },
  });

  const checks: RulePropertyCheck[] = [
    check(
      'never throws on arbitrary JSON',
      fc.property(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 4 }), object), { maxLength: 6 }), (input) => {
        assertNoError(run(rule, input, {}, opts).report);
      }),
    ),
    check(
      'never throws on objects with deleted fields or swapped types',
      fc.property(objects, fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 3 }), (input, edits) => {
        const broken = input.map((o, i) => {
          const edit = edits[i % edits.length];
          return edit ? mutate(o, edit[0], edit[1]) : o;
        });
        assertNoError(run(rule, broken, {}, opts).report);
      }),
    ),
    check(
      'is deterministic and never mutates its input',
      fc.property(objects, (input) => {
        const before = JSON.stringify(input);
        const frozen = deepFreeze(cloneJson(input));
        const first = run(rule, frozen, {}, opts);
        assertNoError(first.report);
        // A rule that writes to a snapshot object throws on the frozen copy (an ERROR finding).
        deepFreeze(first.snapshot.objects);
        const again = evaluate(first.snapshot, rule, { strict: true, ruleOptions: { [rule.id]: opts } });
        assertNoError(again);
        const second = run(rule, frozen, {}, opts);
        if (JSON.stringify(first.report.controls) !== JSON.stringify(second.report.controls)) throw new Error('two runs over the same objects gave different findings');
        if (JSON.stringify(again.controls) !== JSON.stringify(first.report.controls)) throw new Error('a second run over the same snapshot gave different findings');
        if (JSON.stringify(input) !== before) throw new Error('the input was mutated');
      }),
    ),
    check(
      'does not depend on the order of objects',
      fc.property(objects, fc.nat(), (input, seed) => {
        const a = run(rule, input, {}, opts).report;
        const b = run(rule, shuffle(uniqueObjects(input), seed), {}, opts).report;
        if (JSON.stringify(a.controls) !== JSON.stringify(b.controls)) throw new Error('shuffled input gave different findings');
      }),
    ),
    check(
      'reports only objects of the snapshot, with paths that resolve',
      fc.property(objects, (input) => {
        const { snapshot, report } = run(rule, input, {}, opts);
        const namespaces = new Set(snapshot.namespaces().map((n) => n.name));
        for (const f of findingsOf(report)) {
          if (f.resource === null) continue;
          const r = f.resource;
          const found = snapshot.get(r.kind, r.namespace, r.name);
          if (found === undefined) {
            if (r.kind === 'Namespace' && namespaces.has(r.name) && f.path === null) continue;
            throw new Error(`a finding names ${r.kind} ${r.namespace === null ? '' : `${r.namespace}/`}${r.name}, which is not in the snapshot`);
          }
          if (f.path !== null && !hasPath(found, f.path)) throw new Error(`path ${f.path} does not resolve in ${r.kind} ${r.name}`);
        }
      }),
    ),
    check(
      'respects exemptions, and ignores expired ones',
      fc.property(objects, fc.constantFrom(...namespaceNames), (input, namespace) => {
        const plain = run(rule, input, {}, opts).report;
        // Every finding of the rule exempted: nothing counts.
        const all = run(rule, input, { exemptions: [{ rules: [rule.id], reason: 'accepted risk' }] }, opts).report;
        for (const c of all.controls) {
          if (c.status === 'FAIL') throw new Error(`${c.id} still FAILs with every finding exempted`);
          for (const f of c.findings) if ((f.status === 'FAIL' || f.status === 'WARN') && !f.exempted) throw new Error('a finding escaped an exemption of its rule');
        }
        // One namespace exempted: exactly the findings about objects there, and the findings are otherwise the same.
        const scoped = run(rule, input, { exemptions: [{ namespaces: [namespace], reason: 'owned by another team' }] }, opts).report;
        const before = findingsOf(plain);
        const after = findingsOf(scoped);
        if (JSON.stringify(before.map(bare)) !== JSON.stringify(after.map(bare))) throw new Error('an exemption changed what the rule reports');
        for (const f of after) {
          if (f.status !== 'FAIL' && f.status !== 'WARN') continue;
          const r = f.resource;
          const inside = r !== null && (r.namespace === namespace || (r.namespace === null && r.kind === 'Namespace' && r.name === namespace));
          if (inside !== f.exempted) throw new Error(`a finding about ${r === null ? 'no object' : `${r.kind} ${r.namespace ?? ''}/${r.name}`} is ${f.exempted ? '' : 'not '}exempted by an exemption of namespace ${namespace}`);
        }
        const expired = run(rule, input, { exemptions: [{ rules: [rule.id], reason: 'old', expires: '2000-01-01' }], now: '2026-01-01' }, opts).report;
        if (JSON.stringify(expired.controls) !== JSON.stringify(plain.controls)) throw new Error('an expired exemption still applied');
      }),
    ),
    check(
      'never leaks a Secret value or an env literal',
      fc.property(objects, fc.array(secret(), { minLength: 1, maxLength: 2 }), (input, secrets) => {
        const { report } = run(rule, uniqueObjects([...input, ...secrets]), {}, opts);
        if (JSON.stringify(report).includes(secretMarker) || formatJson(report).includes(secretMarker)) throw new Error('a planted secret value reached the report');
      }),
    ),
  ];
  return checks.filter((c) => !skip.has(c.name));
}

/**
 * Registers the properties every rule must have, as one test each under
 * `describe('<rule id> properties')`: it never throws on arbitrary JSON or on broken objects, it
 * is deterministic and independent of object order, it never mutates its input, its findings
 * name snapshot objects with paths that resolve, it honours exemptions (and ignores expired
 * ones), and no Secret value or env literal ever reaches the report.
 *
 * @example
 * checkRuleProperties(requireApprovedRegistry, { options: { allowedRegistries: ['registry.acme.example'] } });
 * checkRuleProperties(noLoadBalancer, { arbitraries: [arb.service({ type: fc.constant('LoadBalancer') })], numRuns: 50 });
 */
export function checkRuleProperties(rule: AnyRule, settings: RulePropertyOptions = {}): void {
  const { describe, it } = settings.framework ?? globalFramework();
  const checks = rulePropertyChecks(rule, settings);
  describe(`${rule.id} properties`, () => {
    for (const c of checks) it(c.name, () => { c.run(); });
  });
}
