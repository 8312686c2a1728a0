import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyRule, Pack } from '@kubecis/core';
import { benchmarkIds, benchmarks, defaultBenchmarkId, packs } from 'kubecis';
import {
  controlDoc,
  controlDocsSection,
  controlsIndex,
  controlsTable,
  counterpart,
  exampleStatus,
  exampleKinds,
  replaceBetween,
  ruleDoc,
  rulesOfControl,
  rulesTable,
  runExample,
  slugOf,
  type ExampleRun,
} from '../scripts/docs.js';

// `pnpm run docs` sets KUBECIS_UPDATE_DOCS=1 and this file writes the docs instead of checking them.
const update = process.env['KUBECIS_UPDATE_DOCS'] === '1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageOf: Readonly<Record<string, string>> = { rbac: 'rules-rbac', pss: 'rules-pss', network: 'rules-network' };
const packageOfRule = (rule: AnyRule): string => packageOf[rule.id.split('/')[0] ?? ''] ?? 'unknown';

function check(path: string, expected: string): void {
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    return;
  }
  expect(existsSync(path), `${path} is missing: run \`pnpm docs\``).toBe(true);
  expect(readFileSync(path, 'utf8'), `${path} is out of date: run \`pnpm docs\``).toBe(expected);
}

describe.each(packs.map((p): [string, Pack] => [p.name, p]))('docs of the %s pack', (_name, pack) => {
  const dir = join(root, 'packages', packageOf[pack.name] ?? pack.name);

  it('has a current doc for every rule, and a rule for every doc', () => {
    for (const rule of pack.rules) check(join(dir, 'docs', 'rules', `${slugOf(rule)}.md`), ruleDoc(rule));
    const docsDir = join(dir, 'docs', 'rules');
    const docs = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')) : [];
    expect(docs.sort()).toEqual(pack.rules.map((r) => `${slugOf(r)}.md`).sort());
  });

  it('has a current rules table in its README', () => {
    const readme = join(dir, 'README.md');
    check(readme, replaceBetween(readFileSync(readme, 'utf8'), 'rules', rulesTable(pack)));
  });
});

