import fc from 'fast-check';

// Core and rule packs are silent: any console output in a test is a bug.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...args: unknown[]): void => {
    throw new Error(`Unexpected console.${method}: ${args.map(String).join(' ')}`);
  };
}

// Reproducible, bounded property runs in CI; FC_SEED / FC_RUNS override for exploration.
const seed = process.env['FC_SEED'] === undefined ? 20261126 : Number(process.env['FC_SEED']);
const numRuns = process.env['FC_RUNS'] === undefined ? 100 : Number(process.env['FC_RUNS']);
fc.configureGlobal({ numRuns, seed });
