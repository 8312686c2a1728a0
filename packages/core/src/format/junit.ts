import type { Benchmark, ControlSection } from '../rule/types.js';
import type { ControlResult, Finding, Report } from '../report/types.js';
import { formatRef, formatSource } from './text.js';
import { kubeBenchSectionTitles } from './kube-bench.js';

export interface JunitFormatOptions {
  /** Report WARN controls as `<failure>` (default: their findings go to `<system-out>` and the test passes). */
  readonly warnAsFailure?: boolean;
  /** `section` (default): one `<testsuite>` per CIS section; `single`: one `<testsuite>` for the whole report. */
  readonly suites?: 'section' | 'single';
  /** Section titles by id; defaults to `benchmark.sections`, then to the CIS section-5 titles. */
  readonly sections?: readonly ControlSection[];
  readonly benchmark?: Benchmark;
  /** The `timestamp` attribute of each suite (ISO 8601). Core reads no clock: omitted unless given. */
  readonly timestamp?: string;
}

/**
 * Escapes text for XML 1.0 content and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD; line breaks and tabs in
 * attributes are kept as character references so parsers do not normalise them away.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      case '\t': out += '&#9;'; break;
      default: {
        const valid = code >= 0x20 && (code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000);
        out += valid ? ch : '\ufffd';
      }
    }
  }
  return out;
}

/** Element text: like {@link escapeXml}, but line breaks stay literal so CI logs read naturally. */
function escapeText(text: string): string {
  return escapeXml(text.replace(/\r\n?/g, '\n')).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

function attrs(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** One finding per line: line breaks inside a message or a reason become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function findingLine(f: Finding): string {
  const where = [formatRef(f.resource), f.path ?? ''].filter((s) => s !== '' && s !== '(cluster)').join(' ');
  const at = formatSource(f.source);
  const subject = where === '' ? '' : ` ${where}`;
  return oneLine(`${f.status}${subject}${at === '' ? '' : ` (${at})`}: ${f.message}`);
}

function exemptedLine(f: Finding): string {
  return `EXEMPTED ${findingLine(f)} [${f.exemption?.id ?? 'exempted'}: ${oneLine(f.exemption?.reason ?? '')}]`;
}

interface Outcome {
  readonly kind: 'pass' | 'failure' | 'error' | 'skipped';
  readonly message: string;
  readonly type: string;
  readonly body: string;
  readonly out: string;
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

function outcomeOf(control: ControlResult, warnAsFailure: boolean): Outcome {
  const counted = control.findings.filter((f) => !f.exempted);
  const fails = counted.filter((f) => f.status === 'FAIL');
  const warns = counted.filter((f) => f.status === 'WARN');
  const errors = counted.filter((f) => f.status === 'ERROR');
  const exempted = control.findings.filter((f) => f.exempted);
  const notes = exempted.map(exemptedLine);
  const lines = (fs: readonly Finding[]): string[] => fs.map(findingLine);

  if (control.rules.length === 0 || control.status === 'INFO') {
    const message = control.reason ?? (control.rules.length === 0 ? 'Not evaluated by kubecis' : 'Skipped');
    return { kind: 'skipped', message, type: control.status, body: '', out: '' };
  }
  switch (control.status) {
    case 'FAIL': {
      const message = `${plural(fails.length, 'failing finding')}${warns.length > 0 ? `, ${plural(warns.length, 'warning')}` : ''}`;
      return { kind: 'failure', message, type: 'FAIL', body: [...lines(fails), ...lines(warns), ...lines(errors)].join('\n'), out: notes.join('\n') };
    }
    case 'ERROR':
      return { kind: 'error', message: control.reason ?? 'A rule failed', type: 'ERROR', body: [...lines(errors), ...lines(warns)].join('\n'), out: notes.join('\n') };
    case 'WARN': {
      const message = plural(warns.length, 'warning');
      if (warnAsFailure) return { kind: 'failure', message, type: 'WARN', body: lines(warns).join('\n'), out: notes.join('\n') };
      return { kind: 'pass', message: '', type: '', body: '', out: [...lines(warns), ...notes].join('\n') };
    }
    default:
      return { kind: 'pass', message: '', type: '', body: '', out: notes.join('\n') };
  }
}

function sectionOf(control: ControlResult): string {
  if (control.section !== null) return control.section;
  const match = /^(\d+(?:\.\d+)*)\.\d+$/.exec(control.id);
  return match?.[1] ?? '';
}

/**
 * The report as JUnit XML for CI dashboards: one testcase per control (FAIL → `<failure>` listing
 * the findings, ERROR → `<error>`, WARN → `<system-out>`, or `<failure>` with `warnAsFailure`;
 * controls no rule evaluates and disabled ones → `<skipped>`). Exempted findings are listed as
 * notes in `<system-out>` and never fail a test.
 */
export function formatJunit(report: Report, options: JunitFormatOptions = {}): string {
  const warnAsFailure = options.warnAsFailure === true;
  const titles = new Map<string, string>(Object.entries(kubeBenchSectionTitles));
  for (const s of options.benchmark?.sections ?? []) titles.set(s.id, s.title);
  for (const s of options.sections ?? []) titles.set(s.id, s.title);
  const rootName = `${report.tool.name}${report.benchmark === null ? '' : ` ${report.benchmark}`}`;

  const groups: { id: string; name: string; controls: ControlResult[] }[] = [];
  for (const control of report.controls) {
    const id = options.suites === 'single' ? '' : sectionOf(control);
    let group = groups.find((g) => g.id === id);
    if (group === undefined) {
      const title = titles.get(id);
      const name = id === '' ? rootName : `${id}${title === undefined ? '' : ` ${title}`}`;
      group = { id, name, controls: [] };
      groups.push(group);
    }
    group.controls.push(control);
  }

  const diagnostics = report.diagnostics.map((d) => {
    const at = formatSource(d.source);
    return `${d.severity}${at === '' ? '' : ` ${at}`}: ${d.message}`;
  });
  if (groups.length === 0 && diagnostics.length > 0) groups.push({ id: '', name: rootName, controls: [] });

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = groups.map((group, index) => {
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases = group.controls.map((control) => {
      const o = outcomeOf(control, warnAsFailure);
      counts.tests++;
      if (o.kind === 'failure') counts.failures++;
      if (o.kind === 'error') counts.errors++;
      if (o.kind === 'skipped') counts.skipped++;
      const tag = control.type === 'automated' ? 'Automated' : 'Manual';
      const head = `    <testcase${attrs([
        ['name', `${control.id} ${control.title} (${tag})`],
        ['classname', group.name],
        ['time', 0],
      ])}`;
      const children: string[] = [];
      if (o.kind === 'failure' || o.kind === 'error') {
        const body = o.body === '' ? '' : escapeText(o.body);
        children.push(`      <${o.kind}${attrs([['message', o.message], ['type', o.type]])}>${body}</${o.kind}>`);
      } else if (o.kind === 'skipped') {
        children.push(`      <skipped${attrs([['message', o.message]])}/>`);
      }
      if (o.out !== '') children.push(`      <system-out>${escapeText(o.out)}</system-out>`);
      return children.length === 0 ? `${head}/>` : `${head}>\n${children.join('\n')}\n    </testcase>`;
    });
    // Input diagnostics (malformed objects, unresolved references) go to the first suite's output.
    if (index === 0 && diagnostics.length > 0) cases.push(`    <system-out>${escapeText(diagnostics.join('\n'))}</system-out>`);
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    const open = `  <testsuite${attrs([
      ['name', group.name],
      ['tests', counts.tests],
      ['failures', counts.failures],
      ['errors', counts.errors],
      ['skipped', counts.skipped],
      ['time', 0],
      ['timestamp', options.timestamp],
    ])}>`;
    return cases.length === 0 ? `${open}</testsuite>` : `${open}\n${cases.join('\n')}\n  </testsuite>`;
  });

  const root = `<testsuites${attrs([
    ['name', rootName],
    ['tests', totals.tests],
    ['failures', totals.failures],
    ['errors', totals.errors],
    ['skipped', totals.skipped],
    ['time', 0],
  ])}>`;
  return `${['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>'].join('\n')}\n`;
}
