// An ESLint-style tester for kubecis rules, packs and benchmarks.
import { parseAllDocuments } from 'yaml';
import {
  createSnapshot,
  evaluate,
  formatRef,
  hasPath,
  type AnyRule,
  type Benchmark,
  type EvaluateOptions,
  type Finding,
  type Pack,
  type Severity,
  type SnapshotOptions,
  type Status,
} from '@kubecis/core';
import { cloneJson, deepFreeze } from './freeze.js';
import { globalFramework, type TestFramework } from './framework.js';

/** What a rule tester runs: one rule, a pack, or a benchmark profile. */
export type TestTarget = AnyRule | Pack | Benchmark;

/**
 * One expected FAIL or WARN finding. Every field given must match; leave a field out to accept
 * any value. Give at least one of `messageId`, `ruleId` or `control`.
 */
export interface ExpectedFinding {
  /** The rule's messageId (checked against `meta.messages`). */
  readonly messageId?: string;
  /** The rule that reports it; useful when testing a pack or a benchmark. */
  readonly ruleId?: string;
  /**
   * A control id: the benchmark's (`'5.1.3'`) when the target is a benchmark; otherwise a control
   * the rule maps to in any benchmark version (`'5.1.3'`), or the rule id itself.
   */
  readonly control?: string;
  /** Default `FAIL`. */
  readonly status?: Extract<Status, 'FAIL' | 'WARN'>;
  /** The object the finding is about. `namespace: null` for a cluster-scoped object. */
  readonly resource?: { readonly kind?: string; readonly namespace?: string | null; readonly name?: string };
  /** The field path inside the resource (`spec.template.spec.containers[0].image`), or `null` for none. */
  readonly path?: string | null;
  readonly severity?: Severity;
  /** Whether an exemption (from `evaluateOptions.exemptions`) covers it. */
  readonly exempted?: boolean;
}

interface CaseBase {
  /** Unique within the run; the test's name. */
  readonly name: string;
  /** Objects as data (see `build.*`); or give `yaml`. */
  readonly objects?: readonly unknown[];
  /** One or more YAML documents. */
  readonly yaml?: string;
  /** Options of the rule under test (a rule target), or options per rule id (a pack or benchmark target). */
  readonly options?: unknown;
  readonly snapshotOptions?: SnapshotOptions;
  /** Merged over the tester's; the default is `{ strict: true }`, so the rule's raw findings are checked. */
  readonly evaluateOptions?: EvaluateOptions;
}

/** A case that must give no FAIL or WARN finding (exempted ones aside). */
export type ValidCase = CaseBase;

/** A case that must give exactly the listed FAIL and WARN findings, in any order. */
export interface InvalidCase extends CaseBase {
  readonly findings: readonly ExpectedFinding[];
}

/** A suite: the cases that must pass clean, and those that must give exactly their findings. */
export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

/** Options of a {@link RuleTester}, applied to every case it runs. */
export interface RuleTesterOptions {
  /** `describe`/`it` to register tests with; default the globals (vitest with globals, jest, mocha). */
  readonly framework?: TestFramework;
  /** Defaults for every case's snapshot. */
  readonly snapshotOptions?: SnapshotOptions;
  /** Defaults for every case's evaluation (merged under the case's own). */
  readonly evaluateOptions?: EvaluateOptions;
}

/** A broken test case or a rule that breaks its contract. The message says which case and why. */
export class RuleTesterError extends Error {
  override name = 'RuleTesterError';
}

/** A finding of the report with the control it was reported under. */
export interface TestedFinding extends Finding {
  /** The report's control id (the rule id when no benchmark is evaluated). */
  readonly control: string;
}

/** What JavaScript says when code writes to a frozen object. */
const frozenWrite = /Cannot (assign to read only property|add property|delete property|define property)|object is not extensible/;

function isBenchmark(target: TestTarget): target is Benchmark {
  return 'controls' in target && 'sections' in target;
}

function rulesOf(target: TestTarget): readonly AnyRule[] {
  return 'check' in target ? [target] : target.rules;
}

function objectsOf(testCase: CaseBase): unknown[] {
  if (testCase.yaml !== undefined && testCase.objects !== undefined) throw new RuleTesterError(`Case "${testCase.name}": give objects or yaml, not both`);
  if (testCase.yaml !== undefined) {
    return parseAllDocuments(testCase.yaml)
      .map((doc) => {
        if (doc.errors.length > 0) throw new RuleTesterError(`Case "${testCase.name}": invalid YAML: ${doc.errors[0]?.message ?? ''}`);
        return doc.toJS() as unknown;
      })
      .filter((o) => o !== null && o !== undefined);
  }
  return [...(testCase.objects ?? [])];
}

