import { Readable } from 'node:stream';
// Shared helpers for the in-process CLI tests: a fake process, and a small benchmark whose
// rules report findings (the shipped packs may have few rules while they are being written).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  defineBenchmark,
  defineRule,
  workloadContainers,
  type Benchmark,
  type Rule,
} from '@kubecis/core';
import { controlsFor } from '../src/index.js';
import { main, type CliIo, type MainOptions } from '../src/cli/main.js';

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** The 1-based line of the `occurrence`-th line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i]!).includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${needle}" (occurrence ${String(occurrence)}) not found`);
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly stdin?: string;
  readonly cwd?: string;
  readonly tty?: boolean;
  readonly env?: Record<string, string | undefined>;
  readonly benchmarks?: Readonly<Record<string, Benchmark>>;
  readonly now?: Date;
  readonly homedir?: string;
  /** Whether stderr is a terminal (the live collection's progress line). */
  readonly stderrTty?: boolean;
  readonly collect?: MainOptions['collect'];
}

/** Runs `kubecis <argv>` in-process and captures its output. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdinText = options.stdin ?? '';
  const io: CliIo = {
    stdin: Readable.from(stdinText === '' ? [] : [Buffer.from(stdinText, 'utf8')]) as AsyncIterable<Uint8Array>,
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTty ?? false },
    cwd: options.cwd ?? fixturesDir,
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-01-15T12:00:00Z'),
    homedir: options.homedir ?? '/nonexistent-home',
  };
  const code = await main(argv, io, {
    ...(options.benchmarks ? { benchmarks: options.benchmarks } : {}),
    collect: { pageSize: 50, retryDelayMs: 1, requestTimeoutMs: 5_000, ...options.collect },
  });
  return { code, stdout, stderr };
}

const base = {
  rationale: 'Test rule.',
  remediation: 'None.',
  type: 'automated' as const,
};

/** FAIL for every privileged container, at its `securityContext.privileged` field (control 5.2.2). */
export const privilegedRule: Rule = /* @__PURE__ */ defineRule({
  id: 'test/no-privileged',
  meta: {
    ...base,
    title: 'No privileged containers',
    description: 'Flags privileged containers',
    severity: 'high',
    controls: { 'cis-1.10': ['5.2.2'] },
    messages: { privileged: 'Container {name} is privileged' },
  },
  *check(snapshot, context) {
    for (const workload of snapshot.workloads()) {
      for (const c of workloadContainers(workload)) {
        if (c.container.securityContext?.privileged === true) {
          yield context.fail({ messageId: 'privileged', data: { name: c.container.name }, resource: workload.object, path: `${c.path}.securityContext.privileged` });
        }
      }
    }
  },
});

/** FAIL for every `*` verb in a ClusterRole or Role rule, at the verb (control 5.1.3). */
export const wildcardRule: Rule = /* @__PURE__ */ defineRule({
  id: 'test/no-wildcard-verbs',
  meta: {
    ...base,
    title: 'No wildcard verbs',
    description: 'Flags wildcard verbs',
    severity: 'medium',
    controls: { 'cis-1.10': ['5.1.3'] },
    messages: { wildcard: 'Rule {rule} grants every verb' },
  },
  *check(snapshot, context) {
    for (const kind of ['ClusterRole', 'Role'] as const) {
      for (const role of snapshot.ofKind(kind)) {
        const rules = role.rules ?? [];
        for (let i = 0; i < rules.length; i++) {
          const verbs = rules[i]?.verbs ?? [];
          for (let j = 0; j < verbs.length; j++) {
            if (verbs[j] === '*') {
              yield context.fail({ messageId: 'wildcard', data: { rule: i }, resource: role, path: `rules[${String(i)}].verbs[${String(j)}]` });
            }
          }
        }
      }
    }
  },
});

/** INFO for every object of the snapshot, with no path: each object's own source (control 5.7.1). */
export const inventoryRule: Rule = /* @__PURE__ */ defineRule({
  id: 'test/inventory',
  meta: {
    ...base,
    title: 'Inventory',
    description: 'Lists every object',
    severity: 'info',
    controls: { 'cis-1.10': ['5.7.1'] },
    messages: { seen: 'Seen' },
  },
  *check(snapshot, context) {
    for (const object of snapshot.objects) yield context.info({ messageId: 'seen', resource: object });
  },
});

/** Throws: its control must be ERROR (control 5.7.2). */
export const throwingRule: Rule = /* @__PURE__ */ defineRule({
  id: 'test/throws',
  meta: {
    ...base,
    title: 'Throws',
    description: 'Always throws',
    severity: 'low',
    controls: { 'cis-1.10': ['5.7.2'] },
    messages: { never: 'Never' },
  },
  check() {
    throw new Error('boom');
  },
});

/** A cis-1.10 benchmark (real controls) whose rules are the given test rules. */
export function testBenchmark(rules: readonly Rule[]): Readonly<Record<string, Benchmark>> {
  const { sections, controls } = controlsFor('cis-1.10');
  return { 'cis-1.10': defineBenchmark({ id: 'cis-1.10', title: 'Test benchmark', version: '1.10', sections, controls, rules }) };
}

export interface JsonReport {
  tool: { name: string; version: string };
  benchmark: string;
  summary: Record<'pass' | 'fail' | 'warn' | 'info' | 'error', number>;
  controls: {
    id: string;
    title: string;
    type: string;
    status: string;
    findings: {
      ruleId: string;
      status: string;
      message: string;
      resource: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
      path: string | null;
      source: { file: string; line: number } | null;
      exempted: boolean;
      exemption: unknown;
    }[];
  }[];
  diagnostics: { severity: string; source: { file: string; line: number } | null; message: string }[];
}

export function findingsOf(report: JsonReport): JsonReport['controls'][number]['findings'] {
  return report.controls.flatMap((c) => c.findings);
}