const benchmark = benchmarks[defaultBenchmarkId];
const allBenchmarks = benchmarkIds.map((id) => benchmarks[id]);
const examplesRoot = join(root, 'docs', 'examples');
const controlsRoot = join(root, 'docs', 'controls');
const exampleFiles = new Set<string>([...exampleKinds.map((k) => k.file), 'manual.md']);
const examplesOf = (controlId: string) => exampleKinds.filter((k) => existsSync(join(examplesRoot, controlId, k.file)));
const manualOf = (controlId: string): string | null => {
  const path = join(examplesRoot, controlId, 'manual.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};

describe('root README', () => {
  it(`lists every ${defaultBenchmarkId} control with its type and rules, linked to its page`, () => {
    const readme = join(root, 'README.md');
    check(readme, replaceBetween(readFileSync(readme, 'utf8'), 'controls', controlsTable(benchmark, packageOfRule)));
  });

  it('links the control pages', () => {
    const readme = join(root, 'README.md');
    check(readme, replaceBetween(readFileSync(readme, 'utf8'), 'control-docs', controlDocsSection(benchmark)));
  });
});

describe.each(benchmark.controls.map((c) => [c.id, c] as const))(`control page of ${defaultBenchmarkId} %s`, (controlId, control) => {
  const dir = join(examplesRoot, controlId);
  const rules = rulesOfControl(benchmark, controlId);
  const kinds = examplesOf(controlId);
  const runs: ExampleRun[] = [];

  beforeAll(async () => {
    for (const { kind } of kinds) runs.push(await runExample(dir, kind, benchmark.id, controlId));
  });

  it('has a failing (or warning) and a passing example when a rule evaluates it, and notes for a person when kubecis cannot settle it', () => {
    if (rules.length > 0) {
      expect(kinds.some((k) => k.kind === 'fail' || k.kind === 'warn'), `${dir}: fail.yaml or warn.yaml`).toBe(true);
      expect(kinds.some((k) => k.kind === 'pass'), `${dir}: pass.yaml`).toBe(true);
    }
    if (rules.length === 0 || rules.some((r) => r.meta.type !== 'automated')) {
      expect(manualOf(controlId), `${dir}/manual.md: what a person must check`).not.toBeNull();
    }
  });

  it.each(kinds.map((k) => [k.file, k] as const))('%s gives the status its name promises, through the control\'s own rules', (_file, spec) => {
    const run = runs.find((r) => r.kind === spec.kind)!;
    expect(run.diagnostics, `${dir}/${run.file} reads without diagnostics`).toEqual([]);
    expect(run.status, `${dir}/${run.file} under ${benchmark.id}`).toBe(spec.status);
    expect(run.textFound, 'the text report shows the control').toBe(true);
    expect(run.text.startsWith(`[${spec.status}]`)).toBe(true);
    const ruleIds = new Set(rules.map((r) => r.id));
    const counted = run.findings.filter((f) => !f.exempted && ruleIds.has(f.ruleId));
    if (spec.kind === 'fail') expect(counted.some((f) => f.status === 'FAIL')).toBe(true);
    if (spec.kind === 'warn') expect(counted.some((f) => f.status === 'WARN') && !counted.some((f) => f.status === 'FAIL')).toBe(true);
    if (spec.kind === 'pass') {
      expect(counted.filter((f) => f.status === 'FAIL' || f.status === 'WARN')).toEqual([]);
      expect(counted.some((f) => f.status === 'PASS'), 'a passing example earns PASS evidence, not just silence').toBe(true);
    }
  });

  it('gives the same status in every other version that has the control, under that version\'s id', async () => {
    for (const other of allBenchmarks) {
      const same = other.id === benchmark.id ? undefined : counterpart(benchmark, control, other);
      if (same === undefined) continue;
      for (const spec of kinds) expect(await exampleStatus(dir, spec.file, other.id, same.id), `${dir}/${spec.file} under ${other.id} (${same.id})`).toBe(spec.status);
    }
  });

  it('has a current page', () => {
    const page = controlDoc({ benchmark, control, benchmarks: allBenchmarks, packageOfRule, examples: runs, manual: manualOf(controlId) });
    check(join(controlsRoot, benchmark.id, `${controlId}.md`), page);
  });
});

describe('control pages', () => {
  it('has a current index', () => {
    check(join(controlsRoot, 'README.md'), controlsIndex(benchmark, allBenchmarks, packageOfRule, (id) => examplesOf(id).length > 0));
  });

  it(`has a page for every ${defaultBenchmarkId} control and nothing else`, () => {
    const ids = benchmark.controls.map((c) => c.id);
    if (update) {
      // Pages of controls the benchmark no longer has would otherwise linger.
      for (const file of readdirSync(join(controlsRoot, benchmark.id))) {
        if (!ids.includes(file.replace(/\.md$/, ''))) rmSync(join(controlsRoot, benchmark.id, file));
      }
    }
    expect(readdirSync(controlsRoot).sort()).toEqual(['README.md', benchmark.id].sort());
    expect(readdirSync(join(controlsRoot, benchmark.id)).sort()).toEqual(ids.map((id) => `${id}.md`).sort());
    for (const entry of readdirSync(examplesRoot)) {
      expect(ids, `docs/examples/${entry} names a control of ${benchmark.id}`).toContain(entry);
      for (const file of readdirSync(join(examplesRoot, entry))) expect([...exampleFiles], `docs/examples/${entry}/${file}`).toContain(file);
    }
  });

  it('explains a control that no rule evaluates through the notes for a person', () => {
    const control = { id: '5.9.1', title: 'A control nothing evaluates', type: 'manual', section: '5.9' } as const;
    const alone = { ...benchmark, sections: [{ id: '5.9', title: 'Other' }], controls: [control], rules: [] };
    const page = controlDoc({ benchmark: alone, control, benchmarks: [alone], packageOfRule, examples: [], manual: 'Check the thing by hand.' });
    expect(page).toContain('| **kubecis** | Not evaluated');
    expect(page).toContain('## What a person checks\n\nCheck the thing by hand.');
    expect(page).not.toContain('## Examples');
  });

  it(`covers every control of every version through a ${defaultBenchmarkId} page`, () => {
    for (const other of allBenchmarks) {
      const covered = new Set(benchmark.controls.flatMap((c) => counterpart(benchmark, c, other)?.id ?? []));
      expect(other.controls.map((c) => c.id).filter((id) => !covered.has(id)), other.id).toEqual([]);
    }
  });
});
