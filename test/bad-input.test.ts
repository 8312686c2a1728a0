// Bad input never crashes kubecis and never loses a valid object (issue 8). Each kind of bad
// input on the issue's list goes through the library (createSnapshot, evaluate of every shipped
// rule) and through the CLI (in-process, with files or stdin), and must give a clear diagnostic
// with its file and line; exit code 2 only when nothing at all could be read.
//
// Already covered elsewhere, and not repeated here: YAML syntax errors, scalar documents, empty
// input, __proto__ keys, alias bombs, self-referencing aliases, deep nesting and NUL bytes in
// packages/kubecis/test/cli.test.ts; nulls, Lists with junk, duplicates and absurd List nesting
// in packages/core/src/snapshot/create-snapshot.test.ts. The fuzz suite (test/fuzz.test.ts)
// mixes all of them at random.

import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSnapshot, evaluate, type Diagnostic, type Report } from '@kubecis/core';
import { benchmarks, packs } from 'kubecis';
import { loadText } from '../packages/kubecis/src/cli/load.js';
import { maxInputBytes } from '../packages/kubecis/src/cli/inputs.js';
import { inventoryRule, run, testBenchmark, type RunResult } from '../packages/kubecis/test/helpers.js';

const rules = packs.flatMap((p) => [...p.rules]);
const now = new Date('2026-01-15T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'kubecis-bad-input-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface JsonReport extends Omit<Report, 'diagnostics'> {
  diagnostics: { severity: string; source: { file: string; line: number } | null; message: string }[];
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
/** The 1-based first line of each document of a stream joined with `---`. */
function documentLines(text: string): number[] {
  const lines = text.split('\n');
  const starts = [1];
  lines.forEach((line, i) => {
    if (line === '---') starts.push(i + 2);
  });
  return starts;
}

async function scan(files: Record<string, string>, args: readonly string[] = []): Promise<RunResult & { report: JsonReport | null }> {
  const root = mkdtempSync(join(dir, 'scan-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  // A benchmark whose rule lists every object it reads (the shipped rules do not report every kind).
  const result = await run(['scan', '.', '--format', 'json', '--fail-on', 'never', ...args], { cwd: root, benchmarks: inventory });
  return { ...result, report: result.code === 2 ? null : (JSON.parse(result.stdout) as JsonReport) };
}

/** Library path: the snapshot and every rule of every pack, no throw, no rule ERROR. */
function library(objects: unknown[], sources?: { file: string; line: number }[]): { report: Report; names: string[] } {
  const snapshot = createSnapshot(objects, sources === undefined ? {} : { sources });
  const report = evaluate(snapshot, rules, { now });
  expect(report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'ERROR')).toEqual([]);
  return { report, names: snapshot.objects.map((o) => o.metadata.name).sort() };
}

const inventory = testBenchmark([inventoryRule]);
const valid = (name: string): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const namesInReport = (report: JsonReport): string[] =>
  [...new Set(report.controls.flatMap((c) => c.findings.map((f) => f.resource?.name)).filter((n): n is string => n !== undefined))].sort();

function expectDiagnostic(diagnostics: readonly Pick<Diagnostic, 'severity' | 'message' | 'source'>[], file: string, line: number, pattern: RegExp): void {
  expect(diagnostics).toContainEqual(expect.objectContaining({ source: { file, line }, message: expect.stringMatching(pattern) }));
}

describe('missing kind, apiVersion or metadata', () => {
  const text = [
    'kind: ServiceAccount\nmetadata:\n  name: no-api-version\n',
    'apiVersion: v1\nmetadata:\n  name: no-kind\n',
    'apiVersion: v1\nkind: ServiceAccount\n',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  namespace: shop\n',
    valid('kept'),
  ].join('---\n');

  it('library: each becomes a diagnostic naming the missing field; the valid object is kept', () => {
    const loaded = loadText(text, 'm.yaml');
    const { report, names } = library(
      loaded.documents.map((d) => d.value),
      loaded.documents.map((d) => ({ file: 'm.yaml', line: d.line })),
    );
    expect(names).toEqual(['kept']);
    const [first, second, third, fourth] = documentLines(text);
    expectDiagnostic(report.diagnostics, 'm.yaml', first!, /apiVersion: expected string, got nothing/);
    expectDiagnostic(report.diagnostics, 'm.yaml', second!, /kind: expected string, got nothing/);
    expectDiagnostic(report.diagnostics, 'm.yaml', third!, /metadata: expected object, got nothing/);
    expectDiagnostic(report.diagnostics, 'm.yaml', fourth!, /metadata\.name/);
  });

  it('CLI: the same diagnostics with file and line, exit 0 with the valid object reported', async () => {
    const { code, report } = await scan({ 'm.yaml': text });
    expect(code).toBe(0);
    expect(report!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.source)).toEqual(documentLines(text).slice(0, 4).map((line) => ({ file: 'm.yaml', line })));
    expect(namesInReport(report!)).toContain('kept');
  });
});

describe('wrong types anywhere', () => {
  const cases: [string, string, RegExp][] = [
    ['a string for a boolean', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: str-bool\nspec:\n  hostPID: "yes"\n  containers: [{name: c}]\n', /spec\.hostPID: expected boolean, got string/],
    ['an object for a list', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: obj-list\nspec:\n  containers:\n    name: c\n', /spec\.containers: expected array, got object/],
    ['a list for an object', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: list-obj\nspec:\n  template: [1, 2]\n', /spec\.template: expected object, got array/],
    ['a number for a name', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: 42\n', /metadata\.name: expected string, got number/],
    ['a number for labels', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: num-labels\n  labels: 7\n', /metadata\.labels: expected record, got number/],
    ['a string for rules', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: str-rules\n  namespace: shop\nrules: "*"\n', /rules: expected array, got string/],
    ['a list for metadata', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: [a]\n', /metadata: expected object, got array/],
  ];
  const text = [...cases.map(([, t]) => t), valid('kept')].join('---\n');

  it('library: one diagnostic per object, the path and the expected type named, the rest kept', () => {
    const loaded = loadText(text, 'w.yaml');
    const { report, names } = library(
      loaded.documents.map((d) => d.value),
      loaded.documents.map((d) => ({ file: 'w.yaml', line: d.line })),
    );
    expect(names).toEqual(['kept']);
    for (const [label, t, pattern] of cases) {
      expect(report.diagnostics, label).toContainEqual(expect.objectContaining({ severity: 'error', source: { file: 'w.yaml', line: lineOf(text, t) }, message: expect.stringMatching(pattern) }));
    }
  });

  it('CLI: the same, with the line of each object', async () => {
    const { code, report } = await scan({ 'w.yaml': text });
    expect(code).toBe(0);
    for (const [label, t, pattern] of cases) {
      expect(report!.diagnostics, label).toContainEqual(expect.objectContaining({ source: { file: 'w.yaml', line: lineOf(text, t) }, message: expect.stringMatching(pattern) }));
    }
    expect(namesInReport(report!)).toContain('kept');
  });

  it('nulls anywhere read as absent fields, and null items are reported, in JSON too', async () => {
    const json = `{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nulls", "namespace": null, "labels": null}, "spec": {"hostPID": null, "securityContext": null, "containers": [{"name": "c", "securityContext": null, "env": null}]}},\n  null\n]}\n`;
    const { report: lib, names } = library([JSON.parse(json)], [{ file: 'n.json', line: 1 }]);
    expect(names).toEqual(['nulls']);
    expect(lib.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('items[1]') })]);
    const { code, report } = await scan({ 'n.json': json });
    expect(code).toBe(0);
    expect(namesInReport(report!)).toContain('nulls');
    // The null item is on the third line.
    expect(report!.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', source: { file: 'n.json', line: 3 } })]);
  });
});

describe('Lists holding junk, and duplicates', () => {
  const json = JSON.stringify(
    { apiVersion: 'v1', kind: 'List', items: [42, 'text', [1, 2], { junk: true }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'in-list', namespace: 'shop' } }, { kind: 'PodList', items: 'nope' }, true] },
    null,
    2,
  );

  it('CLI: every junk item reported by its place in the List (items[i]) and at its own line; the good item kept', async () => {
    const { code, report } = await scan({ 'junk.json': json });
    expect(code).toBe(0);
    expect(namesInReport(report!)).toContain('in-list');
    const errors = report!.diagnostics.filter((d) => d.severity === 'error');
    // The lines of each item in the two-space JSON above.
    const lines: Record<string, number> = { 'items[0]': 5, 'items[1]': 6, 'items[2][0]': 8, 'items[2][1]': 9, 'items[3]': 11, 'items[5]': 22, 'items[6]': 26 };
    for (const [at, line] of Object.entries(lines)) {
      const found = errors.filter((d) => d.message.includes(` at ${at}`) || d.message.includes(` at ${at}:`));
      expect({ at, sources: found.map((d) => d.source) }).toEqual({ at, sources: [{ file: 'junk.json', line }] });
    }
    expect(errors).toHaveLength(Object.keys(lines).length);
  });

  it('CLI: the same in a YAML List, and a duplicate inside one List names both items\' lines', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- 42',
      '- apiVersion: v1',
      '  kind: ServiceAccount',
      '  metadata:',
      '    name: twin',
      '    namespace: shop',
      '- junk: true',
      '- apiVersion: v1',
      '  kind: ServiceAccount',
      '  metadata:',
      '    name: twin',
      '    namespace: shop',
      '',
    ].join('\n');
    const { code, report } = await scan({ 'list.yaml': yaml });
    expect(code).toBe(0);
    expect(namesInReport(report!)).toEqual(['twin']);
    const sources = (needle: string) => report!.diagnostics.filter((d) => d.message.includes(needle)).map((d) => d.source);
    expect(sources('at items[0]')).toEqual([{ file: 'list.yaml', line: 4 }]);
    expect(sources('at items[2]')).toEqual([{ file: 'list.yaml', line: 10 }]);
    const duplicate = report!.diagnostics.filter((d) => d.message.startsWith('Duplicate'));
    expect(duplicate.map((d) => d.source)).toEqual([{ file: 'list.yaml', line: 11 }]);
    expect(duplicate[0]!.message).toContain('(list.yaml:5)');
  });

  it('CLI: a duplicate object across files is kept once (the later one), with a warning naming both places', async () => {
    const first = valid('twin').replace('kind: ServiceAccount', 'kind: ServiceAccount\nautomountServiceAccountToken: true');
    const { code, report } = await scan({ 'a.yaml': first, 'b/b.yaml': `# comment\n${valid('twin')}` });
    expect(code).toBe(0);
    expect(report!.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', source: { file: 'b/b.yaml', line: 2 }, message: expect.stringMatching(/Duplicate ServiceAccount "shop\/twin".*\(a\.yaml:1\)/) }),
    ]);
  });
});

describe('binary garbage', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 64 }, (_, i) => (i * 37) % 256)]).toString('latin1');
  const noNulInFirst8k = `${'garbage\u0007\u001b\u00ff\ufffd'.repeat(2000)}\u0000`;
  const invalidUtf8 = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]).toString('utf8');

  for (const [name, text] of [
    ['a PNG header', png],
    ['control characters with the NUL byte after the first 8 KiB', noNulInFirst8k],
    ['invalid UTF-8', invalidUtf8],
  ] as const) {
    it(`${name}: a diagnostic with file and line, exit 2 alone, exit 0 beside a valid file`, async () => {
      const loaded = loadText(text, 'bin.yaml');
      expect(loaded.documents).toEqual([]);
      expect(loaded.diagnostics.length).toBeGreaterThan(0);
      for (const d of loaded.diagnostics) expect(d.source).toMatchObject({ file: 'bin.yaml', line: expect.any(Number) });
      const alone = await scan({ 'bin.yaml': text });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toMatch(/kubecis: (error|warning) bin\.yaml:\d+: /);
      expect(alone.stderr).toContain('nothing could be read');
      const beside = await scan({ 'bin.yaml': text, 'ok.yaml': valid('kept') });
      expect(beside.code).toBe(0);
      expect(namesInReport(beside.report!)).toContain('kept');
    });
  }
});

