// The CLI end to end with what issue 6 adds: every report format, kubecis.yaml (settings, rule
// packs, exemptions), live clusters through a kubeconfig (a local fake API server), and
// `kubecis collect` with offline scans of its file.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, fixturesDir, run } from './helpers.js';
import { secretMarker, startFakeApiServer, status, writeKubeconfig, type FakeApiServerOptions } from './collect/fake-apiserver.js';

interface JsonReport {
  benchmark: string;
  summary: Record<string, number>;
  controls: { id: string; status: string; reason: string | null; rules: string[]; findings: { ruleId: string; exempted: boolean; severity: string; resource: { name: string } | null }[] }[];
  diagnostics: { severity: string; message: string; source: { file: string; line: number } | null }[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubecis-cli-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** A directory holding multi.yaml and the given kubecis.yaml. */
function project(config: string | null, extra: Record<string, string> = {}): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'multi.yaml'), fixture('multi.yaml'));
  if (config !== null) writeFileSync(join(dir, 'kubecis.yaml'), config);
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const control = (report: JsonReport, id: string) => report.controls.find((c) => c.id === id)!;

describe('report formats', () => {
  it('prints kube-bench JSON with kube-bench keys and the benchmark version', async () => {
    const result = await run(['scan', 'multi.yaml', '--format', 'kube-bench', '--fail-on', 'never']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { Controls: { id: string; version: string; tests: { section: string; results: { test_number: string; status: string }[] }[] }[]; Totals: Record<string, number> };
    expect(parsed.Controls[0]).toMatchObject({ id: '5', version: 'cis-1.10' });
    const results = parsed.Controls[0]!.tests.flatMap((t) => t.results);
    expect(results.find((r) => r.test_number === '5.2.2')?.status).toBe('FAIL');
    expect(Object.keys(parsed.Totals).sort()).toEqual(['total_fail', 'total_info', 'total_pass', 'total_warn']);
  });

  it('prints SARIF 2.1.0 whose results point at the offending line', async () => {
    const result = await run(['scan', 'multi.yaml', '--format', 'sarif', '--fail-on', 'never']);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const privileged = sarif.runs[0]!.results.find((r) => r.ruleId === 'pss/no-privileged');
    expect(privileged?.locations[0]?.physicalLocation).toEqual({ artifactLocation: expect.objectContaining({ uri: 'multi.yaml' }) as unknown, region: expect.objectContaining({ startLine: 34 }) as unknown });
  });

  it.each([
    ['junit', /^<\?xml[^]*<testsuites[^]*<testcase[^]*<failure/],
    ['kube-bench-junit', /<testsuite [^]*5\.2\.2/],
    ['markdown', /\| *5\.2\.2 *\|[^\n]*FAIL/],
  ])('prints %s', async (format, shape) => {
    const result = await run(['scan', 'multi.yaml', '--format', format, '--fail-on', 'never']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(shape);
  });

  it('writes any format to --output and keeps stdout empty', async () => {
    const dir = tempDir();
    const result = await run(['scan', join(fixturesDir, 'multi.yaml'), '--format', 'sarif', '-o', join(dir, 'out.sarif'), '--fail-on', 'never']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });
});

describe('--parity kube-bench', () => {
  it("gives kube-bench's verdicts in kube-bench's JSON: section 5 never FAILs there", async () => {
    const [ours, theirs] = await Promise.all([
      run(['scan', 'multi.yaml', '--format', 'kube-bench']),
      run(['scan', 'multi.yaml', '--format', 'kube-bench', '--parity', 'kube-bench']),
    ]);
    type Check = { test_number: string; status: string; scored: boolean; type: string };
    const checks = (stdout: string) => (JSON.parse(stdout) as { Controls: { tests: { results: Check[] }[] }[] }).Controls[0]!.tests.flatMap((t) => t.results);
    const privileged = (stdout: string) => checks(stdout).find((c) => c.test_number === '5.2.2');
    expect(ours.code).toBe(1);
    expect(privileged(ours.stdout)).toMatchObject({ status: 'FAIL' });
    expect(theirs.code).toBe(0); // kube-bench's section 5 is unscored: nothing to fail on
    expect(privileged(theirs.stdout)).toMatchObject({ status: 'WARN', scored: false });
    expect(checks(theirs.stdout).find((c) => c.test_number === '5.2.7')).toMatchObject({ status: 'WARN', type: 'manual' });
    expect((JSON.parse(theirs.stdout) as { Totals: { total_fail: number } }).Totals.total_fail).toBe(0);
  });

  it('says that kubecis.yaml exemptions do not apply in parity mode', async () => {
    const dir = project('exemptions:\n  - rules: ["5.*"]\n    reason: everything\n');
    const result = await run(['scan', '.', '--parity', 'kube-bench', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('do not apply'));
    expect(report.controls.flatMap((c) => c.findings).every((f) => f.ruleId.startsWith('kube-bench/'))).toBe(true);
  });
});

describe('kubecis.yaml', () => {
  it('is read from the working directory: disabled rules, severities, exemptions, failOn', async () => {
    const dir = project(`benchmark: cis-1.10
failOn: never
rules:
  disable: [rbac/no-wildcards]
  severity:
    pss/no-privileged: low
exemptions:
  - rules: [network/no-default-namespace]
    reason: the demo lives in default
`);
    const result = await run(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0); // failOn: never
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(control(report, '5.1.3')).toMatchObject({ status: 'INFO', reason: expect.stringContaining('disabled') as unknown, findings: [] });
    expect(control(report, '5.2.2').findings.find((f) => f.ruleId === 'pss/no-privileged' && !f.exempted)?.severity).toBe('low');
    // kubecis.yaml itself is not read as a manifest.
    expect(report.diagnostics.filter((d) => d.source?.file === 'kubecis.yaml')).toEqual([]);
  });

  it('lets the command line win over the file', async () => {
    const dir = project('failOn: never\n');
    const result = await run(['scan', '.', '--format', 'json', '--fail-on', 'fail'], { cwd: dir });
    expect(result.code).toBe(1);
  });

  it('is read from --config, and ignored with --no-config', async () => {
    const dir = project(null, { 'ci/kubecis.yaml': 'failOn: never\n' });
    expect((await run(['scan', 'multi.yaml', '--config', 'ci/kubecis.yaml'], { cwd: dir })).code).toBe(0);
    const withDefault = project('failOn: never\n');
    expect((await run(['scan', 'multi.yaml', '--no-config'], { cwd: withDefault })).code).toBe(1);
  });

  it('stops with exit 2 and the file and line of every mistake', async () => {
    const dir = project('benchmark: cis-1.10\nstrict: "yes"\nrules:\n  disable: pss/*\n');
    const result = await run(['scan', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/kubecis\.yaml:2: .*strict/);
    expect(result.stderr).toMatch(/kubecis\.yaml:4: .*rules\.disable/);
    expect(result.stderr).toContain('nothing was scanned');
  });

  it('checks rule settings against the rules that run: bad options stop the scan, unknown names warn', async () => {
    const bad = project('rules:\n  options:\n    rbac/no-cluster-admin-bindings:\n      allow: yes-please\n');
    const stopped = await run(['scan', '.'], { cwd: bad });
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('kubecis.yaml:4: rules.options.rbac/no-cluster-admin-bindings: allow: expected array, got string');
    const typo = project('failOn: never\nrules:\n  disable: [rbac/no-wildcard]\n  severity:\n    pss/no-privilege: low\n');
    const report = JSON.parse((await run(['scan', '.', '--format', 'json'], { cwd: typo })).stdout) as JsonReport;
    expect(report.diagnostics).toEqual(
      expect.arrayContaining([
        { severity: 'warning', message: 'rules.disable: "rbac/no-wildcard" matches no rule of cis-1.10', source: { file: 'kubecis.yaml', line: 3 } },
        expect.objectContaining({ message: expect.stringContaining('"pss/no-privilege", which is not a rule') as unknown, source: { file: 'kubecis.yaml', line: 5 } }),
      ]),
    );
  });

  it('refuses a --config that does not exist', async () => {
    const result = await run(['scan', 'multi.yaml', '--config', 'nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.yaml');
  });

  it('loads rule packs: rules mapped to CIS controls join them, others become controls of their own', async () => {
    const pack = `import { defineRule, definePack } from '@kubecis/core';
const meta = (title, controls) => ({ title, description: title, rationale: 'r', remediation: 'r', severity: 'medium', type: 'automated', controls, messages: { bad: '{name} is bad' } });
export const teamLabel = defineRule({
  id: 'acme/team-label',
  meta: meta('Every Deployment has a team label', {}),
  *check(snapshot, context) {
    for (const d of snapshot.ofKind('Deployment')) if (!d.metadata.labels?.team) yield context.fail({ messageId: 'bad', data: { name: d.metadata.name }, resource: d, path: 'metadata' });
  },
});
export const stricterPrivileged = defineRule({
  id: 'acme/stricter-privileged',
  meta: meta('Also flag privileged containers', { 'cis-1.10': ['5.2.2'] }),
  *check() {},
});
export const pack = definePack({ name: 'acme', rules: [teamLabel, stricterPrivileged] });
`;
    const dir = project('packs: [./rules/acme.mjs]\n', { 'rules/acme.mjs': pack });
    // The pack imports @kubecis/core as a user's pack would: resolve it from this package.
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}'); // not read as a manifest
    symlinkNodeModules(dir);
    const result = await run(['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(control(report, '5.2.2').rules).toContain('acme/stricter-privileged');
    expect(control(report, 'acme/team-label')).toMatchObject({ status: 'FAIL', rules: ['acme/team-label'] });
  });

  it('stops with exit 2 when a pack cannot be loaded', async () => {
    const dir = project('packs: [./missing.mjs]\n');
    const result = await run(['scan', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/kubecis\.yaml:1: Cannot load the rule pack "\.\/missing\.mjs"/);
  });
});

/** Lets a temporary project import @kubecis/core as an installed package. */
function symlinkNodeModules(dir: string): void {
  const here = new URL('../node_modules', import.meta.url).pathname;
  symlinkSync(here, join(dir, 'node_modules'), 'dir');
}

async function liveCluster(options: FakeApiServerOptions = {}, token?: string): Promise<string> {
  const api = await startFakeApiServer(options);
  cleanups.push(() => api.close());
  const kc = writeKubeconfig(api.url, token === undefined ? {} : { token });
  cleanups.push(kc.cleanup);
  return kc.file;
}

describe('live clusters', () => {
  it('scans the cluster of a kubeconfig, and picks the benchmark from its version with --benchmark auto', async () => {
    const kubeconfig = await liveCluster();
    const result = await run(['scan', '--kubeconfig', kubeconfig, '--benchmark', 'auto', '--format', 'json', '--fail-on', 'never']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.benchmark).toBe('cis-1.11'); // v1.30.4, kube-bench's mapping (1.29-1.31)
    expect(report.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('Kubernetes v1.30.4 is checked against cis-1.11'));
    expect(report.controls.length).toBeGreaterThan(30);
    expect(result.stdout).not.toContain(secretMarker);
  });

  it('uses $KUBECONFIG when no path and no --kubeconfig are given, with a progress line on a terminal', async () => {
    const kubeconfig = await liveCluster();
    const result = await run(['scan', '--format', 'json', '--fail-on', 'never'], { env: { KUBECONFIG: kubeconfig }, stderrTty: true });
    expect(JSON.parse(result.stdout)).toMatchObject({ benchmark: 'cis-1.10' });
    expect(result.stderr).toMatch(/Listing Pod/);
    expect(result.stderr.endsWith('\r\u001b[2K')).toBe(true); // the line is cleared at the end
  });

  it('goes on when a kind is forbidden, and the controls that read it say so', async () => {
    const kubeconfig = await liveCluster({
      intercept: (r) =>
        r.path === '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'
          ? { status: 403, body: status(403, 'Forbidden', 'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "alice" cannot list resource "clusterrolebindings"') }
          : undefined,
    });
    const result = await run(['scan', '--kubeconfig', kubeconfig, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(result.stdout) as JsonReport;
    const clusterAdmin = control(report, '5.1.1');
    expect(clusterAdmin.reason).toMatch(/Incomplete: could not list ClusterRoleBinding\.rbac\.authorization\.k8s\.io \(forbidden/);
    expect(clusterAdmin.status).not.toBe('PASS');
    expect(control(report, '5.2.2').reason ?? '').not.toContain('Incomplete');
  });

  it('exits 2 with one clear line for expired credentials and for an unreachable server', async () => {
    const kubeconfig = await liveCluster({ token: 'good' }, 'expired');
    const expired = await run(['scan', '--kubeconfig', kubeconfig]);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/^kubecis: .*credentials rejected/);
    expect(expired.stderr).not.toContain('expired\n');
    const dir = tempDir();
    const unreachable = writeKubeconfig('http://127.0.0.1:9', {});
    cleanups.push(unreachable.cleanup);
    const refused = await run(['scan', '--kubeconfig', unreachable.file], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^kubecis: .*127\.0\.0\.1:9/);
  });

  it('exits 2 when there is no kubeconfig at all', async () => {
    const result = await run(['scan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kubecis: .*kubeconfig/);
  });

  it('collects a snapshot file readable by its owner only, and scans it offline to the same report', async () => {
    const kubeconfig = await liveCluster();
    const dir = tempDir();
    const collected = await run(['collect', '--kubeconfig', kubeconfig, '-o', join(dir, 'cluster.json')]);
    expect(collected.code).toBe(0);
    expect(collected.stderr).toMatch(/wrote \d+ objects from http:\/\/127\.0\.0\.1:\d+ \(context kind-test, Kubernetes v1\.30\.4\)/);
    expect(statSync(join(dir, 'cluster.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'cluster.json'), 'utf8')).not.toContain(secretMarker);

    const live = JSON.parse((await run(['scan', '--kubeconfig', kubeconfig, '--format', 'json', '--fail-on', 'never', '--benchmark', 'auto'])).stdout) as JsonReport;
    const offline = JSON.parse((await run(['scan', 'cluster.json', '--format', 'json', '--fail-on', 'never', '--benchmark', 'auto'], { cwd: dir })).stdout) as JsonReport;
    expect(offline.benchmark).toBe('cis-1.11'); // the file carries the cluster's version
    const verdicts = (r: JsonReport) => r.controls.map((c) => `${c.id} ${c.status} ${String(c.findings.length)}`);
    expect(verdicts(offline)).toEqual(verdicts(live));
  });

  it('refuses paths together with --kubeconfig', async () => {
    const result = await run(['scan', 'multi.yaml', '--kubeconfig', 'k']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('takes no paths');
  });
});
