#!/usr/bin/env node
// `pnpm fuzz`: the fuzz suite (test/fuzz.test.ts) at full size. Every rule of every shipped pack
// and the CLI's parser see FUZZ_OBJECTS generated objects (default 1,000,000); the seed changes
// from run to run unless FC_SEED is given, and is printed so that a failure can be repeated:
//   FC_SEED=123 FUZZ_OBJECTS=50000 pnpm fuzz
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const objects = process.env.FUZZ_OBJECTS ?? '1000000';
const seed = process.env.FC_SEED ?? String(Math.floor(Date.now() / 1000) % 2_000_000_000);
process.stdout.write(`fuzz: ${objects} objects, FC_SEED=${seed}\n`);
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'repo', 'test/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_OBJECTS: objects, FC_SEED: seed },
});
if (result.status !== 0) process.stdout.write(`fuzz: failed; repeat with FC_SEED=${seed} FUZZ_OBJECTS=${objects} pnpm fuzz\n`);
process.exitCode = result.status ?? 1;
