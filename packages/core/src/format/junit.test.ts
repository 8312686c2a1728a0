import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Report } from '../report/types.js';
import { benchmark, fixtureReport, secretMarker, secretMarkerBase64 } from '../../test/format-fixture.js';
import { escapeXml, formatJunit } from './junit.js';
import { child, childrenNamed, isWellFormed, parseXml, type XmlElement } from '../../test/xml.js';

interface Outcome {
  text: string;
  message: string | undefined;
  type: string | undefined;
}
interface Case {
  name: string;
  classname: string;
  failure: Outcome | undefined;
  error: Outcome | undefined;
  skipped: Outcome | undefined;
  out: string | undefined;
}
interface Suite {
  attrs: Readonly<Record<string, string>>;
  cases: Case[];
  out: string | undefined;
}
interface Parsed {
  attrs: Readonly<Record<string, string>>;
  suites: Suite[];
}

const outcome = (e: XmlElement | undefined): Outcome | undefined =>
  e === undefined ? undefined : { text: e.text, message: e.attrs['message'], type: e.attrs['type'] };

/** Parses (throwing on any well-formedness error) and reads the JUnit tree. */
const parse = (xml: string): Parsed => {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  return {
    attrs: root.attrs,
    suites: childrenNamed(root, 'testsuite').map((suite) => ({
      attrs: suite.attrs,
      out: child(suite, 'system-out')?.text,
      cases: childrenNamed(suite, 'testcase').map((c) => ({
        name: c.attrs['name']!,
        classname: c.attrs['classname']!,
        failure: outcome(child(c, 'failure')),
        error: outcome(child(c, 'error')),
        skipped: outcome(child(c, 'skipped')),
        out: child(c, 'system-out')?.text,
      })),
    })),
  };
};

const report = fixtureReport();
const xml = formatJunit(report, { benchmark });
const doc = parse(xml);
const cases = doc.suites.flatMap((s) => s.cases);
const byId = (id: string, d: Parsed = doc): Case => d.suites.flatMap((s) => s.cases).find((c) => c.name.startsWith(`${id} `))!;

describe('formatJunit: structure', () => {
  it('is well-formed XML with a declaration and one testsuite per section', () => {
    expect(isWellFormed(xml)).toBe(true);
    expect(isWellFormed('<a><b></a>')).toBe(false);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(doc.suites.map((s) => s.attrs['name'])).toEqual([
      '5.1 RBAC and Service Accounts',
      '5.2 Pod Security Standards',
      '5.4 Secrets Management',
      '5.7 General Policies',
    ]);
  });

  it('has one testcase per control, named by id, title and tag', () => {
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual(report.controls.map((c) => c.id));
    expect(byId('5.1.3').name).toBe('5.1.3 Minimize wildcard use in Roles and ClusterRoles (Automated)');
    expect(byId('5.1.3').classname).toBe('5.1 RBAC and Service Accounts');
  });

  it('counts tests, failures, errors and skips per suite and in total', () => {
    expect(doc.attrs).toMatchObject({ name: 'kubecis cis-1.10', tests: '8', failures: '2', errors: '1', skipped: '2' });
    for (const suite of doc.suites) {
      const n = (k: 'failure' | 'error' | 'skipped'): number => suite.cases.filter((c) => c[k] !== undefined).length;
      const a = suite.attrs;
      expect([a['tests'], a['failures'], a['errors'], a['skipped']]).toEqual([suite.cases.length, n('failure'), n('error'), n('skipped')].map(String));
    }
  });

  it('puts everything in one suite on request', () => {
    const single = parse(formatJunit(report, { suites: 'single' }));
    expect(single.suites.map((s) => [s.attrs['name'], s.cases.length])).toEqual([['kubecis cis-1.10', 8]]);
  });

  it('adds a timestamp only when given', () => {
    expect(xml).not.toContain('timestamp=');
    expect(parse(formatJunit(report, { timestamp: '2026-06-01T10:00:00Z' })).suites[0]!.attrs['timestamp']).toBe('2026-06-01T10:00:00Z');
  });
});

