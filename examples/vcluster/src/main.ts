#!/usr/bin/env node
// node dist/main.js snapshots/before.json snapshots/after.json   compare two recorded snapshots, write reports/
// node dist/main.js --kubeconfig team-a.kubeconfig [--context C]  assess the live virtual cluster (kube-bench JSON)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { assessCluster, assessCollection, compareReports, controlsById, kubeBenchReport, textReport } from './walkthrough.js';

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { kubeconfig: { type: 'string' }, context: { type: 'string' }, out: { type: 'string', default: 'reports' } },
    allowPositionals: true,
  });
  if (values.kubeconfig !== undefined) {
    const live = await assessCluster({ kubeconfig: values.kubeconfig, ...(values.context === undefined ? {} : { context: values.context }) });
    process.stdout.write(kubeBenchReport(live));
    return live.report.controls.some((c) => c.status === 'FAIL') ? 1 : 0;
  }
  if (positionals.length === 0) {
    process.stderr.write('usage: main.js SNAPSHOT... | --kubeconfig FILE [--context NAME]\n');
    return 2;
  }
  mkdirSync(values.out, { recursive: true });
  const now = new Date();
  const assessments = positionals.map((file) => ({ name: basename(file, '.json'), assessment: assessCollection(readFileSync(file, 'utf8'), { now }) }));
  for (const { name, assessment } of assessments) {
    writeFileSync(join(values.out, `${name}.txt`), textReport(assessment));
    writeFileSync(join(values.out, `${name}.kube-bench.json`), kubeBenchReport(assessment));
    const summary = controlsById(assessment.report).map((c) => `${c.id} ${c.status}`).join(', ');
    process.stdout.write(`${name}: ${summary}\n`);
  }
  const [first, last] = [assessments[0], assessments[assessments.length - 1]];
  if (first && last && first !== last) process.stdout.write(compareReports(first.assessment.report, last.assessment.report));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
