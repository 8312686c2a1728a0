#!/usr/bin/env node
// Packs every package with pnpm (so `catalog:` and `workspace:` versions are rewritten as users
// get them) and runs publint --strict and @arethetypeswrong/cli on each tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = mkdtempSync(join(tmpdir(), 'kubecis-pack-'));
let failed = 0;

try {
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgDir = join(packagesDir, dir);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(out));
    execFileSync('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', out], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(out).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
    const path = join(out, tarball);
    for (const [tool, args] of [
      ['publint', ['run', path, '--strict']],
      ['attw', [path, '--profile', 'node16', '--no-emoji', '--no-color']],
    ]) {
      try {
        const output = execFileSync(bin(tool), args, { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        process.stdout.write(`ok   ${pkg.name}: ${tool}\n`);
        if (process.env.VERBOSE) process.stdout.write(output);
      } catch (error) {
        failed++;
        process.stdout.write(`FAIL ${pkg.name}: ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}\n`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.stdout.write(failed === 0 ? 'All packages pass publint and attw.\n' : `${failed} package check(s) failed.\n`);
process.exit(failed === 0 ? 0 : 1);
