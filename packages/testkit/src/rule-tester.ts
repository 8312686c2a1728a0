import { parseAllDocuments } from 'yaml';
import {
  createSnapshot,
  evaluate,
  formatRef,
  type AnyRule,
  type EvaluateOptions,
  type Finding,
  type Severity,
  type SnapshotOptions,
  type Status,
} from '@kubecis/core';
import { cloneJson, deepFreeze } from './freeze.js';
import { globalFramework, type TestFramework } from './framework.js';

export interface ExpectedFinding {
  readonly messageId: string;
  /** Default `FAIL`. */
  readonly status?: Extract<Status, 'FAIL' | 'WARN'>;
  readonly resource?: { readonly kind?: string; readonly namespace?: string | null; readonly name?: string };
  readonly path?: string | null;
  readonly severity?: Severity;
  readonly exempted?: boolean;
}

interface CaseBase {
  readonly name: string;
  /** Objects as data; or give `yaml`. */
  readonly objects?: readonly unknown[];
  /** One or more YAML documents. */
  readonly yaml?: string;
  readonly options?: unknown;
  readonly snapshotOptions?: SnapshotOptions;
  /** Defaults to `{ strict: true }`, so the rule's raw findings are checked. */
  readonly evaluateOptions?: EvaluateOptions;
}

export type ValidCase = CaseBase;
export interface InvalidCase extends CaseBase {
  readonly findings: readonly ExpectedFinding[];
}

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

export class RuleTesterError extends Error {
  override name = 'RuleTesterError';
}

function objectsOf(testCase: CaseBase): unknown[] {
  if (testCase.yaml !== undefined) {
    return parseAllDocuments(testCase.yaml).map((doc) => {
      if (doc.errors.length > 0) throw new RuleTesterError(`Case "${testCase.name}": invalid YAML: ${doc.errors[0]?.message ?? ''}`);
      return doc.toJS() as unknown;
    });
  }
  return [...(testCase.objects ?? [])];
}

function describeFinding(f: Pick<Finding, 'status' | 'messageId' | 'resource' | 'path'> & { exempted?: boolean }): string {
  return `${f.status} ${f.messageId} ${formatRef(f.resource)}${f.path === null ? '' : ` @ ${f.path}`}${f.exempted ? ' (exempted)' : ''}`;
}

function describeExpected(e: ExpectedFinding): string {
  const r = e.resource;
  const ref = r ? `${r.kind ?? '*'} ${r.namespace === undefined ? '' : `${String(r.namespace)}/`}${r.name ?? '*'}` : '(any)';
  return `${e.status ?? 'FAIL'} ${e.messageId} ${ref}${e.path === undefined ? '' : ` @ ${String(e.path)}`}`;
}

function matches(actual: Finding, expected: ExpectedFinding): boolean {
  if (actual.messageId !== expected.messageId) return false;
  if (actual.status !== (expected.status ?? 'FAIL')) return false;
  if (expected.severity !== undefined && actual.severity !== expected.severity) return false;
  if (expected.exempted !== undefined && actual.exempted !== expected.exempted) return false;
  if (expected.path !== undefined && actual.path !== expected.path) return false;
  const r = expected.resource;
  if (r) {
    if (actual.resource === null) return false;
    if (r.kind !== undefined && actual.resource.kind !== r.kind) return false;
    if (r.name !== undefined && actual.resource.name !== r.name) return false;
    if (r.namespace !== undefined && actual.resource.namespace !== r.namespace) return false;
  }
  return true;
}

/** Runs one case and returns the FAIL/WARN/ERROR findings of the rule. Throws RuleTesterError on a broken contract. */
export function runRuleCase(rule: AnyRule, testCase: CaseBase): Finding[] {
  const objects = deepFreeze(cloneJson(objectsOf(testCase)));
  const options: EvaluateOptions = {
    strict: true,
    ...testCase.evaluateOptions,
    ruleOptions: { ...testCase.evaluateOptions?.ruleOptions, [rule.id]: testCase.options },
  };
  const snapshot = createSnapshot(objects, testCase.snapshotOptions);
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new RuleTesterError(`Case "${testCase.name}": input has invalid objects: ${errors.map((d) => d.message).join('; ')}`);
  }
  const first = evaluate(snapshot, rule, options);
  const second = evaluate(createSnapshot(objects, testCase.snapshotOptions), rule, options);
  if (JSON.stringify(first.controls) !== JSON.stringify(second.controls)) {
    throw new RuleTesterError(`Case "${testCase.name}": ${rule.id} is not deterministic: two runs gave different findings`);
  }
  const findings = first.controls.flatMap((c) => c.findings);
  const broken = findings.find((f) => f.status === 'ERROR');
  if (broken) throw new RuleTesterError(`Case "${testCase.name}": ${broken.message}`);
  for (const f of findings) {
    if (!(f.messageId in rule.meta.messages)) throw new RuleTesterError(`Case "${testCase.name}": unknown messageId ${f.messageId}`);
  }
  return findings.filter((f) => f.status === 'FAIL' || f.status === 'WARN');
}

/** Checks that actual findings are exactly the expected ones, in any order. Returns a readable diff, or `null`. */
export function diffFindings(actual: readonly Finding[], expected: readonly ExpectedFinding[]): string | null {
  const unmatched = [...actual];
  const missing: ExpectedFinding[] = [];
  for (const e of expected) {
    const index = unmatched.findIndex((a) => matches(a, e));
    if (index === -1) missing.push(e);
    else unmatched.splice(index, 1);
  }
  if (missing.length === 0 && unmatched.length === 0) return null;
  const lines = [`expected ${String(expected.length)} finding(s), got ${String(actual.length)}`];
  for (const m of missing) lines.push(`  - missing:    ${describeExpected(m)}`);
  for (const u of unmatched) lines.push(`  + unexpected: ${describeFinding(u)}  "${u.message}"`);
  return lines.join('\n');
}

/**
 * ESLint-style tester for kubecis rules. Valid cases must give no FAIL or WARN finding; invalid
 * cases exactly the findings listed. Each case runs on deep-frozen input, twice, to prove the rule
 * neither mutates its input nor depends on anything but the snapshot.
 */
export class RuleTester {
  readonly #framework: TestFramework | undefined;

  constructor(options: { framework?: TestFramework } = {}) {
    this.#framework = options.framework;
  }

  run(rule: AnyRule, tests: RuleTests): void {
    const { describe, it } = this.#framework ?? globalFramework();
    const names = new Set<string>();
    for (const c of [...tests.valid, ...tests.invalid]) {
      if (names.has(c.name)) throw new RuleTesterError(`${rule.id}: duplicate case name "${c.name}"`);
      names.add(c.name);
    }
    describe(rule.id, () => {
      describe('valid', () => {
        for (const testCase of tests.valid) {
          it(testCase.name, () => {
            const diff = diffFindings(runRuleCase(rule, testCase), []);
            if (diff !== null) throw new RuleTesterError(`${rule.id} "${testCase.name}": ${diff}`);
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of tests.invalid) {
          it(testCase.name, () => {
            if (testCase.findings.length === 0) throw new RuleTesterError(`${rule.id} "${testCase.name}": an invalid case needs findings`);
            for (const e of testCase.findings) {
              if (!(e.messageId in rule.meta.messages)) throw new RuleTesterError(`${rule.id} "${testCase.name}": unknown messageId ${e.messageId}`);
            }
            const diff = diffFindings(runRuleCase(rule, testCase), testCase.findings);
            if (diff !== null) throw new RuleTesterError(`${rule.id} "${testCase.name}": ${diff}`);
          });
        }
      });
    });
  }
}
