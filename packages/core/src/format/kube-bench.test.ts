import { describe, expect, it } from 'vitest';
import type { ControlResult, Finding, Report } from '../report/types.js';
import { benchmark, fixtureReport, fixtureRules, secretMarker, secretMarkerBase64 } from '../../test/format-fixture.js';
import {
  formatKubeBench,
  formatKubeBenchJunit,
  kubeBenchFindingLine,
  toKubeBench,
  type KubeBenchCheck,
  type KubeBenchControls,
} from './kube-bench.js';
import { child, childrenNamed, parseXml } from '../../test/xml.js';

// The key order kube-bench's Go structs give `json.Marshal` (reference §4.2, check/controls.go, check/check.go).
const controlsKeys = ['id', 'version', 'text', 'node_type', 'tests', 'total_pass', 'total_fail', 'total_warn', 'total_info'];
const groupKeys = ['section', 'type', 'pass', 'fail', 'warn', 'info', 'desc', 'results'];
const checkKeys = [
  'test_number',
  'test_desc',
  'audit',
  'AuditEnv',
  'AuditConfig',
  'type',
  'remediation',
  'test_info',
  'status',
  'actual_value',
  'scored',
  'IsMultiple',
  'expected_result',
];
const totalsKeys = ['total_pass', 'total_fail', 'total_warn', 'total_info'];

const report = fixtureReport();
const overall = toKubeBench(report, { benchmark });
const controls = overall.Controls[0]!;
const checks = (controls.tests ?? []).flatMap((g) => g.results);
const check = (id: string): KubeBenchCheck => checks.find((c) => c.test_number === id)!;

describe('formatKubeBench: structure', () => {
  it('prints { Controls, Totals } with one policies Controls object, key for key', () => {
    expect(Object.keys(overall)).toEqual(['Controls', 'Totals']);
    expect(overall.Controls).toHaveLength(1);
    expect(Object.keys(controls)).toEqual(controlsKeys);
    expect(controls).toMatchObject({ id: '5', version: 'cis-1.10', text: 'Kubernetes Policies', node_type: 'policies' });
    expect(Object.keys(overall.Totals)).toEqual(totalsKeys);
  });

  it('gives every group and check exactly kube-bench keys, reason last and only when set', () => {
    for (const group of controls.tests!) {
      expect(Object.keys(group)).toEqual(groupKeys);
      expect(group.type).toBe('');
      for (const c of group.results) {
        const keys = Object.keys(c);
        expect(keys).toEqual(c.reason === undefined ? checkKeys : [...checkKeys, 'reason']);
        expect(c.AuditEnv).toBe('');
        expect(c.AuditConfig).toBe('');
        expect(c.test_info).toEqual([c.remediation]);
        expect(['PASS', 'FAIL', 'WARN', 'INFO']).toContain(c.status);
      }
    }
  });

  it('groups checks by section with the benchmark titles, in report order', () => {
    expect(controls.tests!.map((g) => [g.section, g.desc, g.results.map((c) => c.test_number)])).toEqual([
      ['5.1', 'RBAC and Service Accounts', ['5.1.1', '5.1.3']],
      ['5.2', 'Pod Security Standards', ['5.2.2', '5.2.4']],
      ['5.4', 'Secrets Management', ['5.4.1', '5.4.2']],
      ['5.7', 'General Policies', ['5.7.1', '5.7.4']],
    ]);
  });

  it('falls back to the CIS section-5 titles, and takes titles from the sections option', () => {
    const plain = toKubeBench(report);
    expect(plain.Controls[0]!.tests!.map((g) => g.desc)).toEqual(['RBAC and Service Accounts', 'Pod Security Standards', 'Secrets Management', 'General Policies']);
    const custom = toKubeBench(report, { sections: [{ id: '5.4', title: 'Secrets' }] });
    expect(custom.Controls[0]!.tests![2]!.desc).toBe('Secrets');
  });

  it('counts groups and totals as kube-bench does, ERROR counted as WARN', () => {
    for (const group of controls.tests!) {
      const states = group.results.map((c) => c.status);
      expect([group.pass, group.fail, group.warn, group.info]).toEqual(['PASS', 'FAIL', 'WARN', 'INFO'].map((s) => states.filter((x) => x === s).length));
    }
    const s = report.summary;
    expect(overall.Totals).toEqual({ total_pass: s.pass, total_fail: s.fail, total_warn: s.warn + s.error, total_info: s.info });
    expect(controls).toMatchObject(overall.Totals);
  });

  it('adds detected_version after version only when given (omitempty), and honours version', () => {
    const withDetected = toKubeBench(report, { detectedVersion: '1.30' });
    expect(Object.keys(withDetected.Controls[0]!)).toEqual(['id', 'version', 'detected_version', ...controlsKeys.slice(2)]);
    expect(withDetected.Controls[0]!.detected_version).toBe('1.30');
    expect(Object.keys(toKubeBench(report, { detectedVersion: '' }))).toEqual(['Controls', 'Totals']);
    expect((toKubeBench(report, { version: 'cis-1.11' })).Controls[0]!.version).toBe('cis-1.11');
  });

  it('prints the bare Controls array with noTotals (kube-bench --nototals)', () => {
    const bare = JSON.parse(formatKubeBench(report, { noTotals: true })) as KubeBenchControls[];
    expect(Array.isArray(bare)).toBe(true);
    expect(bare).toHaveLength(1);
    expect(Object.keys(bare[0]!)).toEqual(controlsKeys);
  });

  it('prints tests: null when the report has no controls', () => {
    const empty: Report = { ...report, controls: [], summary: { pass: 0, fail: 0, warn: 0, info: 0, error: 0 } };
    expect(formatKubeBench(empty)).toBe(
      '{"Controls":[{"id":"5","version":"cis-1.10","text":"Kubernetes Policies","node_type":"policies","tests":null,"total_pass":0,"total_fail":0,"total_warn":0,"total_info":0}],"Totals":{"total_pass":0,"total_fail":0,"total_warn":0,"total_info":0}}\n',
    );
  });
});

