import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as rbac from '@kubecis/rules-rbac';
import * as pss from '@kubecis/rules-pss';
import * as network from '@kubecis/rules-network';

// Bundles `import { oneRule } from '<pack>'` for the browser from the *built* packages (what users
// get) and checks that it needs no Node.js module, that the other rules are dropped, and its size.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = ['core', 'rules-rbac', 'rules-pss', 'rules-network'].every((p) => existsSync(join(root, 'packages', p, 'dist', 'index.js')));

const packs = [
  ['@kubecis/rules-rbac', rbac],
  ['@kubecis/rules-pss', pss],
  ['@kubecis/rules-network', network],
] as const;

function rulesOf(module: Record<string, unknown>): [string, string][] {
  return Object.entries(module)
    .filter((e): e is [string, { id: string; check: unknown }] => {
      const v = e[1] as { id?: unknown; check?: unknown } | null;
      return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.check === 'function' && e[0] !== 'pack';
    })
    .map(([name, rule]) => [name, rule.id]);
}

/** Ceiling for one rule and what it needs from core, minified: the object schemas and zod must drop out. */
const sizeCeiling = 64 * 1024;

describe.skipIf(!built)('tree-shaking of the built packages (run `pnpm build` first)', () => {
  for (const [pkg, module] of packs) {
    const rules = rulesOf(module);
    it.skipIf(rules.length < 2)(`${pkg}: one imported rule bundles alone for the browser`, async () => {
      const [name, id] = rules[0]!;
      const result = await build({
        stdin: { contents: `import { ${name} } from '${pkg}';\nexport const id = ${name}.id;`, resolveDir: root, loader: 'ts' },
        bundle: true,
        write: false,
        minify: true,
        format: 'esm',
        platform: 'browser',
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]!.text;
      expect(code).toContain(id);
      expect(code).not.toMatch(/["']node:/);
      for (const [, other] of rules.slice(1)) expect(code, `${other} should be tree-shaken away`).not.toContain(`"${other}"`);
      expect(code.length).toBeLessThan(sizeCeiling);
    });
  }
});
