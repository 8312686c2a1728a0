#!/usr/bin/env node
// Runs a TypeScript benchmark of this folder on Node 20 without a TypeScript runner: esbuild
// bundles the entry (with the `@kubecis/source` condition, so the libraries are taken from their
// sources, exactly as the tests take them) into node_modules/.cache, and Node runs the bundle.
//
//   node bench/run.mjs [entry.ts] [-- harness options]     (entry defaults to bench/scale.ts)
//
// `pnpm bench` builds the packages first (the end-to-end part runs the built CLI) and then runs
// this with bench/scale.ts. See bench/README.md.

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const entry = args[0] !== undefined && args[0].endsWith('.ts') ? args.shift() : join(root, 'bench', 'scale.ts');
if (args[0] === '--') args.shift();

const outdir = join(root, 'node_modules', '.cache', 'kubecis-bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry, '.ts')}.mjs`);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@kubecis/source'],
  // Packages with their own files at run time (wasm, lazily required parsers) stay outside the bundle.
  external: ['@monokle/validation', 'esbuild'],
  define: { __PACKAGE_VERSION__: '"0.0.0-bench"', __KUBECIS_VERSION__: '"0.0.0-bench"' },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: 'inline',
  logLevel: 'warning',
});

// The bundle sits under node_modules/.cache, so bare imports of externals resolve from the root.
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit', cwd: root });
process.exitCode = result.status ?? 1;