describe('formatKubeBench: statuses and reasons', () => {
  it('keeps FAIL, WARN and PASS, with type "" and scored checks for evaluated controls', () => {
    expect(check('5.1.3')).toMatchObject({ status: 'FAIL', type: '', scored: true, IsMultiple: true, audit: 'kubecis rule fixture/no-wildcards' });
    expect(check('5.1.3').reason).toBeUndefined();
    expect(check('5.4.1')).toMatchObject({ status: 'WARN', type: '', scored: true });
    expect(check('5.1.3').test_desc).toBe('Minimize wildcard use in Roles and ClusterRoles (Automated)');
    expect(check('5.2.2').test_desc).toBe('Minimize the admission of privileged containers (Manual)');
  });

  it('reports a control no rule evaluates as a manual WARN that says it was not evaluated', () => {
    const c = check('5.1.1');
    expect(c).toMatchObject({ status: 'WARN', type: 'manual', audit: '', actual_value: '', scored: false, IsMultiple: false, expected_result: '' });
    expect(c.reason).toMatch(/^Not evaluated/);
    expect(c.remediation).toMatch(/Not evaluated by kubecis/);
  });

  it('reports a rule error as WARN with a "failed to run" reason', () => {
    const c = check('5.2.4');
    expect(c.status).toBe('WARN');
    expect(c.reason).toMatch(/^failed to run: fixture\/host-ipc: index <out> of "range"/);
    expect(c.expected_result).toBe('');
  });

  it('reports a disabled control as type skip, INFO', () => {
    const disabled = fixtureReport({ disabledRules: ['fixture/no-secret-env'] });
    const c = (toKubeBench(disabled)).Controls[0]!.tests!.flatMap((g) => g.results).find((x) => x.test_number === '5.4.1')!;
    expect(c).toMatchObject({ status: 'INFO', type: 'skip', scored: false, actual_value: '' });
    expect(c.reason).toMatch(/disabled/);
  });

  it('takes remediation from the rules', () => {
    expect(check('5.1.3').remediation).toBe(fixtureRules[0].meta.remediation);
    const bare = (toKubeBench(report)).Controls[0]!.tests![0]!.results[1]!;
    expect(bare.remediation).toBe('');
  });
});

