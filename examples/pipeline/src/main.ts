#!/usr/bin/env node
// The gate as a command for CI: `acme-kubecis-gate --manifests rendered --baseline baseline.json --sarif kubecis.sarif`.
// On the main branch, `--update-baseline baseline.json` saves the report that pull requests are compared with.
import { parseArgs } from 'node:util';
import { runPipeline } from './pipeline.js';

const usage = `Usage: acme-kubecis-gate --manifests DIR_OR_FILE [--manifests ...] [--baseline FILE] [--sarif FILE] [--config FILE]
       acme-kubecis-gate --manifests DIR_OR_FILE --update-baseline FILE
`;

function main(argv: readonly string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        manifests: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        sarif: { type: 'string' },
        config: { type: 'string' },
        'update-baseline': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  if (values.manifests === undefined || values.manifests.length === 0) {
    process.stderr.write(usage);
    return 2;
  }
  const update = values['update-baseline'];
  const result = runPipeline({
    manifests: values.manifests,
    baseline: update === undefined ? values.baseline : undefined,
    sarif: values.sarif,
    config: values.config,
    report: update,
    now: new Date(),
  });
  process.stdout.write(result.summary);
  // Saving the baseline records what main has; only broken input fails that job.
  return update === undefined ? result.exitCode : result.exitCode === 2 ? 2 : 0;
}

process.exitCode = main(process.argv.slice(2));
