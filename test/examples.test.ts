// Runs the three examples in examples/ the way their READMEs use them: the organisation pack's
// own test suites, the pipeline gate in-process, and the vCluster walkthrough on its recorded
// snapshots and through a kubeconfig (against a local API server that serves the recorded state).
// KUBECIS_UPDATE_EXAMPLES=1 rewrites the committed outputs (the pipeline's baseline, the vCluster
// reports) instead of checking them, after a rule change that is meant to change them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findingFingerprint, type Finding } from '@kubecis/core';
import { testAcmePack } from '../examples/org-pack/test/index.js';
import { runPipeline } from '../examples/pipeline/src/pipeline.js';
import { assessCluster, assessCollection, compareReports, controlsById, kubeBenchReport, textReport } from '../examples/vcluster/src/walkthrough.js';
import { discoveryFixture, startFakeApiServer, writeKubeconfig } from '../packages/kubecis/test/collect/fake-apiserver.js';
import { run } from '../packages/kubecis/test/helpers.js';

const update = process.env['KUBECIS_UPDATE_EXAMPLES'] === '1';
const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const pipelineDir = join(examples, 'pipeline');
const vclusterDir = join(examples, 'vcluster');
const read = (path: string): string => readFileSync(path, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'kubecis-examples-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** The version the committed outputs show: the released kubecis's, not the test build's. */
const releasedVersion = (JSON.parse(read(fileURLToPath(new URL('../packages/kubecis/package.json', import.meta.url)))) as { version: string }).version;
const tool = { name: 'kubecis', version: releasedVersion };

function current(path: string, expected: string, regenerate: string): void {
  if (update) {
    writeFileSync(path, expected);
    return;
  }
  expect(read(path), `${path} is out of date: ${regenerate}`).toBe(expected);
}

const describeFinding = (f: Finding): string => `${f.ruleId} ${f.resource?.kind ?? ''} ${f.resource?.namespace ?? ''}/${f.resource?.name ?? ''} ${f.path ?? ''}`;

describe('examples/org-pack: the pack\'s own tests', () => {
  testAcmePack();
});

describe('examples/pipeline: the CI gate', () => {
  const now = '2026-11-27';
  const pr = { manifests: ['rendered'], baseline: 'baseline.json', now, root: pipelineDir };

  it('has a baseline that is the report of the main branch (rendered/ without the pull request\'s checkout.yaml)', () => {
    const reportFile = join(scratch, 'main.json');
    const main = runPipeline({ manifests: ['rendered/shop.yaml'], report: reportFile, now, root: pipelineDir });
    // With no baseline every FAIL is new; on main, `--update-baseline` saves them and passes.
    expect(main.knownFailures).toHaveLength(0);
    const saved = read(reportFile).replace(/"version": "[^"]*"/, `"version": "${releasedVersion}"`);
    if (update) writeFileSync(join(pipelineDir, 'baseline.json'), saved);
    const fingerprints = (text: string): string[] =>
      (JSON.parse(text) as { controls: { findings: Finding[] }[] }).controls
        .flatMap((c) => c.findings)
        .filter((f) => f.status === 'FAIL' && !f.exempted)
        .map(findingFingerprint)
        .sort();
    expect(fingerprints(read(join(pipelineDir, 'baseline.json'))), 'examples/pipeline/baseline.json is out of date: KUBECIS_UPDATE_EXAMPLES=1 npx vitest run --project repo test/examples.test.ts').toEqual(fingerprints(saved));
    expect(main.newFailures.map(findingFingerprint).sort()).toEqual(fingerprints(saved).filter((fp, i, all) => all.indexOf(fp) === i));
  });

  it('fails the pull request on the new FAILs only: those of checkout.yaml', () => {
    const result = runPipeline({ ...pr, sarif: join(scratch, 'pr.sarif') });
    expect(result.exitCode).toBe(1);
    expect(result.newFailures.length).toBeGreaterThan(0);
    for (const f of result.newFailures) expect(f.source?.file, describeFinding(f)).toBe('rendered/checkout.yaml');
    const found = result.newFailures.map((f) => `${f.ruleId} ${f.resource?.kind ?? ''}/${f.resource?.name ?? ''} ${f.path ?? ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'acme/require-approved-registry Deployment/checkout spec.template.spec.containers[0].image',
        'acme/require-team-label Deployment/checkout metadata.labels',
        'acme/no-public-load-balancer Service/checkout spec.type',
        'pss/no-privileged Deployment/checkout spec.template.spec.containers[0].securityContext.privileged',
      ]),
    );
    // The cart's accepted findings are in the baseline: known, not new.
    expect(result.knownFailures.length).toBeGreaterThan(0);
    for (const f of result.knownFailures) expect(f.resource?.name, describeFinding(f)).not.toBe('checkout');
    expect(result.summary).toContain(`${String(result.newFailures.length)} new`);
    expect(result.summary).toContain('Gate failed.');
  });

  it('points each finding at the line of its field', () => {
    const result = runPipeline(pr);
    const image = result.newFailures.find((f) => f.ruleId === 'acme/require-approved-registry');
    const lines = read(join(pipelineDir, 'rendered', 'checkout.yaml')).split('\n');
    expect(image?.source?.line).toBeDefined();
    expect(lines[image!.source!.line - 1]).toContain('image: node:22-alpine');
  });

  it('writes SARIF 2.1.0 whose results say which are new', () => {
    const file = join(scratch, 'gate.sarif');
    const result = runPipeline({ ...pr, sarif: file });
    const sarif = JSON.parse(read(file)) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; baselineState: string; locations?: unknown[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run!.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['acme/require-approved-registry', 'rbac/no-wildcards']));
    const errors = run!.results.filter((r) => r.level === 'error');
    expect(errors.filter((r) => r.baselineState === 'new')).toHaveLength(result.newFailures.length);
    expect(errors.filter((r) => r.baselineState === 'unchanged')).toHaveLength(result.knownFailures.length);
    expect(errors.every((r) => r.locations !== undefined)).toBe(true);
  });

  it('passes once the baseline has them, and fails on broken input', () => {
    const next = join(scratch, 'next-baseline.json');
    expect(runPipeline({ manifests: ['rendered'], report: next, now, root: pipelineDir }).exitCode).toBe(1);
    const again = runPipeline({ manifests: ['rendered'], baseline: next, now, root: pipelineDir });
    expect(again.newFailures).toEqual([]);
    expect(again.exitCode).toBe(0);
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
    expect(runPipeline({ manifests: [broken], now, root: pipelineDir }).exitCode).toBe(2);
  });
});

describe('examples/vcluster: the CIS self-assessment of a virtual cluster', () => {
  const snapshot = (name: string): string => read(join(vclusterDir, 'snapshots', `${name}.json`));
  const now = '2026-11-27';
  const before = assessCollection(snapshot('before'), { now, tool });
  const after = assessCollection(snapshot('after'), { now, tool });

  it('reads the recorded snapshots of a fresh virtual cluster with team-a\'s workloads', () => {
    expect(before.metadata?.kubernetesVersion).toBe('v1.30.2');
    expect(before.metadata?.context).toMatch(/^vcluster_team-a_/);
    // kube-bench's choice for Kubernetes 1.30, as `kubecis scan --benchmark auto` makes it.
    expect(before.benchmark.id).toBe('cis-1.11');
    expect(before.report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    // Kubernetes' own objects (bootstrap RBAC, kube-system) are exempted, not hidden.
    const exempted = before.report.controls.flatMap((c) => c.findings).filter((f) => f.exempted);
    expect(exempted.some((f) => f.resource?.name === 'cluster-admin' && f.exemption?.id === 'default:bootstrap-rbac')).toBe(true);
  });

  it('before hardening, 5.1.5 and 5.1.6 fail on the default service accounts and the tokens nothing uses', () => {
    const [c515, c516] = controlsById(before.report);
    const failing = (findings: readonly Finding[]): string[] => findings.filter((f) => f.status === 'FAIL' && !f.exempted).map((f) => `${f.resource?.kind ?? ''} ${f.resource?.namespace ?? ''}/${f.resource?.name ?? ''}`).sort();
    expect(c515?.status).toBe('FAIL');
    expect(failing(c515!.findings)).toEqual(['Deployment team-a/web', 'ServiceAccount default/default', 'ServiceAccount team-a/default']);
    expect(c516?.status).toBe('FAIL');
    expect(failing(c516!.findings)).toEqual(['CronJob team-a/report', 'Deployment team-a/web']);
  });

  it('after hardening, both pass, and nothing else changed', () => {
    expect(controlsById(after.report).map((c) => c.status)).toEqual(['PASS', 'PASS']);
    const changed = compareReports(before.report, after.report).split('\n').filter((l) => /^\| \d/.test(l));
    expect(changed.map((l) => l.split(' | ')[0])).toEqual(['| 5.1.5', '| 5.1.6']);
  });

  it('gives the same verdicts in kube-bench\'s JSON', () => {
    const state = (text: string, id: string): string | undefined => {
      const overall = JSON.parse(text) as { Controls: { detected_version?: string; tests: { results: { test_number: string; status: string }[] }[] }[] };
      expect(overall.Controls[0]?.detected_version).toBe('1.30');
      return overall.Controls.flatMap((c) => c.tests).flatMap((t) => t.results).find((r) => r.test_number === id)?.status;
    };
    expect([state(kubeBenchReport(before), '5.1.5'), state(kubeBenchReport(after), '5.1.5')]).toEqual(['FAIL', 'PASS']);
    expect([state(kubeBenchReport(before), '5.1.6'), state(kubeBenchReport(after), '5.1.6')]).toEqual(['FAIL', 'PASS']);
  });

  it('is what `kubecis scan snapshots/before.json --benchmark auto --format kube-bench` prints', async () => {
    const cli = await run(['scan', 'snapshots/before.json', '--benchmark', 'auto', '--format', 'kube-bench', '--fail-on', 'never'], { cwd: vclusterDir, now: new Date(`${now}T12:00:00Z`) });
    expect(cli.code).toBe(0);
    const verdicts = (text: string) =>
      (JSON.parse(text) as { Controls: { tests: { results: { test_number: string; status: string }[] }[] }[] }).Controls.flatMap((c) => c.tests)
        .flatMap((t) => t.results)
        .map((r) => `${r.test_number} ${r.status}`);
    expect(verdicts(cli.stdout)).toEqual(verdicts(kubeBenchReport(before)));
  });

  it('has current reports in reports/', () => {
    const regenerate = 'KUBECIS_UPDATE_EXAMPLES=1 npx vitest run --project repo test/examples.test.ts';
    for (const [name, assessment] of [['before', before], ['after', after]] as const) {
      current(join(vclusterDir, 'reports', `${name}.txt`), textReport(assessment), regenerate);
      current(join(vclusterDir, 'reports', `${name}.kube-bench.json`), kubeBenchReport(assessment), regenerate);
    }
    current(join(vclusterDir, 'reports', 'comparison.md'), compareReports(before.report, after.report), regenerate);
  });

  it('assesses the virtual cluster through its kubeconfig, as the recorded snapshot does', async () => {
    // A local API server serves the recorded state of the virtual cluster, with the discovery of a
    // Kubernetes 1.30 API server that runs no CRDs, as a fresh vCluster does.
    const recorded = JSON.parse(snapshot('before')) as { items: { apiVersion: string; kind: string; metadata: { namespace?: string } }[]; kubecis: { kinds: { kind: string; apiVersion: string; resource: string }[] } };
    const objects: Record<string, Record<string, unknown>[]> = {};
    for (const item of recorded.items) {
      const spec = recorded.kubecis.kinds.find((k) => k.kind === item.kind && k.apiVersion === item.apiVersion);
      if (spec === undefined) throw new Error(`no collected kind for ${item.kind}`);
      (objects[`${spec.apiVersion}|${spec.resource}`] ??= []).push(item);
    }
    const builtIn = (group: string): boolean => !group.includes('.') || group.endsWith('.k8s.io');
    const discovery = Object.fromEntries(Object.entries(discoveryFixture()).filter(([path]) => builtIn(/^\/apis\/([^/]+)\//.exec(path)?.[1] ?? '')));
    const apis = discovery['/apis'] as { groups: { name: string }[] };
    discovery['/apis'] = { ...apis, groups: apis.groups.filter((g) => builtIn(g.name)) };
    discovery['/version'] = { ...discovery['/version'], gitVersion: 'v1.30.2' };
    const api = await startFakeApiServer({ discovery, objects });
    const kubeconfig = writeKubeconfig(api.url);
    try {
      const live = await assessCluster({ kubeconfig: kubeconfig.file, env: {}, homedir: '/nonexistent', now, tool });
      expect(api.requests.every((r) => r.method === 'GET')).toBe(true);
      expect(api.secretDataServed()).toBe(false);
      expect((JSON.parse(live.collection) as { items: unknown[] }).items).toEqual(recorded.items);
      expect(live.report.controls).toEqual(before.report.controls);
    } finally {
      kubeconfig.cleanup();
      await api.close();
    }
  });
});