function describeActual(f: TestedFinding): string {
  const rule = f.ruleId === f.control ? f.ruleId : `${f.control} ${f.ruleId}`;
  return `${f.status} ${rule}:${f.messageId} ${formatRef(f.resource)}${f.path === null ? '' : ` @ ${f.path}`}${f.exempted ? ' (exempted)' : ''}`;
}

function describeExpected(e: ExpectedFinding): string {
  const r = e.resource;
  const ns = r?.namespace === undefined ? '' : r.namespace === null ? '' : `${r.namespace}/`;
  const ref = r ? `${r.kind ?? '(any kind)'} ${ns}${r.name ?? '(any name)'}` : '(any object)';
  const rule = [e.control, e.ruleId].filter((x) => x !== undefined).join(' ');
  const id = `${rule === '' ? '' : `${rule}:`}${e.messageId ?? '*'}`;
  const path = e.path === undefined ? '' : e.path === null ? ' @ (no path)' : ` @ ${e.path}`;
  return `${e.status ?? 'FAIL'} ${id} ${ref}${path}${e.exempted === true ? ' (exempted)' : ''}`;
}

/** The fields of `expected` that `actual` does not match, by name. */
function mismatches(actual: TestedFinding, expected: ExpectedFinding, rulesById: ReadonlyMap<string, AnyRule>): string[] {
  const out: string[] = [];
  if (expected.messageId !== undefined && actual.messageId !== expected.messageId) out.push(`messageId ${actual.messageId}`);
  if (expected.ruleId !== undefined && actual.ruleId !== expected.ruleId) out.push(`ruleId ${actual.ruleId}`);
  if (expected.control !== undefined && !controlsOf(actual, rulesById).has(expected.control)) out.push(`control ${actual.control}`);
  if (actual.status !== (expected.status ?? 'FAIL')) out.push(`status ${actual.status}`);
  if (expected.severity !== undefined && actual.severity !== expected.severity) out.push(`severity ${actual.severity}`);
  if (expected.exempted !== undefined && actual.exempted !== expected.exempted) out.push(actual.exempted ? 'exempted' : 'not exempted');
  if (expected.path !== undefined && actual.path !== expected.path) out.push(`path ${actual.path ?? '(none)'}`);
  const r = expected.resource;
  if (r) {
    const a = actual.resource;
    if (a === null) out.push('no resource');
    else {
      if (r.kind !== undefined && a.kind !== r.kind) out.push(`kind ${a.kind}`);
      if (r.name !== undefined && a.name !== r.name) out.push(`name ${a.name}`);
      if (r.namespace !== undefined && a.namespace !== r.namespace) out.push(`namespace ${a.namespace ?? '(cluster-scoped)'}`);
    }
  }
  return out;
}

function controlsOf(finding: TestedFinding, rulesById: ReadonlyMap<string, AnyRule>): Set<string> {
  const set = new Set<string>([finding.control, finding.ruleId]);
  const rule = rulesById.get(finding.ruleId);
  for (const ids of Object.values(rule?.meta.controls ?? {})) for (const id of ids) set.add(id);
  return set;
}

function evaluateOptionsFor(target: TestTarget, testCase: CaseBase, defaults: EvaluateOptions): EvaluateOptions {
  const base: EvaluateOptions = { strict: true, ...defaults, ...testCase.evaluateOptions };
  if (testCase.options === undefined) return base;
  const perRule: Readonly<Record<string, unknown>> = 'check' in target ? { [target.id]: testCase.options } : (testCase.options as Record<string, unknown>);
  return { ...base, ruleOptions: { ...base.ruleOptions, ...perRule } };
}

/**
 * Runs one case and returns its FAIL and WARN findings (exempted ones included). Throws a
 * {@link RuleTesterError} when the input cannot be read or the rule breaks its contract: it throws,
 * writes to the snapshot's objects (frozen on a second run), gives different findings on a second
 * run, uses an unknown messageId, or reports a path that does not resolve in its object.
 */