describe('formatKubeBench: actual_value evidence', () => {
  const parse = (line: string): Record<string, string> => {
    const [head, message] = line.split(' message: ') as [string, string];
    const tokens = head.split(' ');
    const out: Record<string, string> = { message };
    for (let i = 0; i < tokens.length; i += 2) out[tokens[i]!.replace(/:$/, '')] = tokens[i + 1]!;
    return out;
  };

  it('lists every finding of the control, one line each, in key: value form ending in is_compliant', () => {
    for (const control of report.controls.filter((c) => c.rules.length > 0)) {
      const value = check(control.id).actual_value;
      const lines = value === '' ? [] : value.split('\n');
      expect(lines).toHaveLength(control.findings.length);
      lines.forEach((line, i) => {
        const f = control.findings[i]!;
        const fields = parse(line);
        expect(Object.keys(fields).filter((k) => k !== 'message' && k !== 'evidence' && k !== 'exemption')).toEqual([
          'rule',
          'status',
          'kind',
          'namespace',
          'name',
          'path',
          'source',
          'exempted',
          'is_compliant',
        ]);
        expect(fields['rule']).toBe(f.ruleId);
        expect(fields['is_compliant']).toBe(String(f.status === 'PASS' || f.status === 'INFO'));
        expect(fields['exempted']).toBe(String(f.exempted));
      });
    }
  });

  it('names resource, path, source, evidence and exemption of a finding', () => {
    const lines = check('5.1.3').actual_value.split('\n').map(parse);
    expect(lines[0]).toMatchObject({
      status: 'FAIL',
      kind: 'ClusterRole',
      namespace: '-',
      name: 'ci-deployer',
      path: 'rules[1].verbs[1]',
      source: 'manifests/rbac.yaml:14',
      evidence: 'ClusterRoleBinding/ci-deployer#roleRef@bound-by',
      is_compliant: 'false',
    });
    expect(lines[1]).toMatchObject({ name: 'cluster-admin', exempted: 'true', exemption: 'default:bootstrap-rbac', is_compliant: 'false' });
    expect(check('5.1.3').expected_result).toBe("'is_compliant' is equal to 'true' OR 'exempted' is equal to 'true'");
    expect(check('5.4.1').expected_result).toBe("'is_compliant' is equal to 'true'");
  });

  it('keeps each finding on one line and each value one token', () => {
    const finding: Finding = {
      ...report.controls[1]!.findings[0]!,
      message: 'two\nlines\r\nhere',
      path: 'metadata.labels["a b"]',
      source: { file: 'dir with space/x%.yaml', line: 3 },
    };
    const line = kubeBenchFindingLine(finding);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain('path: metadata.labels["a%20b"]');
    expect(line).toContain('source: dir%20with%20space/x%25.yaml:3');
    expect(line.endsWith('message: two lines here')).toBe(true);
  });
});

describe('formatKubeBench: bytes', () => {
  const raw = formatKubeBench(report, { benchmark });

  it('prints compact JSON with a final newline, as kube-bench does', () => {
    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(raw)).toEqual(JSON.parse(JSON.stringify(overall)));
  });

  it("escapes strings as Go's encoding/json does (<, > and & as \\u escapes)", () => {
    expect(raw).toContain('index \\u003cout\\u003e of \\"range\\" \\u0026 more');
    expect(raw).not.toMatch(/[<>&]/);
    const odd: Report = { ...report, controls: [{ ...report.controls[0]!, title: 'a\u2028b\u0001c\bd\fe\ud800f' }] };
    expect(formatKubeBench(odd)).toContain('"test_desc":"a\\u2028b\\u0001c\\bd\\fe\\ufffdf (Automated)"');
  });

  it('indents on request with the same data', () => {
    const pretty = formatKubeBench(report, { benchmark, indent: '  ' });
    expect(pretty).toContain('\n  "Controls": [\n');
    expect(JSON.parse(pretty)).toEqual(JSON.parse(raw));
  });
});

const control = (id: string, title: string, status: ControlResult['status'], rules: string[], findings: Finding[] = []): ControlResult => ({
  id,
  title,
  type: 'automated',
  section: '5.1',
  status,
  reason: status === 'INFO' ? 'Skipped: its rules are disabled by configuration' : null,
  rules,
  findings,
});

