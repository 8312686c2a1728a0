// Secrets never leak (issue 8): sentinel values planted in Secret data and stringData, in the
// last-applied-configuration annotation, and in env var literal values must appear in no
// finding, no diagnostic and no output format, from the library's formatters and from the CLI
// (stdout and stderr), verbose or not, strict or not. Malformed Secrets whose broken field sits
// next to a value must give a diagnostic that names the place, never the value.

import { describe, expect, it } from 'vitest';
import {
  createSnapshot,
  evaluate,
  formatJson,
  formatJunit,
  formatKubeBench,
  formatKubeBenchJunit,
  formatMarkdown,
  formatSarif,
  formatText,
  type Report,
} from '@kubecis/core';
import { benchmarks } from 'kubecis';
import { stringify as yamlStringify } from 'yaml';
import { loadText } from '../packages/kubecis/src/cli/load.js';
import { run } from '../packages/kubecis/test/helpers.js';

/** Every planted value; each must be absent from every output, in every encoding a tool might use. */
const sentinels = {
  data: 'SENTINEL-data-4f1c9a',
  stringData: 'SENTINEL-stringdata-77b2e0',
  lastApplied: 'SENTINEL-lastapplied-0d3e51',
  env: 'SENTINEL-env-literal-a8c442',
  initEnv: 'SENTINEL-init-env-51ee02',
  ephemeralEnv: 'SENTINEL-ephemeral-env-9c0d17',
  cronEnv: 'SENTINEL-cron-env-3b6f88',
  podEnv: 'SENTINEL-pod-env-e4d519',
  malformed: 'SENTINEL-malformed-2a7c60',
} as const;

const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
/** The sentinels and the forms they could leak in: base64 (Secret data is base64), JSON-escaped, upper-cased. */
const forbidden: string[] = Object.values(sentinels).flatMap((s) => [s, base64(s), JSON.stringify(s).slice(1, -1), s.toUpperCase(), s.slice('SENTINEL-'.length)]);

function expectNoLeak(label: string, output: string): void {
  for (const value of forbidden) {
    if (output.includes(value)) throw new Error(`${label} leaks ${value}`);
  }
}

const lastApplied = (object: unknown): string => JSON.stringify(object);

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db-credentials',
    namespace: 'shop',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': lastApplied({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials' }, stringData: { password: sentinels.lastApplied } }),
    },
  },
  type: 'Opaque',
  data: { password: base64(sentinels.data), [sentinels.data]: base64('x') },
  stringData: { token: sentinels.stringData },
};

const container = (name: string, value: string): Record<string, unknown> => ({
  name,
  image: 'registry.example.com/shop/api:1.0',
  env: [
    { name: 'DB_PASSWORD', value },
    { name: 'API_TOKEN', value },
    { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
  ],
  securityContext: { privileged: true, runAsUser: 0, allowPrivilegeEscalation: true },
});

const deploymentSpec = {
  replicas: 1,
  selector: { matchLabels: { app: 'api' } },
  template: {
    metadata: { labels: { app: 'api' } },
    spec: {
      hostNetwork: true,
      initContainers: [container('init', sentinels.initEnv)],
      containers: [container('api', sentinels.env)],
      ephemeralContainers: [container('debug', sentinels.ephemeralEnv)],
    },
  },
};

const objects: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  secret,
  { ...secret, metadata: { ...secret.metadata, name: 'in-system', namespace: 'kube-system' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'api',
      namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied({ kind: 'Deployment', spec: { template: { spec: { containers: [{ env: [{ name: 'P', value: sentinels.lastApplied }] }] } } } }) },
    },
    spec: deploymentSpec,
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'standalone', namespace: 'default' }, spec: { containers: [container('c', sentinels.podEnv)] } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { containers: [container('job', sentinels.cronEnv)] } } } } } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'reads-secrets', namespace: 'shop' },
    rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-credentials'], verbs: ['get', 'list', 'watch'] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'reads-secrets', namespace: 'shop' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'shop' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reads-secrets' },
  },
];

/** Malformed Secrets: the broken field sits right next to a value. */
const malformed: unknown[] = [
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bad-data' }, data: [sentinels.malformed] },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bad-entry' }, data: { password: { nested: sentinels.malformed } } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 7 }, data: { password: base64(sentinels.malformed) }, stringData: { p: sentinels.malformed } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: sentinels.malformed.slice(0, 0) || 'typed', labels: { broken: 5 } }, stringData: { p: sentinels.malformed } },
  { kind: 'Secret', metadata: { name: 'no-api-version' }, stringData: { p: sentinels.malformed } },
  { apiVersion: 'v1', kind: 'Secret', stringData: { p: sentinels.malformed } },
  { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'in-list', annotations: { a: 1 } }, stringData: { p: sentinels.malformed } }, sentinels.malformed] },
];

function reportsOf(strict: boolean): Report {
  const snapshot = createSnapshot([...objects, ...malformed]);
  return evaluate(snapshot, benchmarks['cis-1.10'], { strict, now: new Date('2026-01-15T00:00:00Z') });
}

