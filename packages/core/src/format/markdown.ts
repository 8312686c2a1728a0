import type { AnyRule, Benchmark, Status } from '../rule/types.js';
import type { ControlResult, Finding, Report } from '../report/types.js';
import { formatSource } from './text.js';

export interface MarkdownFormatOptions {
  /** At most this many findings per control table, then "… and N more" (default 20). */
  readonly maxFindingsPerControl?: number;
  /** The top heading (default: `kubecis <version> — <benchmark>`). */
  readonly title?: string;
  /** Heading level of the top heading, 1–4 (default 2, which suits a PR comment). */
  readonly headingLevel?: number;
  /** Rule meta: links each control's rules to their docs. */
  readonly rules?: readonly AnyRule[];
  readonly benchmark?: Benchmark;
}

const statusOrder: readonly Status[] = ['FAIL', 'ERROR', 'WARN', 'PASS', 'INFO'];

/**
 * Escapes text for a GitHub-flavoured Markdown table cell or heading: Markdown punctuation is
 * backslash-escaped, `&`, `<` and `>` become entities (no raw HTML gets through), `|` cannot
 * end the cell, and line breaks become `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '<br>');
}

/** Inline code that survives any content: a backtick fence longer than any run inside, `|` escaped for tables. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function badge(status: string): string {
  return `**${status}**`;
}

function resourceCell(f: Finding): string {
  const ref = f.resource;
  if (ref === null) return '(cluster)';
  return `${escapeMarkdown(ref.kind)} ${code(ref.namespace === null ? ref.name : `${ref.namespace}/${ref.name}`)}`;
}

function sourceCell(f: Finding): string {
  const at = formatSource(f.source);
  return at === '' ? '' : code(at);
}

function pathCell(f: Finding): string {
  return f.path === null ? '' : code(f.path);
}

function findingsTable(findings: readonly Finding[], limit: number, exemptions: boolean): string[] {
  const head = exemptions
    ? ['| Status | Resource | Field | Source | Message | Exemption |', '| --- | --- | --- | --- | --- | --- |']
    : ['| Status | Resource | Field | Source | Message |', '| --- | --- | --- | --- | --- |'];
  const rows = findings.slice(0, limit).map((f) => {
    const cells = [badge(f.status), resourceCell(f), pathCell(f), sourceCell(f), escapeMarkdown(f.message)];
    if (exemptions) cells.push(f.exemption === null ? '' : `${code(f.exemption.id)}: ${escapeMarkdown(f.exemption.reason)}`);
    return `| ${cells.join(' | ')} |`;
  });
  const lines = [...head, ...rows];
  if (findings.length > limit) lines.push('', `… and ${String(findings.length - limit)} more.`);
  return lines;
}

function count(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The report as Markdown for a pull-request comment: a summary table of controls by status, an
 * overview of every control, then details of each control with problems (FAIL, ERROR and WARN
 * findings as a table of resource, field, file:line and message; exempted findings collapsed in
 * `<details>`), bounded by `maxFindingsPerControl`.
 */
