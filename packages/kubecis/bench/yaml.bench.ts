// YAML strategy, measured on ../shared/corpus (149 files, 24.6 MB of real manifests).
//
// Side by side, in one run (compare the ratios vitest prints, never absolute times):
//   - js-yaml loadAll of every file, texts already in memory (the parse floor);
//   - the same, plus reading the files (the floor an end-to-end scan can reach);
//   - the CLI's loader: read, split into documents, the fast reader or js-yaml per document, guards;
//   - `kubecis scan` end to end in-process (shipped cis-1.10 benchmark, JSON report);
//   - `kubecis scan` with a rule that reports every container and every RBAC rule, so that
//     thousands of field positions are located (the locate hook under load);
//   - the `yaml` package's parseAllDocuments, the exact parser kubecis uses only as a fallback.
// Run: npx vitest bench --run --project kubecis

import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { defineBenchmark, defineRule, workloadContainers, type Rule } from '@kubecis/core';
import { controlsFor } from '../src/index.js';
import { loadText } from '../src/cli/load.js';
import { main, type CliIo } from '../src/cli/main.js';
import { corpus, corpusPresent as present, yamlFiles } from '../test/corpus-files.js';



const files = present ? yamlFiles(corpus) : [];
const texts = files.map((f) => readFileSync(f, 'utf8'));

function io(): CliIo {
  return {
    stdin: (async function* () {})(),
    stdout: { write: () => true },
    stderr: { write: () => true },
    cwd: corpus,
    env: {},
    now: () => new Date('2026-01-15'),
  };
}

/** A FAIL for every container's image and every RBAC rule's first verb: the locate hook's worst day. */
const everything: Rule = /* @__PURE__ */ defineRule({
  id: 'bench/everything',
  meta: {
    title: 'Everything',
    description: 'Reports every container and every RBAC rule',
    rationale: 'Benchmark.',
    remediation: 'None.',
    severity: 'low',
    type: 'automated',
    controls: { 'cis-1.10': ['5.1.1'] },
    messages: { container: 'Container', rule: 'Rule' },
  },
  *check(snapshot, context) {
    for (const workload of snapshot.workloads()) {
      for (const c of workloadContainers(workload)) yield context.fail({ messageId: 'container', resource: workload.object, path: `${c.path}.image` });
    }
    for (const kind of ['Role', 'ClusterRole'] as const) {
      for (const role of snapshot.ofKind(kind)) {
        const rules = role.rules ?? [];
        for (let i = 0; i < rules.length; i++) yield context.fail({ messageId: 'rule', resource: role, path: `rules[${String(i)}]` });
      }
    }
  },
});
const { sections, controls } = controlsFor('cis-1.10');
const denseBenchmarks = { 'cis-1.10': defineBenchmark({ id: 'cis-1.10', title: 'Dense', version: '1.10', sections, controls, rules: [everything] }) };

const options = { iterations: 5, warmupIterations: 1, time: 0 };

describe.skipIf(!present)(`YAML on the corpus (${corpus})`, () => {
  bench(
    'js-yaml loadAll, texts in memory',
    () => {
      for (const text of texts) loadAll(text);
    },
    options,
  );

  bench(
    'read + js-yaml loadAll',
    () => {
      for (const file of files) loadAll(readFileSync(file, 'utf8'));
    },
    options,
  );

  bench(
    'kubecis loader: read + split + fast reader or js-yaml per document + guards',
    () => {
      for (const file of files) loadText(readFileSync(file, 'utf8'), file);
    },
    options,
  );

  bench(
    'kubecis scan, end to end (shipped cis-1.10, --format json)',
    async () => {
      await main(['scan', '.', '--format', 'json', '--fail-on', 'never'], io());
    },
    options,
  );

  bench(
    'kubecis scan, a finding on every container and RBAC rule (locate under load)',
    async () => {
      await main(['scan', '.', '--format', 'json', '--fail-on', 'never'], io(), { benchmarks: denseBenchmarks });
    },
    options,
  );

  bench(
    'yaml parseAllDocuments (the exact parser, for comparison)',
    () => {
      for (const text of texts) parseAllDocuments(text);
    },
    { iterations: 2, warmupIterations: 0, time: 0 },
  );
});
