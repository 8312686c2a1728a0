import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarks, defaultBenchmarkId } from '../src/index.js';
import {
  findingsOf,
  fixture,
  fixturesDir,
  inventoryRule,
  lineOf,
  privilegedRule,
  run,
  testBenchmark,
  throwingRule,
  wildcardRule,
  type JsonReport,
} from './helpers.js';

const withFindings = testBenchmark([privilegedRule, wildcardRule, inventoryRule]);
const inventoryOnly = testBenchmark([inventoryRule]);

async function scanJson(argv: readonly string[], options: Parameters<typeof run>[1] = {}): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await run(['scan', ...argv, '--format', 'json'], options);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

describe('command line', () => {
  it('prints help and the version with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kubecis scan');
    expect((await run(['scan', '--help'])).code).toBe(0);
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.0.0-test\n' });
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['scan']],
    [['scan', 'multi.yaml', '--bogus']],
    [['scan', 'multi.yaml', '--format', 'xml']],
    [['scan', 'multi.yaml', '--fail-on', 'sometimes']],
    [['scan', 'multi.yaml', '--benchmark', 'cis-9.9']],
    [['scan', 'multi.yaml', '--default-namespace', '']],
  ])('exits 2 on usage errors: %j', async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^kubecis: /);
  });

  it('names the available benchmarks when the one asked for does not exist', async () => {
    const result = await run(['scan', 'multi.yaml', '--benchmark', 'cis-0.1']);
    expect(result.stderr).toContain('cis-1.10');
  });
});