describe('formatKubeBenchJunit', () => {
  it("prints kube-bench's own JUnit layout (check/controls_test.go)", () => {
    const tiny: Report = {
      tool: { name: 'kubecis', version: '0.1.0' },
      benchmark: 'cis-1.10',
      summary: { pass: 1, fail: 1, warn: 0, info: 1, error: 0 },
      controls: [
        control('5.1.2', 'Minimize access to secrets', 'PASS', ['t/a']),
        control('5.1.3', 'Minimize wildcard use', 'FAIL', ['t/b']),
        control('5.1.4', 'Minimize access to create pods', 'INFO', ['t/c']),
      ],
      diagnostics: [],
    };
    const q = '&#34;';
    const a = '&#39;';
    const json = (id: string, desc: string, audit: string, type: string, status: string, scored: boolean, expected: string, reason?: string): string =>
      `{${q}test_number${q}:${q}${id}${q},${q}test_desc${q}:${q}${desc}${q},${q}audit${q}:${q}${audit}${q},${q}AuditEnv${q}:${q}${q},${q}AuditConfig${q}:${q}${q},` +
      `${q}type${q}:${q}${type}${q},${q}remediation${q}:${q}${q},${q}test_info${q}:[${q}${q}],${q}status${q}:${q}${status}${q},${q}actual_value${q}:${q}${q},` +
      `${q}scored${q}:${String(scored)},${q}IsMultiple${q}:${String(scored)},${q}expected_result${q}:${q}${expected}${q}` +
      (reason === undefined ? '' : `,${q}reason${q}:${q}${reason}${q}`) +
      '}';
    const expectedResult = `${a}is_compliant${a} is equal to ${a}true${a}`;
    expect(formatKubeBenchJunit(tiny)).toBe(
      [
        '<testsuite name="Kubernetes Policies" tests="3" failures="1" errors="0" time="0">',
        '    <testcase name="5.1.2 Minimize access to secrets (Automated)" classname="RBAC and Service Accounts" time="0">',
        `        <system-out>${json('5.1.2', 'Minimize access to secrets (Automated)', 'kubecis rule t/a', '', 'PASS', true, expectedResult)}</system-out>`,
        '    </testcase>',
        '    <testcase name="5.1.3 Minimize wildcard use (Automated)" classname="RBAC and Service Accounts" time="0">',
        '        <failure type=""></failure>',
        `        <system-out>${json('5.1.3', 'Minimize wildcard use (Automated)', 'kubecis rule t/b', '', 'FAIL', true, expectedResult)}</system-out>`,
        '    </testcase>',
        '    <testcase name="5.1.4 Minimize access to create pods (Automated)" classname="RBAC and Service Accounts" time="0">',
        '        <skipped></skipped>',
        `        <system-out>${json('5.1.4', 'Minimize access to create pods (Automated)', 'kubecis rule t/c', 'skip', 'INFO', false, '', 'Skipped: its rules are disabled by configuration')}</system-out>`,
        '    </testcase>',
        '</testsuite>',
        '',
      ].join('\n'),
    );
  });

  it('is well-formed XML whose system-out holds each check as kube-bench JSON', () => {
    const root = parseXml(formatKubeBenchJunit(report, { benchmark }));
    expect(root.name).toBe('testsuite');
    expect(root.attrs).toEqual({ name: 'Kubernetes Policies', tests: '8', failures: '2', errors: '0', time: '0' });
    const cases = childrenNamed(root, 'testcase');
    expect(cases.map((c) => c.attrs['name']!.split(' ')[0])).toEqual(checks.map((c) => c.test_number));
    cases.forEach((c, i) => {
      const expected = checks[i]!;
      expect(c.attrs['classname']).toBe(controls.tests!.find((g) => g.results.includes(expected))!.desc);
      expect(JSON.parse(child(c, 'system-out')!.text)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(child(c, 'failure')?.text).toBe(expected.status === 'FAIL' ? expected.remediation : undefined);
      expect(child(c, 'skipped') !== undefined).toBe(expected.status === 'WARN' || expected.status === 'INFO');
    });
  });
});

describe('kube-bench formats: secret values', () => {
  it('never print a Secret value or an env literal, strict or not', () => {
    for (const r of [report, fixtureReport({ strict: true })]) {
      for (const out of [formatKubeBench(r, { benchmark }), formatKubeBench(r, { indent: ' ' }), formatKubeBenchJunit(r, { benchmark })]) {
        expect(out).not.toContain(secretMarker);
        expect(out).not.toContain(secretMarkerBase64);
      }
    }
  });
});
