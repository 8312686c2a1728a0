import type { ObjectRef, SourceLocation } from '../snapshot/types.js';
import type { Status } from '../rule/types.js';
import type { Finding, Report } from '../report/types.js';

export interface TextFormatOptions {
  /** ANSI colours. The CLI turns them on only for a TTY without NO_COLOR. */
  readonly color?: boolean;
  /** Also list exempted and PASS/INFO findings (default: FAIL, WARN and ERROR only, with counts of the rest). */
  readonly verbose?: boolean;
}

const colors: Readonly<Record<Status, string>> = { PASS: '32', FAIL: '31', WARN: '33', INFO: '36', ERROR: '35' };

export function formatRef(ref: ObjectRef | null): string {
  if (ref === null) return '(cluster)';
  return `${ref.kind} ${ref.namespace === null ? '' : `${ref.namespace}/`}${ref.name}`;
}

export function formatSource(source: SourceLocation | null): string {
  return source === null ? '' : `${source.file}:${String(source.line)}`;
}

/** A readable report grouped by control: status, id and title, then the findings that earned it. */
export function formatText(report: Report, options: TextFormatOptions = {}): string {
  const paint = (status: Status, text: string): string => (options.color ? `\u001b[${colors[status]}m${text}\u001b[0m` : text);
  const dim = (text: string): string => (options.color ? `\u001b[2m${text}\u001b[0m` : text);
  const lines: string[] = [];
  lines.push(`${report.tool.name} ${report.tool.version}${report.benchmark === null ? '' : ` — benchmark ${report.benchmark}`}`);
  lines.push('');
  const show = (f: Finding): boolean => options.verbose === true || (!f.exempted && (f.status === 'FAIL' || f.status === 'WARN' || f.status === 'ERROR'));
  for (const control of report.controls) {
    const tag = paint(control.status, `[${control.status}]`.padEnd(7));
    lines.push(`${tag} ${control.id} ${control.title} (${control.type === 'automated' ? 'Automated' : 'Manual'})`);
    if (control.reason !== null) lines.push(`        ${dim(control.reason)}`);
    const shown = control.findings.filter(show);
    for (const f of shown) {
      const where = [formatRef(f.resource), f.path ?? ''].filter((s) => s !== '').join(' ');
      const at = formatSource(f.source);
      lines.push(`        ${paint(f.status, f.status.padEnd(5))} ${where}${at === '' ? '' : dim(` (${at})`)}`);
      lines.push(`              ${f.message}${f.exempted && f.exemption ? dim(` [exempted: ${f.exemption.reason}]`) : ''}`);
    }
    const exempted = control.findings.filter((f) => f.exempted).length;
    const hidden = control.findings.length - shown.length - (options.verbose === true ? 0 : exempted);
    const notes: string[] = [];
    if (exempted > 0 && options.verbose !== true) notes.push(`${String(exempted)} exempted`);
    if (hidden > 0) notes.push(`${String(hidden)} passing or informational`);
    if (notes.length > 0) lines.push(`        ${dim(`(${notes.join(', ')} not shown)`)}`);
  }
  lines.push('');
  const s = report.summary;
  lines.push(
    `Summary: ${paint('PASS', `${String(s.pass)} pass`)}, ${paint('FAIL', `${String(s.fail)} fail`)}, ${paint('WARN', `${String(s.warn)} warn`)}, ${paint('INFO', `${String(s.info)} info`)}, ${paint('ERROR', `${String(s.error)} error`)}`,
  );
  if (report.diagnostics.length > 0) {
    lines.push('');
    lines.push(`Diagnostics (${String(report.diagnostics.length)}):`);
    for (const d of report.diagnostics) {
      const at = formatSource(d.source);
      lines.push(`  ${d.severity}${at === '' ? '' : ` ${at}`}: ${d.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