describe('formatJunit: outcomes', () => {
  it('fails a FAIL control with a failure that lists its findings', () => {
    const c = byId('5.2.2');
    expect(c.failure).toMatchObject({ message: '1 failing finding', type: 'FAIL' });
    expect(c.failure!.text).toBe(
      'FAIL Deployment shop/web spec.template.spec.containers[1].securityContext.privileged (manifests/apps/web deploy.yaml:7): Container debug of Deployment web is privileged',
    );
  });

  it('lists exempted findings as notes that never fail the test', () => {
    const c = byId('5.2.2');
    expect(c.failure!.text).not.toContain('kube-proxy');
    const notes = c.out!.split('\n');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^EXEMPTED FAIL CronJob shop\/backup .*\[backup-needs-host: Backup agent reads host volumes \| approved by security until the CSI migration\]$/);
    expect(notes[1]).toMatch(/^EXEMPTED FAIL Pod kube-system\/kube-proxy-x1 .*\[default:system-namespaces: /);
  });

  it('reports a rule error as an error', () => {
    const c = byId('5.2.4');
    expect(c.error).toMatchObject({ type: 'ERROR', message: 'fixture/host-ipc: index <out> of "range" & more' });
    expect(c.error!.text).toBe('ERROR: Rule fixture/host-ipc failed: index <out> of "range" & more');
  });

  it('passes WARN controls with their findings in system-out, or fails them with warnAsFailure', () => {
    const c = byId('5.4.1');
    expect(c.failure).toBeUndefined();
    expect(c.out).toMatch(/^WARN Deployment shop\/web .*env var DB_PASSWORD$/);
    const strict = byId('5.4.1', parse(formatJunit(report, { warnAsFailure: true })));
    expect(strict.failure).toMatchObject({ type: 'WARN', message: '1 warning' });
    expect(strict.failure!.text).toContain('DB_PASSWORD');
  });

  it('skips controls no rule evaluates, and disabled ones, even with warnAsFailure', () => {
    expect(byId('5.1.1').skipped!.message).toMatch(/^Not evaluated/);
    expect(byId('5.1.1', parse(formatJunit(report, { warnAsFailure: true }))).failure).toBeUndefined();
    const disabled = parse(formatJunit(fixtureReport({ disabledRules: ['fixture/no-wildcards'] })));
    expect(byId('5.1.3', disabled).skipped!.message).toMatch(/disabled/);
  });

  it('writes input diagnostics to the first suite', () => {
    expect(doc.suites[0]!.out).toMatch(/^error manifests\/broken\.yaml:2: Skipped Pod "broken"/);
  });
});

describe('formatJunit: escaping', () => {
  it('escapes markup, quotes and line breaks in attributes, and replaces characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\n\t\r`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;&#13;');
    expect(escapeXml('x\u0000y\u001bz\ud800\ufffe😀')).toBe('x\ufffdy\ufffdz\ufffd\ufffd😀');
  });

  it('stays well-formed and round-trips any message and reason', () => {
    const control = report.controls.find((c) => c.id === '5.2.2')!;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('a\r\nb', '\r', ' x\t"<&>\' ')), (message, title) => {
        const finding = { ...control.findings[1]!, message };
        const odd: Report = { ...report, controls: [{ ...control, title, reason: message, findings: [finding] }] };
        const out = formatJunit(odd);
        if (!isWellFormed(out)) return false;
        const c = parse(out).suites[0]!.cases[0]!;
        const clean = (s: string): string => s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd');
        const flat = message.replace(/\s*[\r\n]+\s*/g, ' ');
        return c.name === clean(`5.2.2 ${title} (Manual)`) && c.failure!.text.endsWith(clean(flat)) && c.error === undefined;
      }),
      { numRuns: 100 },
    );
  });
});

describe('formatJunit: secret values', () => {
  it('never prints a Secret value or an env literal, strict or not', () => {
    for (const r of [report, fixtureReport({ strict: true })]) {
      for (const out of [formatJunit(r), formatJunit(r, { warnAsFailure: true, suites: 'single' })]) {
        expect(out).not.toContain(secretMarker);
        expect(out).not.toContain(secretMarkerBase64);
      }
    }
  });
});
