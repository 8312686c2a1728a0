// Where evaluate's time goes: each rule of the cis-1.10 benchmark timed alone on a fresh snapshot
// of a generated dump (derived views are cached per snapshot, so the first rule that needs one
// pays for it; timing each rule on its own fresh snapshot charges every rule its whole cost).
//   node bench/run.mjs bench/rules.ts -- [--size 100k]
import { createSnapshot, evaluate } from '@kubecis/core';
import { benchmarks } from 'kubecis';
import { generateCluster } from './generate-cluster.js';

const argv = process.argv.slice(2);
const sizeArg = argv[argv.indexOf('--size') + 1] ?? '100k';
const size = Number(sizeArg.replace(/k$/i, '000'));
const list = JSON.parse(JSON.stringify(generateCluster({ objects: size }))) as unknown;
const benchmark = benchmarks['cis-1.10'];
const now = new Date('2026-01-15T00:00:00Z');

const t0 = performance.now();
const snapshot = createSnapshot([list]);
const snapshotMs = performance.now() - t0;
const t1 = performance.now();
evaluate(snapshot, benchmark, { now });
const allMs = performance.now() - t1;

const rows: { id: string; ms: number; findings: number }[] = [];
for (const rule of benchmark.rules) {
  const fresh = createSnapshot([list]);
  const t = performance.now();
  const report = evaluate(fresh, rule, { now });
  rows.push({ id: rule.id, ms: performance.now() - t, findings: report.controls.reduce((n, c) => n + c.findings.length, 0) });
}
rows.sort((a, b) => b.ms - a.ms);
process.stdout.write(`${String(snapshot.objects.length)} objects: createSnapshot ${snapshotMs.toFixed(0)} ms, evaluate (all rules, one snapshot) ${allMs.toFixed(0)} ms\n`);
for (const row of rows) process.stdout.write(`${row.ms.toFixed(1).padStart(8)} ms ${String(row.findings).padStart(7)} findings  ${row.id}\n`);