describe('empty input beside other input', () => {
  it('an empty file, a whitespace file and an empty JSON document are warnings; the scan goes on (exit 0)', async () => {
    const { code, report } = await scan({ 'empty.yaml': '', 'blank.json': '  \n\t\n', 'null.json': 'null\n', 'ok.yaml': valid('kept') });
    expect(code).toBe(0);
    expect(namesInReport(report!)).toContain('kept');
    expect(report!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report!.diagnostics.filter((d) => d.message.includes('empty')).map((d) => d.source?.file).sort()).toEqual(['blank.json', 'empty.yaml']);
  });
});

describe('alias bombs', () => {
  const bomb = (levels: number): string => {
    const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= levels; i++) lines.push(`a${String(i)}: &a${String(i)} [${Array(10).fill(`*a${String(i - 1)}`).join(', ')}]`);
    return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
  };

  it('library: a billion-laughs value handed to createSnapshot directly (no parser guard) is kept shared, not expanded, by every rule', () => {
    let value: unknown = ['lol'];
    for (let i = 0; i < 30; i++) value = [value, value, value, value, value, value, value, value, value, value];
    const started = performance.now();
    const { names } = library([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bomb', namespace: 'shop', annotations: {} }, data: { x: 'y' }, binaryData: value },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', args: value }], volumes: value } },
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(names).toEqual(['bomb']);
  });

  it('CLI: 10^12 nodes refused in milliseconds with a clear error at the document\'s line; the next document kept', async () => {
    const text = `${valid('before')}---\n${bomb(12)}---\n${valid('after')}`;
    const started = performance.now();
    const { code, report } = await scan({ 'bomb.yaml': text });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(code).toBe(0);
    expect(namesInReport(report!)).toEqual(expect.arrayContaining(['after', 'before']));
    expectDiagnostic(report!.diagnostics as Diagnostic[], 'bomb.yaml', lineOf(text, 'kind: ConfigMap') - 1, /alias bomb/);
  });
});

