import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyRule, Pack } from '@kubecis/core';
import { benchmarks, packs } from 'kubecis';
import { controlsTable, replaceBetween, ruleDoc, rulesTable, slugOf } from '../scripts/docs.js';

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

describe('root README', () => {
  it('lists every cis-1.10 control with its type and rules', () => {
    const readme = join(root, 'README.md');
    check(readme, replaceBetween(readFileSync(readme, 'utf8'), 'controls', controlsTable(benchmarks['cis-1.10'], packageOfRule)));
  });
});