export function runRuleCase(target: TestTarget, testCase: CaseBase, defaults: Pick<RuleTesterOptions, 'snapshotOptions' | 'evaluateOptions'> = {}): TestedFinding[] {
  const label = `Case "${testCase.name}"`;
  const objects = deepFreeze(cloneJson(objectsOf(testCase)));
  const options = evaluateOptionsFor(target, testCase, defaults.evaluateOptions ?? {});
  const snapshotOptions = { ...defaults.snapshotOptions, ...testCase.snapshotOptions };
  const snapshot = createSnapshot(objects, snapshotOptions);
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new RuleTesterError(`${label}: the input has objects the snapshot rejects: ${errors.map((d) => d.message).join('; ')}`);
  const first = evaluate(snapshot, target, options);
  // The second run reads a snapshot whose objects are frozen: a rule that writes to them throws.
  const again = createSnapshot(objects, snapshotOptions);
  deepFreeze(again.objects);
  const second = evaluate(again, target, options);
  const firstErrors = first.controls.flatMap((c) => c.findings).filter((f) => f.status === 'ERROR');
  const secondError = second.controls.flatMap((c) => c.findings).find((f) => f.status === 'ERROR');
  if (firstErrors.length === 0 && secondError !== undefined) {
    throw new RuleTesterError(`${label}: the rule writes to the objects of the snapshot, which are read-only (${secondError.message})`);
  }
  if (JSON.stringify(first.controls) !== JSON.stringify(second.controls)) {
    throw new RuleTesterError(`${label}: not deterministic: a second run over the same input gave different findings`);
  }
  const rulesById = new Map(rulesOf(target).map((r) => [r.id, r]));
  const findings: TestedFinding[] = first.controls.flatMap((c) => c.findings.map((f) => ({ ...f, control: c.id })));
  for (const f of findings) {
    if (f.status === 'ERROR' && frozenWrite.test(f.message)) throw new RuleTesterError(`${label}: the rule writes to the objects of the snapshot, which are read-only (${f.message})`);
    if (f.status === 'ERROR') throw new RuleTesterError(`${label}: ${f.message}`);
    const rule = rulesById.get(f.ruleId);
    if (rule && !(f.messageId in rule.meta.messages)) throw new RuleTesterError(`${label}: ${f.ruleId} reported unknown messageId "${f.messageId}"`);
    if (f.resource === null || f.path === null) continue;
    const object = snapshot.get(f.resource.kind, f.resource.namespace, f.resource.name);
    if (object !== undefined && !hasPath(object, f.path)) throw new RuleTesterError(`${label}: ${f.ruleId} reported path ${f.path}, which does not resolve in ${formatRef(f.resource)}`);
  }
  return findings.filter((f) => f.status === 'FAIL' || f.status === 'WARN');
}

/**
 * Compares actual findings with the expected ones, in any order. Returns `null` when they match
 * one to one, else a readable report: what is missing (with the nearest actual finding and how it
 * differs), what is unexpected, and every actual finding.
 */
export function diffFindings(actual: readonly TestedFinding[] | readonly Finding[], expected: readonly ExpectedFinding[], rules: readonly AnyRule[] = []): string | null {
  const rulesById = new Map(rules.map((r) => [r.id, r]));
  const all: TestedFinding[] = actual.map((f) => ('control' in f ? f : { ...f, control: f.ruleId }));
  const unmatched = [...all];
  const missing: ExpectedFinding[] = [];
  for (const e of expected) {
    const index = unmatched.findIndex((a) => mismatches(a, e, rulesById).length === 0);
    if (index === -1) missing.push(e);
    else unmatched.splice(index, 1);
  }
  if (missing.length === 0 && unmatched.length === 0) return null;
  const lines = [`expected ${String(expected.length)} finding(s), got ${String(all.length)}`];
  for (const m of missing) {
    lines.push(`  - missing:    ${describeExpected(m)}`);
    const near = unmatched
      .map((a) => ({ a, diff: mismatches(a, m, rulesById) }))
      .sort((x, y) => x.diff.length - y.diff.length)[0];
    if (near && near.diff.length <= 2) lines.push(`      nearest:  ${describeActual(near.a)} (differs: ${near.diff.join(', ')})`);
  }
  for (const u of unmatched) lines.push(`  + unexpected: ${describeActual(u)}\n      message:  ${u.message}`);
  if (missing.length > 0 && all.length > unmatched.length) {
    lines.push('  actual findings:');
    for (const a of all) lines.push(`    ${describeActual(a)}`);
  }
  return lines.join('\n');
}

