// Generates rule docs, package README rule tables and the root README's control list from rule
// meta. `pnpm run docs` writes them; test/docs.test.ts fails when any is out of date.
import type { AnyRule, Benchmark, Pack } from '@kubecis/core';

const benchmarkOrder = ['cis-1.7', 'cis-1.8', 'cis-1.9', 'cis-1.10', 'cis-1.11', 'cis-1.12', 'cis-2.0'];

export function slugOf(rule: AnyRule): string {
  return rule.id.slice(rule.id.indexOf('/') + 1);
}

function controlsLine(rule: AnyRule): string {
  const entries = Object.entries(rule.meta.controls).sort(([a], [b]) => benchmarkOrder.indexOf(a) - benchmarkOrder.indexOf(b));
  if (entries.length === 0) return 'none';
  return entries.map(([benchmark, ids]) => `${benchmark}: ${ids.join(', ')}`).join('; ');
}

interface ZodLike {
  readonly shape?: Record<string, { description?: string; def?: { defaultValue?: unknown; type?: string } }>;
}

function optionsSection(rule: AnyRule): string[] {
  const schema = rule.meta.options as unknown as ZodLike | undefined;
  const shape = schema?.shape;
  if (!shape || Object.keys(shape).length === 0) return ['This rule has no options.'];
  const lines = ['| option | default | description |', '| --- | --- | --- |'];
  let defaults: Record<string, unknown>;
  try {
    defaults = rule.parseOptions({}) as Record<string, unknown>;
  } catch {
    defaults = {};
  }
  for (const [name, field] of Object.entries(shape)) {
    const value = defaults[name];
    lines.push(`| \`${name}\` | ${value === undefined ? '' : `\`${JSON.stringify(value)}\``} | ${(field.description ?? '').replace(/\|/g, '\\|')} |`);
  }
  return lines;
}

/** The Markdown doc of one rule. */
export function ruleDoc(rule: AnyRule): string {
  const m = rule.meta;
  const lines = [
    `# ${rule.id}`,
    '',
    `> ${m.title}`,
    '',
    `${m.description}.`,
    '',
    `- **Severity:** ${m.severity}`,
    `- **Type:** ${m.type}`,
    `- **CIS controls:** ${controlsLine(rule)}`,
    ...(m.tags && m.tags.length > 0 ? [`- **Tags:** ${m.tags.join(', ')}`] : []),
    ...(m.deprecated ? [`- **Deprecated**${m.replacedBy ? `: use ${m.replacedBy.join(', ')}` : ''}`] : []),
    '',
    '## Why',
    '',
    m.rationale,
    '',
    '## How to fix',
    '',
    m.remediation,
    '',
    '## Options',
    '',
    ...optionsSection(rule),
    '',
    '## Messages',
    '',
    '| id | message |',
    '| --- | --- |',
    ...Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, '\\|')} |`),
    '',
    '<!-- Generated from the rule\'s meta by `pnpm run docs`; edit the rule, not this file. -->',
    '',
  ];
  return lines.join('\n');
}

/** The rules table of a pack's README. */
export function rulesTable(pack: Pack): string {
  const lines = ['| rule | title | severity | type | cis-1.10 |', '| --- | --- | --- | --- | --- |'];
  for (const rule of pack.rules) {
    lines.push(`| [\`${rule.id}\`](docs/rules/${slugOf(rule)}.md) | ${rule.meta.title} | ${rule.meta.severity} | ${rule.meta.type} | ${(rule.meta.controls['cis-1.10'] ?? []).join(', ')} |`);
  }
  return lines.join('\n');
}

/** The root README's list of controls of a benchmark, with their type and the rules that evaluate them. */
export function controlsTable(benchmark: Benchmark, packageOfRule: (rule: AnyRule) => string): string {
  const lines = [`| ${benchmark.id} | control | type | kubecis rules |`, '| --- | --- | --- | --- |'];
  for (const control of benchmark.controls) {
    const rules = benchmark.rules.filter((r) => (r.meta.controls[benchmark.id] ?? []).includes(control.id));
    const links = rules.map((r) => `[\`${r.id}\`](packages/${packageOfRule(r)}/docs/rules/${slugOf(r)}.md)`).join(', ');
    lines.push(`| ${control.id} | ${control.title} | ${control.type === 'automated' ? 'Automated' : 'Manual'} | ${links === '' ? 'not evaluated yet' : links} |`);
  }
  return lines.join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1 || j < i) throw new Error(`markers ${start} … ${end} not found`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}
