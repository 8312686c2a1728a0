import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Finding, Report } from '../report/types.js';
import { benchmark, fixtureReport, secretMarker, secretMarkerBase64 } from '../../test/format-fixture.js';
import { escapeMarkdown, formatMarkdown } from './markdown.js';

const report = fixtureReport();
const md = formatMarkdown(report, { benchmark });
const lines = md.split('\n');

/** Cells of a table row: GFM splits on every pipe not right after a backslash, inside code spans too. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

/** The text without its code spans (a backtick run up to the next run of the same length). */
function withoutCode(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      out += text[i]!;
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = text.indexOf(fence, i + n);
    while (j >= 0 && text[j + n] === '`') {
      let k = j;
      while (text[k] === '`') k++;
      j = text.indexOf(fence, k);
    }
    if (j < 0) {
      out += fence;
      i += n;
    } else i = j + n;
  }
  return out;
}

/** Every table in the text: its header row's column count and its rows' cells. */
function tables(text: string): { columns: number; rows: string[][] }[] {
  const out: { columns: number; rows: string[][] }[] = [];
  const ls = text.split('\n');
  for (let i = 0; i + 1 < ls.length; i++) {
    if (!ls[i]!.startsWith('| ') || !/^\| (-+|-+:|:-+) \|/.test(ls[i + 1]!)) continue;
    const header = cells(ls[i]!);
    const rows: string[][] = [];
    for (let j = i + 2; j < ls.length && ls[j]!.startsWith('|'); j++) rows.push(cells(ls[j]!));
    out.push({ columns: header.length, rows });
    i += 1 + rows.length;
  }
  return out;
}

describe('formatMarkdown: layout', () => {
  it('opens with a heading and a summary table of controls and findings by status', () => {
    expect(lines[0]).toBe('## kubecis 0.1.0 — cis-1.10');
    const summary = tables(md)[0]!;
    expect(summary.rows).toEqual([
      ['**FAIL**', '2', '2'],
      ['**ERROR**', '1', '1'],
      ['**WARN**', '5', '4'],
      ['**PASS**', '0', '1'],
      ['**INFO**', '0', '1'],
    ]);
    expect(md).toContain('3 exempted findings not counted; 1 input diagnostic (1 error).');
  });

  it('lists every evaluated control, and folds the ones kubecis does not evaluate', () => {
    const overview = tables(md)[1]!;
    expect(overview.rows.map((r) => [r[0], r[2]])).toEqual([
      ['5.1.3', '**FAIL**'],
      ['5.2.2', '**FAIL**'],
      ['5.2.4', '**ERROR**'],
      ['5.4.1', '**WARN**'],
      ['5.4.2', '**WARN**'],
      ['5.7.1', '**WARN**'],
    ]);
    expect(md).toContain('<details><summary>2 controls not evaluated by kubecis (check by hand)</summary>\n\n- 5.1.1 Ensure that the cluster-admin role is only used where required\n- 5.7.4 The default namespace should not be used\n\n</details>');
  });

  it('details each control with problems: badge, reason, rule docs, and a findings table', () => {
    expect(md).toContain('#### **FAIL** 5.2.2 Minimize the admission of privileged containers\n');
    expect(md).toContain('#### **ERROR** 5.2.4 ');
    expect(md).toContain('fixture/host-ipc: index &lt;out&gt; of "range" &amp; more');
    expect(md).toContain('Rule: [`fixture/no-privileged`](https://github.com/kubecis/kubecis/blob/main/packages/../docs/rules/fixture/no-privileged.md)');
    const row = lines.find((l) => l.includes('Container debug'))!;
    expect(cells(row)).toEqual([
      '**FAIL**',
      'Deployment `shop/web`',
      '`spec.template.spec.containers[1].securityContext.privileged`',
      '`manifests/apps/web deploy.yaml:7`',
      'Container debug of Deployment web is privileged',
    ]);
  });

  it('collapses exempted findings in <details>, with the exemption and its reason', () => {
    const start = md.indexOf('<details><summary>2 exempted findings</summary>');
    const end = md.indexOf('</details>', start);
    expect(start).toBeGreaterThan(md.indexOf('5.2.2 Minimize'));
    const block = md.slice(start, end);
    expect(block).toContain('CronJob `shop/backup`');
    expect(block).toContain('`backup-needs-host`: Backup agent reads host volumes \\| approved by security<br>until the CSI migration');
    expect(block).toContain('`default:system-namespaces`');
    const visible = md.slice(md.indexOf('5.2.2 Minimize'), start);
    expect(visible).not.toContain('kube-proxy');
  });

  it('lists input diagnostics', () => {
    expect(md).toContain('- **ERROR** `manifests/broken.yaml:2` Skipped Pod "broken": apiVersion: expected string, got nothing');
  });
});

