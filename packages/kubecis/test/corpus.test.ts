// The loader and the locators on ../shared/corpus: 149 files of real manifests and cluster dumps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from 'js-yaml';
import type { PathSegment } from '@kubecis/core';
import { splitYamlDocuments } from '../src/cli/split.js';
import { AstYamlWalker, BlockYamlWalker } from '../src/cli/locate-yaml.js';
import { findingsOf, inventoryRule, privilegedRule, run, testBenchmark, wildcardRule, type JsonReport } from './helpers.js';
import { corpus, corpusPresent as present, yamlFiles } from './corpus-files.js';



describe.skipIf(!present)(`corpus (${corpus}; skipped when absent)`, () => {
  it('scans every file: no syntax errors, every finding on the line of its field', { timeout: 60_000 }, async () => {
    const result = await run(['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: corpus, benchmarks: testBenchmark([privilegedRule, wildcardRule, inventoryRule]) });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.filter((d) => d.message.startsWith('YAML'))).toEqual([]);
    const findings = findingsOf(report);
    const lines = new Map<string, string[]>();
    const lineText = (file: string, line: number): string => {
      let content = lines.get(file);
      if (!content) lines.set(file, (content = readFileSync(join(corpus, file), 'utf8').split('\n')));
      return content[line - 1] ?? '';
    };
    const privileged = findings.filter((f) => f.ruleId === 'test/no-privileged');
    const wildcards = findings.filter((f) => f.ruleId === 'test/no-wildcard-verbs');
    expect(privileged.length).toBeGreaterThan(5);
    expect(wildcards.length).toBeGreaterThan(5);
    for (const f of privileged) expect({ f: f.source, text: lineText(f.source?.file ?? '', f.source?.line ?? 0) }).toEqual({ f: f.source, text: expect.stringMatching(/privileged/) });
    for (const f of wildcards) expect({ f: f.source, text: lineText(f.source?.file ?? '', f.source?.line ?? 0) }).toEqual({ f: f.source, text: expect.stringMatching(/\*/) });
    // Every object has a source; objects of Lists get their own item's line.
    const inventory = findings.filter((f) => f.ruleId === 'test/inventory');
    expect(inventory.length).toBeGreaterThan(1500);
    for (const f of inventory) expect(lineText(f.source?.file ?? '', f.source?.line ?? 0)).toMatch(/\S/);
  });

  it('the fast walker agrees with the yaml package on every field of the non-CRD documents', { timeout: 60_000 }, () => {
    let checked = 0;
    for (const file of yamlFiles(corpus)) {
      for (const chunk of splitYamlDocuments(readFileSync(file, 'utf8'))) {
        if (chunk.text.length > 300_000 || /^kind: CustomResourceDefinition/m.test(chunk.text)) continue;
        const [value] = loadAll(chunk.text);
        const fast = new BlockYamlWalker(chunk.text);
        const exact = new AstYamlWalker(chunk.text);
        const visit = (node: unknown, path: PathSegment[], budget: { left: number }): void => {
          if (budget.left-- <= 0) return;
          const quick = fast.locate(path);
          const truth = exact.locate(path);
          checked++;
          expect({ file, path, line: quick?.resolved === path.length ? quick.position.line : 'partial' }).toEqual({ file, path, line: truth?.position.line });
          if (node !== null && typeof node === 'object') {
            for (const [k, v] of Object.entries(node)) visit(v, [...path, Array.isArray(node) ? Number(k) : k], budget);
          }
        };
        visit(value, [], { left: 400 });
      }
    }
    expect(checked).toBeGreaterThan(30_000);
  });
});