export function formatMarkdown(report: Report, options: MarkdownFormatOptions = {}): string {
  const limit = Math.max(0, Math.trunc(options.maxFindingsPerControl ?? 20));
  const level = Math.min(4, Math.max(1, Math.trunc(options.headingLevel ?? 2)));
  const h = (n: number): string => '#'.repeat(Math.min(6, level + n));
  const docs = new Map<string, string>();
  for (const rule of [...(options.benchmark?.rules ?? []), ...(options.rules ?? [])]) docs.set(rule.id, rule.meta.docsUrl);

  const lines: string[] = [];
  const title = options.title ?? `${report.tool.name} ${report.tool.version}${report.benchmark === null ? '' : ` — ${report.benchmark}`}`;
  lines.push(`${h(0)} ${escapeMarkdown(title)}`, '');

  // Summary: controls by status, and the findings behind them.
  const s = report.summary;
  const byStatus: Readonly<Record<Status, number>> = { FAIL: s.fail, ERROR: s.error, WARN: s.warn, PASS: s.pass, INFO: s.info };
  const findings = report.controls.flatMap((c) => c.findings);
  const open = (st: Status): number => findings.filter((f) => f.status === st && !f.exempted).length;
  const exemptedTotal = findings.filter((f) => f.exempted).length;
  lines.push('| Status | Controls | Findings |', '| --- | ---: | ---: |');
  for (const st of statusOrder) lines.push(`| ${badge(st)} | ${String(byStatus[st])} | ${String(open(st))} |`);
  lines.push('');
  const notes: string[] = [];
  if (exemptedTotal > 0) notes.push(`${count(exemptedTotal, 'exempted finding')} not counted`);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  if (report.diagnostics.length > 0) notes.push(`${count(report.diagnostics.length, 'input diagnostic')}${errors > 0 ? ` (${count(errors, 'error')})` : ''}`);
  if (notes.length > 0) lines.push(`${notes.join('; ')}.`, '');

  // Overview of every control.
  const notEvaluated = report.controls.filter((c) => c.rules.length === 0);
  const evaluated = report.controls.filter((c) => c.rules.length > 0);
  if (evaluated.length > 0) {
    lines.push(`${h(1)} Controls`, '', '| Control | Title | Status | Open findings | Exempted |', '| --- | --- | --- | ---: | ---: |');
    for (const c of evaluated) {
      const openCount = c.findings.filter((f) => !f.exempted && (f.status === 'FAIL' || f.status === 'WARN' || f.status === 'ERROR')).length;
      const exempted = c.findings.filter((f) => f.exempted).length;
      lines.push(`| ${escapeMarkdown(c.id)} | ${escapeMarkdown(c.title)} | ${badge(c.status)} | ${String(openCount)} | ${String(exempted)} |`);
    }
    lines.push('');
  }
  if (notEvaluated.length > 0) {
    lines.push(`<details><summary>${count(notEvaluated.length, 'control')} not evaluated by kubecis (check by hand)</summary>`, '');
    for (const c of notEvaluated) lines.push(`- ${escapeMarkdown(c.id)} ${escapeMarkdown(c.title)}`);
    lines.push('', '</details>', '');
  }

  // Details of each control with something to look at.
  const detailed = evaluated.filter((c) => c.status === 'FAIL' || c.status === 'ERROR' || c.status === 'WARN' || c.findings.some((f) => f.exempted));
  if (detailed.length > 0) lines.push(`${h(1)} Details`, '');
  for (const c of detailed) lines.push(...controlDetails(c, limit, docs, h(2)), '');

  if (report.diagnostics.length > 0) {
    lines.push(`<details><summary>${count(report.diagnostics.length, 'input diagnostic')}</summary>`, '');
    for (const d of report.diagnostics.slice(0, Math.max(limit, 1))) {
      const at = formatSource(d.source);
      lines.push(`- ${badge(d.severity.toUpperCase())} ${at === '' ? '' : `${code(at)} `}${escapeMarkdown(d.message)}`);
    }
    if (report.diagnostics.length > Math.max(limit, 1)) lines.push(`- … and ${String(report.diagnostics.length - Math.max(limit, 1))} more.`);
    lines.push('', '</details>', '');
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

function controlDetails(c: ControlResult, limit: number, docs: ReadonlyMap<string, string>, heading: string): string[] {
  const lines = [`${heading} ${badge(c.status)} ${escapeMarkdown(c.id)} ${escapeMarkdown(c.title)}`, ''];
  if (c.reason !== null) lines.push(escapeMarkdown(c.reason), '');
  const ruleLinks = c.rules.map((id) => {
    const url = docs.get(id);
    return url === undefined ? code(id) : `[${code(id)}](${url.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
  });
  if (ruleLinks.length > 0) lines.push(`Rule${ruleLinks.length === 1 ? '' : 's'}: ${ruleLinks.join(', ')}`, '');
  const shown = c.findings.filter((f) => !f.exempted && (f.status === 'FAIL' || f.status === 'WARN' || f.status === 'ERROR'));
  if (shown.length > 0) lines.push(...findingsTable(shown, limit, false), '');
  const exempted = c.findings.filter((f) => f.exempted);
  if (exempted.length > 0) {
    lines.push(`<details><summary>${count(exempted.length, 'exempted finding')}</summary>`, '');
    lines.push(...findingsTable(exempted, limit, true), '', '</details>', '');
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