function caseKey(testCase: CaseBase): string {
  return JSON.stringify([testCase.objects ?? null, testCase.yaml ?? null, testCase.options ?? null, testCase.snapshotOptions ?? null, testCase.evaluateOptions ?? null]);
}

/**
 * ESLint-style tester for kubecis rules, packs and benchmarks. Valid cases must give no FAIL or
 * WARN finding; invalid cases exactly the findings listed, matched by messageId, rule, control,
 * resource and path. Each case runs on deep-frozen input, twice, to prove the rule neither mutates
 * its input nor depends on anything but the snapshot; paths must resolve in their objects.
 *
 * @example
 * new RuleTester().run(requireTeamLabel, {
 *   valid: [{ name: 'labelled', objects: [build.deployment({ labels: { team: 'payments' } })] }],
 *   invalid: [{
 *     name: 'no label',
 *     objects: [build.deployment({ name: 'web', namespace: 'shop' })],
 *     findings: [{ messageId: 'missing', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'metadata' }],
 *   }],
 * });
 */
export class RuleTester {
  readonly #options: RuleTesterOptions;

  constructor(options: RuleTesterOptions = {}) {
    this.#options = options;
  }

  /** Registers one test per case, under `describe(<rule id or pack name>)`. Throws at once for a malformed suite. */
  run(target: TestTarget, tests: RuleTests): void {
    const { describe, it } = this.#options.framework ?? globalFramework();
    const title = 'check' in target ? target.id : isBenchmark(target) ? target.id : target.name;
    const rules = rulesOf(target);
    const messageIds = new Set(rules.flatMap((r) => Object.keys(r.meta.messages)));
    const controlIds = new Set([...rules.map((r) => r.id), ...rules.flatMap((r) => Object.values(r.meta.controls).flat()), ...(isBenchmark(target) ? target.controls.map((c) => c.id) : [])]);
    const names = new Set<string>();
    const contents = new Map<string, string>();
    for (const c of [...tests.valid, ...tests.invalid]) {
      if (names.has(c.name)) throw new RuleTesterError(`${title}: duplicate case name "${c.name}"`);
      names.add(c.name);
      const key = caseKey(c);
      const twin = contents.get(key);
      if (twin !== undefined) throw new RuleTesterError(`${title}: cases "${twin}" and "${c.name}" have the same input`);
      contents.set(key, c.name);
    }
    const defaults = { ...(this.#options.snapshotOptions ? { snapshotOptions: this.#options.snapshotOptions } : {}), ...(this.#options.evaluateOptions ? { evaluateOptions: this.#options.evaluateOptions } : {}) };
    describe(title, () => {
      describe('valid', () => {
        for (const testCase of tests.valid) {
          it(testCase.name, () => {
            const counted = runRuleCase(target, testCase, defaults).filter((f) => !f.exempted);
            const diff = diffFindings(counted, [], rules);
            if (diff !== null) throw new RuleTesterError(`${title} "${testCase.name}" should be valid: ${diff}`);
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of tests.invalid) {
          it(testCase.name, () => {
            if (testCase.findings.length === 0) throw new RuleTesterError(`${title} "${testCase.name}": an invalid case needs at least one expected finding`);
            for (const e of testCase.findings) {
              if (e.messageId === undefined && e.ruleId === undefined && e.control === undefined) {
                throw new RuleTesterError(`${title} "${testCase.name}": an expected finding needs a messageId, ruleId or control`);
              }
              if (e.messageId !== undefined && !messageIds.has(e.messageId)) {
                throw new RuleTesterError(`${title} "${testCase.name}": unknown messageId "${e.messageId}"; known: ${[...messageIds].join(', ')}`);
              }
              if (e.control !== undefined && !controlIds.has(e.control)) throw new RuleTesterError(`${title} "${testCase.name}": no rule of ${title} maps to control "${e.control}"`);
              if (e.ruleId !== undefined && !rules.some((r) => r.id === e.ruleId)) throw new RuleTesterError(`${title} "${testCase.name}": ${title} has no rule ${e.ruleId}`);
            }
            const diff = diffFindings(runRuleCase(target, testCase, defaults), testCase.findings, rules);
            if (diff !== null) throw new RuleTesterError(`${title} "${testCase.name}": ${diff}`);
          });
        }
      });
    });
  }
}