describe('JSON report', () => {
  it('has DESIGN.md shape with every control of the default benchmark', async () => {
    const { code, report } = await scanJson(['multi.yaml']);
    const benchmark = benchmarks[defaultBenchmarkId];
    // The shipped rules decide the verdict; only the shape is pinned here.
    expect([0, 1]).toContain(code);
    expect(report.tool).toEqual({ name: 'kubecis', version: '0.0.0-test' });
    expect(report.benchmark).toBe('cis-1.10');
    expect(Object.keys(report.summary).sort()).toEqual(['error', 'fail', 'info', 'pass', 'warn']);
    expect(report.controls.map((c) => c.id)).toEqual(benchmark.controls.map((c) => c.id));
    expect(report.controls).toHaveLength(35);
    for (const control of report.controls) {
      expect(control).toMatchObject({ id: expect.any(String), title: expect.any(String), type: expect.stringMatching(/^(manual|automated)$/), status: expect.any(String) });
      expect(Array.isArray(control.findings)).toBe(true);
    }
    expect(Array.isArray(report.diagnostics)).toBe(true);
  });

  it('reports each finding with resource, path and the exact line of the field', async () => {
    const text = fixture('multi.yaml');
    const { code, report } = await scanJson(['multi.yaml'], { benchmarks: withFindings });
    expect(code).toBe(1);
    const privileged = report.controls.find((c) => c.id === '5.2.2');
    expect(privileged?.status).toBe('FAIL');
    expect(privileged?.findings).toEqual([
      expect.objectContaining({
        ruleId: 'test/no-privileged',
        status: 'FAIL',
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        path: 'spec.template.spec.containers[1].securityContext.privileged',
        source: { file: 'multi.yaml', line: lineOf(text, 'privileged: true') },
        exempted: false,
        exemption: null,
      }),
    ]);
    const wildcard = report.controls.find((c) => c.id === '5.1.3')?.findings;
    expect(wildcard).toEqual([expect.objectContaining({ path: 'rules[1].verbs[1]', source: { file: 'multi.yaml', line: lineOf(text, '- "*"') } })]);
  });

  it('gives every object of a multi-document YAML file the line of its first key', async () => {
    const text = fixture('multi.yaml');
    const { report } = await scanJson(['multi.yaml'], { benchmarks: withFindings });
    const inventory = report.controls.find((c) => c.id === '5.7.1')?.findings ?? [];
    expect(inventory.map((f) => [f.resource?.kind, f.source])).toEqual([
      ['ClusterRole', { file: 'multi.yaml', line: lineOf(text, 'apiVersion: rbac') }],
      ['Deployment', { file: 'multi.yaml', line: lineOf(text, 'apiVersion: apps/v1') }],
      ['Namespace', { file: 'multi.yaml', line: 2 }],
    ]);
  });

  it('locates the items of a kubectl List in JSON, object and field', async () => {
    const text = fixture('list.json');
    const { report } = await scanJson(['list.json'], { benchmarks: withFindings });
    const [finding] = report.controls.find((c) => c.id === '5.2.2')?.findings ?? [];
    expect(finding?.source).toEqual({ file: 'list.json', line: lineOf(text, '"privileged": true') });
    const inventory = report.controls.find((c) => c.id === '5.7.1')?.findings ?? [];
    const itemLines = text
      .split('\n')
      .map((l, i) => (l === '    {' ? i + 1 : 0))
      .filter((n) => n > 0);
    expect(inventory.map((f) => [f.resource?.name, f.source?.line]).sort()).toEqual([
      ['api', itemLines[1]],
      ['robot', itemLines[0]],
    ]);
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubecis-out-'));
    try {
      const result = await run(['scan', 'multi.yaml', '--format', 'json', '--output', join(dir, 'report.json')], { benchmarks: inventoryOnly });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
      expect(written.controls).toHaveLength(35);
      const relative = await run(['scan', join(fixturesDir, 'multi.yaml'), '-o', 'report.txt'], { cwd: dir });
      expect(relative.stdout).toBe('');
      expect([0, 1]).toContain(relative.code);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('5.1.1');
      const unwritable = await run(['scan', 'multi.yaml', '--output', join(dir, 'missing', 'report.json')]);
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toContain('cannot write');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('exit codes', () => {
  it('is 0 when nothing reaches --fail-on, 1 when a control does', async () => {
    expect((await run(['scan', 'multi.yaml'], { benchmarks: inventoryOnly })).code).toBe(0);
    // Every control without a rule is WARN "not evaluated".
    expect((await run(['scan', 'multi.yaml', '--fail-on', 'warn'], { benchmarks: inventoryOnly })).code).toBe(1);
    expect((await run(['scan', 'multi.yaml'], { benchmarks: withFindings })).code).toBe(1);
    expect((await run(['scan', 'multi.yaml', '--fail-on', 'never'], { benchmarks: withFindings })).code).toBe(0);
  });

  it('counts ERROR controls as failing', async () => {
    const result = await scanJson(['multi.yaml'], { benchmarks: testBenchmark([throwingRule]) });
    expect(result.report.controls.find((c) => c.id === '5.7.2')?.status).toBe('ERROR');
    expect(result.code).toBe(1);
    expect((await run(['scan', 'multi.yaml', '--fail-on', 'never'], { benchmarks: testBenchmark([throwingRule]) })).code).toBe(0);
  });

  it('ignores exempted FAILs unless --strict', async () => {
    const yaml = fixture('multi.yaml').replaceAll('namespace: shop', 'namespace: kube-system').replace('- "*"', '- list');
    const relaxed = await scanJson(['-'], { stdin: yaml, benchmarks: withFindings });
    expect(relaxed.code).toBe(0);
    expect(findingsOf(relaxed.report).find((f) => f.ruleId === 'test/no-privileged')).toMatchObject({ status: 'FAIL', exempted: true });
    expect((await run(['scan', '-', '--strict'], { stdin: yaml, benchmarks: withFindings })).code).toBe(1);
    expect((await run(['scan', '-', '--system-namespaces', 'infra'], { stdin: yaml, benchmarks: withFindings })).code).toBe(1);
  });

  it('puts objects without a namespace into --default-namespace', async () => {
    const yaml = fixture('multi.yaml').replaceAll('  namespace: shop\n', '');
    const { report } = await scanJson(['-', '--default-namespace', 'team-a'], { stdin: yaml, benchmarks: withFindings });
    expect(findingsOf(report).find((f) => f.ruleId === 'test/no-privileged')?.resource?.namespace).toBe('team-a');
  });

  it('is 2 when nothing at all could be read, and not when something could', async () => {
    const missing = await run(['scan', 'no-such-file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const some = await scanJson(['no-such-file.yaml', 'multi.yaml'], { benchmarks: inventoryOnly });
    expect(some.code).toBe(0);
    expect(some.report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', source: { file: 'no-such-file.yaml', line: 1 } }));
  });
});

describe('inputs', () => {
  it('reads stdin for -', async () => {
    const { code, report } = await scanJson(['-'], { stdin: fixture('multi.yaml'), benchmarks: withFindings });
    expect(code).toBe(1);
    expect(findingsOf(report).find((f) => f.ruleId === 'test/no-privileged')?.source).toEqual({
      file: '<stdin>',
      line: lineOf(fixture('multi.yaml'), 'privileged: true'),
    });
  });

  it('reads JSON from stdin', async () => {
    const { report } = await scanJson(['-'], { stdin: fixture('list.json'), benchmarks: withFindings });
    expect(findingsOf(report).filter((f) => f.ruleId === 'test/inventory')).toHaveLength(2);
  });

  describe('directories', () => {
    let root = '';
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'kubecis-tree-'));
      const sa = (name: string): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`;
      mkdirSync(join(root, 'manifests/b/deeper'), { recursive: true });
      mkdirSync(join(root, 'manifests/.git'), { recursive: true });
      mkdirSync(join(root, 'manifests/node_modules/pkg'), { recursive: true });
      mkdirSync(join(root, 'manifests/empty'), { recursive: true });
      writeFileSync(join(root, 'manifests/z.yaml'), sa('z'));
      writeFileSync(join(root, 'manifests/a.yml'), sa('a'));
      writeFileSync(join(root, 'manifests/b/deeper/c.JSON'), JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'c' } }));
      writeFileSync(join(root, 'manifests/b/b.yaml'), sa('b'));
      writeFileSync(join(root, 'manifests/notes.txt'), 'not a manifest');
      writeFileSync(join(root, 'manifests/.hidden.yaml'), sa('hidden-file'));
      writeFileSync(join(root, 'manifests/.git/config.yaml'), sa('in-git'));
      writeFileSync(join(root, 'manifests/node_modules/pkg/x.yaml'), sa('in-node-modules'));
      symlinkSync(join(root, 'manifests'), join(root, 'manifests/b/loop'));
    });
    afterAll(() => { rmSync(root, { recursive: true, force: true }); });

    it('reads .yaml, .yml and .json recursively, sorted, skipping hidden entries and node_modules', async () => {
      const { code, report } = await scanJson(['manifests'], { cwd: root, benchmarks: withFindings });
      expect(code).toBe(0);
      const seen = findingsOf(report)
        .filter((f) => f.ruleId === 'test/inventory')
        .map((f) => f.source?.file);
      expect(new Set(seen)).toEqual(new Set(['manifests/a.yml', 'manifests/b/b.yaml', 'manifests/b/deeper/c.JSON', 'manifests/z.yaml']));
      expect(report.diagnostics).toEqual([]);
    });

    it('reads a file named twice once', async () => {
      const { report } = await scanJson(['manifests/z.yaml', 'manifests', './manifests/z.yaml'], { cwd: root, benchmarks: withFindings });
      expect(report.diagnostics).toEqual([]);
    });

    it('exits 2 for a directory with no manifests', async () => {
      const result = await run(['scan', 'manifests/empty'], { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('No .yaml, .yml or .json files');
    });
  });

  it('keeps the other documents of a file when one has a syntax error, with its line', async () => {
    const text = fixture('broken.yaml');
    const { code, report } = await scanJson(['broken.yaml'], { benchmarks: withFindings });
    expect(code).toBe(0);
    const names = findingsOf(report)
      .filter((f) => f.ruleId === 'test/inventory')
      .map((f) => f.resource?.name);
    expect(names.sort()).toEqual(['first', 'third']);
    expect(report.diagnostics).toEqual([
      { severity: 'error', source: { file: 'broken.yaml', line: lineOf(text, 'namespace: bad-indent') }, message: expect.stringMatching(/^YAML syntax error in document 2: .+; the document was skipped$/) },
    ]);
  });

  it('reports scalar and list documents and keeps the objects around them', async () => {
    const text = fixture('scalar.yaml');
    const { report } = await scanJson(['scalar.yaml'], { benchmarks: withFindings });
    const names = findingsOf(report)
      .filter((f) => f.ruleId === 'test/inventory')
      .map((f) => f.resource?.name);
    expect(names.sort()).toEqual(['after', 'before']);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', source: { file: 'scalar.yaml', line: lineOf(text, 'just a string') } }));
    // A list document goes to the snapshot, which reports its items.
    expect(report.diagnostics.filter((d) => d.source?.line === lineOf(text, '- 1'))).not.toHaveLength(0);
  });

  it('treats empty input as nothing read (exit 2)', async () => {
    const file = await run(['scan', 'empty.yaml']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('empty');
    expect((await run(['scan', '-'], { stdin: '' })).code).toBe(2);
    expect((await run(['scan', '-'], { stdin: '\n# only a comment\n---\n' })).code).toBe(2);
  });

  it('reads an empty kubectl List (an object) without complaint', async () => {
    const { code, report } = await scanJson(['-'], { stdin: '{"apiVersion": "v1", "kind": "List", "items": []}', benchmarks: inventoryOnly });
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([]);
  });

  it('drops __proto__ keys with a warning and never pollutes prototypes', async () => {
    const text = fixture('proto.yaml');
    const { report } = await scanJson(['proto.yaml'], { benchmarks: withFindings });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(
      findingsOf(report)
        .filter((f) => f.ruleId === 'test/inventory')
        .map((f) => f.resource?.name)
        .sort(),
    ).toEqual(['plain', 'sneaky']);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', source: { file: 'proto.yaml', line: lineOf(text, '__proto__') }, message: expect.stringContaining('metadata.__proto__') }),
    ]);
    const json = await scanJson(['-'], { stdin: '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"j","\\u005f_proto__":{"polluted":1}}}' });
    expect(json.report.diagnostics).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses an alias bomb fast with a clear diagnostic, keeping the other documents', async () => {
    const started = performance.now();
    const { report } = await scanJson(['bomb.yaml'], { benchmarks: withFindings });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(
      findingsOf(report)
        .filter((f) => f.ruleId === 'test/inventory')
        .map((f) => f.resource?.name),
    ).toEqual(['survivor']);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', source: { file: 'bomb.yaml', line: lineOf(fixture('bomb.yaml'), 'apiVersion', 2) }, message: expect.stringContaining('alias bomb') }),
    ]);
  });

  it('refuses self-referencing aliases', async () => {
    const result = await run(['scan', '-', '--format', 'json'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: &d\n  self: *d\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refers to itself');
  });

  it('refuses deep nesting with a diagnostic', async () => {
    const deepYaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(2000)}${']'.repeat(2000)}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ok\n`;
    const yaml = await scanJson(['-'], { stdin: deepYaml, benchmarks: withFindings });
    expect(yaml.report.diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('nesting exceeded') })]);
    expect(findingsOf(yaml.report).filter((f) => f.ruleId === 'test/inventory')).toHaveLength(1);
    const deepJson = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const json = await run(['scan', '-'], { stdin: deepJson });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('nests deeper than');
  });

  it('reports binary garbage without crashing', async () => {
    const result = await run(['scan', '-'], { stdin: '\u0000\u0001\u0002garbage\u0000' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NUL bytes');
  });

  it('keeps the last value of a repeated key, as kubectl does, with a warning', async () => {
    const yaml = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: first\n  name: second\n';
    const { report } = await scanJson(['-'], { stdin: yaml, benchmarks: withFindings });
    expect(findingsOf(report).find((f) => f.ruleId === 'test/inventory')?.resource?.name).toBe('second');
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', source: { file: '<stdin>', line: 5 } })]);
  });
});

describe('secrets', () => {
  it('never quotes document content in diagnostics or the report', async () => {
    const json = await run(['scan', 'secret.yaml', '--format', 'json', '--verbose']);
    const text = await run(['scan', 'secret.yaml', '--verbose']);
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) {
      expect(output).not.toContain('SENTINEL');
      expect(output).not.toContain('hunter2');
    }
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', source: expect.objectContaining({ file: 'secret.yaml' }) }));
  });

  it('does not echo invalid JSON', async () => {
    const result = await run(['scan', '-', '--format', 'json'], { stdin: '{"kind": "Secret", "data": {"password": "SENTINEL-x" oops}}' });
    expect(result.stderr + result.stdout).not.toContain('SENTINEL');
  });
});

describe('text output', () => {
  it('uses colour only on a TTY without NO_COLOR', async () => {
    const ansi = '\u001b[';
    expect((await run(['scan', 'multi.yaml'], { tty: true })).stdout).toContain(ansi);
    expect((await run(['scan', 'multi.yaml'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ansi);
    expect((await run(['scan', 'multi.yaml'], { tty: false })).stdout).not.toContain(ansi);
  });

  it('lists findings with their source, and --verbose prints timings to stderr', async () => {
    const result = await run(['scan', 'multi.yaml', '--verbose'], { benchmarks: withFindings });
    expect(result.stdout).toContain(`multi.yaml:${String(lineOf(fixture('multi.yaml'), 'privileged: true'))}`);
    expect(result.stderr).toMatch(/1 files, 3 documents, 3 objects/);
  });
});