describe('formatMarkdown: escaping', () => {
  it('escapes pipes and line breaks in cells, and lets no HTML or emphasis through', () => {
    const row = lines.find((l) => l.includes('Namespace `shop`'))!;
    const cs = cells(row);
    expect(cs).toHaveLength(5);
    expect(cs[4]).toBe('Namespace shop names owner team \\| payments<br>\\*on-call\\* &lt;b&gt;@shop&lt;/b&gt;, which is not a team id');
    expect(md).not.toContain('<b>');
    const source = lines.find((l) => l.includes('Container backup'))!;
    expect(cells(source)[3]).toBe('`manifests/apps/backup\\|nightly.yaml:9`');
  });

  const tricky = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('|', '\\', '`', '<', '>', '&', '\n', '\r', ' ', '*', 'a') }));

  it('keeps every table row to its header width whatever the texts hold', () => {
    const control = report.controls.find((c) => c.id === '5.2.2')!;
    fc.assert(
      fc.property(tricky, tricky, tricky, (message, path, file) => {
        const finding: Finding = { ...control.findings[1]!, message, path, source: { file, line: 1 } };
        const odd: Report = { ...report, controls: [{ ...control, title: message, findings: [finding, { ...finding, exempted: true, exemption: { id: path, reason: message, origin: 'config', expires: null } }] }] };
        const out = formatMarkdown(odd);
        // Outside code spans, the only raw markup is ours: <br>, <details> and <summary>.
        const markup = !/<(?!br>|details>|\/details>|summary>|\/summary>)/.test(withoutCode(out));
        return markup && tables(out).every((t) => t.rows.every((r) => r.length === t.columns));
      }),
      { numRuns: 200 },
    );
  });

  it('escapes Markdown punctuation, entities and breaks', () => {
    expect(escapeMarkdown('a|b\nc\r\nd *e* _f_ [g](h) <i> & `j` #k ~l~ \\')).toBe(
      'a\\|b<br>c<br>d \\*e\\* \\_f\\_ \\[g\\]\\(h\\) &lt;i&gt; &amp; \\`j\\` \\#k \\~l\\~ \\\\',
    );
  });
});

describe('formatMarkdown: bounds', () => {
  const many = (n: number): Report => {
    const control = report.controls.find((c) => c.id === '5.2.2')!;
    const base = control.findings[1]!;
    const findings = Array.from({ length: n }, (_, i): Finding => ({ ...base, resource: { ...base.resource!, name: `web-${String(i)}` } }));
    return { ...report, controls: [{ ...control, findings }] };
  };
  const rowsOf = (out: string): number => out.split('\n').filter((l) => l.startsWith('| **FAIL** | Deployment')).length;

  it('shows at most 20 findings per control by default, then says how many more', () => {
    const out = formatMarkdown(many(30));
    expect(rowsOf(out)).toBe(20);
    expect(out).toContain('… and 10 more.');
    expect(rowsOf(formatMarkdown(many(20)))).toBe(20);
    expect(formatMarkdown(many(20))).not.toContain('more.');
  });

  it('honours maxFindingsPerControl', () => {
    const out = formatMarkdown(many(30), { maxFindingsPerControl: 5 });
    expect(rowsOf(out)).toBe(5);
    expect(out).toContain('… and 25 more.');
  });

  it('takes a title and heading level', () => {
    expect(formatMarkdown(report, { title: 'Scan of #42', headingLevel: 3 }).split('\n')[0]).toBe('### Scan of \\#42');
  });
});

describe('formatMarkdown: secret values', () => {
  it('never prints a Secret value or an env literal, strict or not', () => {
    for (const r of [report, fixtureReport({ strict: true })]) {
      const out = formatMarkdown(r, { benchmark, maxFindingsPerControl: 1000 });
      expect(out).not.toContain(secretMarker);
      expect(out).not.toContain(secretMarkerBase64);
    }
  });
});