describe('deep nesting handed to the library directly', () => {
  it('createSnapshot and every rule cope with 100,000 levels inside an object (no stack overflow)', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
    const { names } = library([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deep', namespace: 'shop' }, data: { a: 'b' }, extra: deep },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'deep-pod', namespace: 'shop', annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', args: ['x'], extra: deep }], affinity: deep } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'deep-role', namespace: 'shop' }, rules: [{ verbs: ['get'], resources: ['pods'], apiGroups: [''], extra: deep }] },
    ]);
    expect(names).toEqual(['deep', 'deep-pod', 'deep-role']);
  });
});

describe('very long strings', () => {
  const long = (c: string, n: number): string => c.repeat(n);

  it('a 20 MB value, a 1 MB key, a 5 MB name: the scan finishes; values and keys are never quoted', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: shop\ndata:\n  value: ${long('z', 20_000_000)}\n  ${long('k', 1_000_000)}: key\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${long('n', 5_000_000)}\n  namespace: shop\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: long-env\n  namespace: shop\nspec:\n  containers:\n  - name: c\n    image: ${long('i', 2_000_000)}\n    env: [{name: A, value: ${long('y', 3_000_000)}}]\n    securityContext: {privileged: "${long('p', 100)}"}\n`;
    const started = performance.now();
    const loaded = loadText(text, 'long.yaml');
    const { names } = library(loaded.documents.map((d) => d.value));
    expect(names).toContain('big');
    const { code, stdout, stderr, report } = await scan({ 'long.yaml': text });
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(code).toBe(0);
    // The name is the object's identity and is shown; values, keys and env values never are.
    expect(namesInReport(report!)).toEqual(expect.arrayContaining(['big', long('n', 5_000_000)]));
    expect(report!.diagnostics).toContainEqual(expect.objectContaining({ source: { file: 'long.yaml', line: lineOf(text, 'kind: Pod') - 1 }, message: expect.stringContaining('securityContext.privileged') }));
    for (const c of ['z', 'k', 'y', 'p']) {
      expect(stdout.includes(long(c, 100)), c).toBe(false);
      expect(stderr.includes(long(c, 100)), c).toBe(false);
    }
  }, 120_000);
});

describe('__proto__ and constructor keys', () => {
  const hostile = (name: string): Record<string, unknown> =>
    JSON.parse(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop', labels: { constructor: 'x', prototype: 'y', toString: 'z' }, annotations: { hasOwnProperty: 'h' } },
        spec: { containers: [{ name: 'c', constructor: { prototype: { polluted: 'yes' } }, securityContext: { privileged: true, constructor: 1 } }] },
        constructor: { prototype: { polluted: 'yes' } },
        PROTO: { polluted: 'yes' },
      }).replaceAll('"PROTO"', '"__proto__"'),
    ) as Record<string, unknown>;

  it('library: objects with them are kept (constructor is a fine key) and nothing is polluted', () => {
    const withProto = hostile('with-proto');
    expect(Object.prototype.hasOwnProperty.call(withProto, '__proto__')).toBe(true);
    const { report, names } = library([withProto, hostile('other'), JSON.parse('{"__proto__": {"polluted": "yes"}, "apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa", "namespace": "shop", "__proto__": {"polluted": "yes"}}}')]);
    expect(names).toEqual(['other', 'sa', 'with-proto']);
    expect(report.controls.flatMap((c) => c.findings).some((f) => f.ruleId === 'pss/no-privileged' && f.resource?.name === 'with-proto')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({}).constructor).toBe(Object);
  });

  it('CLI: YAML and JSON with constructor keys are read as data, with no warning; __proto__ warned about at its line', async () => {
    const yaml = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ctor\n  namespace: shop\n  labels:\n    constructor: x\n    prototype: y\nconstructor:\n  prototype:\n    polluted: yes\n';
    const json = JSON.stringify(hostile('json-proto'), null, 2);
    const { code, report } = await scan({ 'ctor.yaml': yaml, 'proto.json': json });
    expect(code).toBe(0);
    expect(namesInReport(report!)).toEqual(expect.arrayContaining(['ctor', 'json-proto']));
    expect(report!.diagnostics.filter((d) => d.source?.file === 'ctor.yaml')).toEqual([]);
    expect(report!.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', source: { file: 'proto.json', line: lineOf(json, '"__proto__"') }, message: expect.stringContaining('__proto__') })]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('very large inputs', () => {
  it('a file larger than one string can hold is refused before it is read, with a clear error', async () => {
    const root = mkdtempSync(join(dir, 'huge-'));
    const huge = join(root, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, maxInputBytes + 1); // sparse: no disk space, no memory
    writeFileSync(join(root, 'ok.yaml'), valid('kept'));
    const result = await run(['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: root, benchmarks: inventory });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'error', source: { file: 'huge.json', line: 1 }, message: expect.stringMatching(/^The file is \d+ MB, larger than the \d+ MB one input can hold/) })]);
    expect(namesInReport(report)).toContain('kept');
    const alone = await run(['scan', 'huge.json'], { cwd: root });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('huge.json:1');
  });

  it('tens of thousands of documents in one file are all read, each located by line', () => {
    const count = 20_000;
    const text = Array.from({ length: count }, (_, i) => valid(`sa-${String(i)}`)).join('---\n');
    const loaded = loadText(text, 'many.yaml');
    expect(loaded.documents).toHaveLength(count);
    expect(loaded.documents[count - 1]!.line).toBe(lineOf(text, `name: sa-${String(count - 1)}\n`) - 3);
    const { report } = library(loaded.documents.map((d) => d.value));
    expect(report.diagnostics).toEqual([]);
  });
});

describe('exit code 2 only when nothing could be read', () => {
  it('is 2 for a directory of unreadable files, and 0 or 1 as soon as one object is read', async () => {
    const bad = { 'a.yaml': 'key: [unclosed', 'b.json': '{"kind": ', 'c.yaml': '--- 42\n--- "text"\n', 'd.yaml': '\u0000\u0001' };
    const none = await scan(bad);
    expect(none.code).toBe(2);
    for (const file of ['a.yaml', 'b.json', 'c.yaml', 'd.yaml']) expect(none.stderr).toContain(file);
    const some = await scan({ ...bad, 'e.yaml': valid('kept') });
    expect(some.code).toBe(0);
    expect(namesInReport(some.report!)).toContain('kept');
  });

  it('is 2 when every document is read but none is a valid object, each rejection at its file and line', async () => {
    const rejected = {
      'no-kind.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n',
      'wrong-types.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [1, 2]\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: 7\n  namespace: {}\n',
      'junk-list.json': '{"apiVersion": "v1", "kind": "List", "items": [1, "two", {"kind": "Pod"}]}',
    };
    const none = await scan(rejected);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nothing could be read');
    expect(none.stderr).toMatch(/no-kind\.yaml:1\b/);
    expect(none.stderr).toMatch(/wrong-types\.yaml:1\b/);
    expect(none.stderr).toMatch(/wrong-types\.yaml:5\b/);
    expect(none.stderr).toMatch(/junk-list\.json:1\b/);
    const some = await scan({ ...rejected, 'e.yaml': valid('kept') });
    expect(some.code).toBe(0);
    expect(namesInReport(some.report!)).toEqual(['kept']);
  });

  it('is 0 for an empty List with nothing wrong in it: an empty cluster is reported, not refused', async () => {
    const empty = await scan({ 'empty.json': '{"apiVersion": "v1", "kind": "List", "items": []}' });
    expect(empty.code).toBe(0);
    expect(empty.report!.controls.length).toBeGreaterThan(0);
  });
});

describe('the shipped benchmark on all of it at once', () => {
  it('evaluates without an ERROR control', () => {
    const texts = ['key: [unclosed', '--- 42\n--- [1, 2]\n', valid('kept'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: {name: c}\n'];
    const values = texts.flatMap((t, i) => loadText(t, `${String(i)}.yaml`).documents.map((d) => d.value));
    const report = evaluate(createSnapshot(values), benchmarks['cis-1.10'], { now });
    expect(report.controls.filter((c) => c.status === 'ERROR')).toEqual([]);
  });
});