describe('planted secrets', () => {
  it('are flagged by the rules (so the test would see them if they leaked)', () => {
    const report = reportsOf(false);
    const ruleIds = new Set(report.controls.flatMap((c) => c.findings.filter((f) => f.status === 'FAIL').map((f) => f.ruleId)));
    for (const id of ['network/no-secrets-in-env', 'pss/no-privileged', 'rbac/no-secret-read']) expect(ruleIds).toContain(id);
    const envFindings = report.controls.flatMap((c) => c.findings).filter((f) => f.ruleId === 'network/no-secrets-in-env');
    expect(envFindings.length).toBeGreaterThan(0);
    // The malformed Secrets are reported, by name or position.
    expect(report.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThanOrEqual(6);
  });

  it('never reach the snapshot: Secrets lose data, stringData and last-applied; no finding carries a value', () => {
    const snapshot = createSnapshot([...objects, ...malformed]);
    const secrets = snapshot.ofKind('Secret');
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    expectNoLeak('Secrets in the snapshot', JSON.stringify(secrets));
    for (const strict of [false, true]) {
      const report = reportsOf(strict);
      expectNoLeak(`findings (strict ${String(strict)})`, JSON.stringify(report.controls));
      expectNoLeak(`diagnostics (strict ${String(strict)})`, JSON.stringify(report.diagnostics));
    }
  });

  describe('every core formatter', () => {
    const benchmark = benchmarks['cis-1.10'];
    for (const strict of [false, true]) {
      const report = reportsOf(strict);
      const outputs: Record<string, string> = {
        text: formatText(report),
        'text --verbose': formatText(report, { verbose: true, color: true }),
        json: formatJson(report),
        'kube-bench': formatKubeBench(report, { benchmark }),
        'kube-bench-junit': formatKubeBenchJunit(report, { benchmark }),
        sarif: formatSarif(report, { benchmark }),
        junit: formatJunit(report, { benchmark }),
        markdown: formatMarkdown(report, { benchmark }),
      };
      for (const [format, output] of Object.entries(outputs)) {
        it(`${format}${strict ? ' (strict)' : ''}`, () => {
          expect(output.length).toBeGreaterThan(100);
          expectNoLeak(format, output);
        });
      }
    }
  });
});

describe('the CLI', () => {
  const yaml = [...objects, ...malformed].map((o) => yamlStringify(o)).join('---\n');
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...objects, ...malformed] }, null, 2);
  const formats = ['text', 'json', 'kube-bench', 'kube-bench-junit', 'sarif', 'junit', 'markdown'] as const;

  for (const format of formats) {
    it(`--format ${format}: no value in stdout or stderr (YAML and JSON input, verbose and strict)`, async () => {
      for (const [stdin, extra] of [
        [yaml, []],
        [json, ['--verbose']],
        [yaml, ['--strict', '--verbose']],
      ] as const) {
        const result = await run(['scan', '-', '--format', format, '--fail-on', 'never', ...extra], { stdin });
        expect(result.stderr).not.toContain('unknown format');
        expect(result.code).toBe(0);
        expect(result.stdout.length).toBeGreaterThan(100);
        expectNoLeak(`${format} stdout`, result.stdout);
        expectNoLeak(`${format} stderr`, result.stderr);
      }
    });
  }

  it('--parity kube-bench: no value either (or the mode is not in this build)', async () => {
    const result = await run(['scan', '-', '--parity', 'kube-bench', '--format', 'json', '--fail-on', 'never'], { stdin: yaml });
    if (!result.stderr.includes('not available')) {
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(100);
    }
    expectNoLeak('parity stdout', result.stdout);
    expectNoLeak('parity stderr', result.stderr);
  });
});

describe('diagnostics of malformed input next to secret values', () => {
  const cases: Record<string, string> = {
    'a YAML syntax error on the value line': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: "${sentinels.malformed}\n  other: ${sentinels.malformed}: x\n`,
    'a duplicated key next to a value': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${sentinels.malformed}\n  password: ${sentinels.malformed}-2\n`,
    'a tab in the indentation of a value': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n\tpassword: ${sentinels.malformed}\n`,
    'a bad alias': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: *${sentinels.malformed}\n`,
    'an unknown tag': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: !<tag:${sentinels.malformed}> x\n`,
    'a value of the wrong type next to a value': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  labels:\n    key: [${sentinels.malformed}]\nstringData:\n  password: ${sentinels.malformed}\n`,
    'a metadata of the wrong type': `apiVersion: v1\nkind: Secret\nmetadata: ${sentinels.malformed}\nstringData:\n  password: ${sentinels.malformed}\n`,
    'a scalar document': `${sentinels.malformed}\n`,
    'invalid JSON': `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"p": "${sentinels.malformed}" oops}}`,
    'JSON with a bad escape': `{"kind": "Secret", "stringData": {"p": "${sentinels.malformed}\\q"}}`,
    'a __proto__ key in data': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  __proto__: ${sentinels.malformed}\n`,
    'NUL bytes': `apiVersion: v1\nkind: Secret\nstringData:\n  p: ${sentinels.malformed}\u0000\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: a diagnostic with file and line, no value (loader and CLI)`, async () => {
      const loaded = loadText(text, 'secret.yaml');
      expectNoLeak('loader diagnostics', JSON.stringify(loaded.diagnostics));
      const snapshot = createSnapshot(
        loaded.documents.map((d) => d.value),
        { sources: loaded.documents.map((d) => ({ file: 'secret.yaml', line: d.line })) },
      );
      expectNoLeak('snapshot diagnostics', JSON.stringify(snapshot.diagnostics));
      const diagnostics = [...loaded.diagnostics, ...snapshot.diagnostics];
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.source).toMatchObject({ file: 'secret.yaml', line: expect.any(Number) });
      for (const format of ['text', 'json'] as const) {
        const result = await run(['scan', '-', '--format', format, '--fail-on', 'never', '--verbose'], { stdin: text });
        expectNoLeak(`CLI ${format} stdout`, result.stdout);
        expectNoLeak(`CLI ${format} stderr`, result.stderr);
        expect(result.stdout + result.stderr).toContain('<stdin>');
      }
    });
  }
});
