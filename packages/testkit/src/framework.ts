/** The test functions the testkit registers cases with: vitest, jest and mocha globals all fit. */
export interface TestFramework {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: () => void | Promise<void>) => void;
}

/** The `describe`/`it` globals of the running test framework; throws a readable error when there are none. */
export function globalFramework(): TestFramework {
  const g = globalThis as unknown as Partial<TestFramework>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function') {
    throw new Error('@kubecis/testkit: no global describe/it; pass { describe, it } from your test framework');
  }
  return { describe: g.describe.bind(globalThis), it: g.it.bind(globalThis) };
}
