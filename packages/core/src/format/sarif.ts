import type { ObjectRef, SourceLocation } from '../snapshot/types.js';
import type { AnyRule, Benchmark, Severity } from '../rule/types.js';
import type { Finding, Report } from '../report/types.js';

export interface SarifFormatOptions {
  /** Rule meta for the reporting descriptors (title, description, remediation, docs, tags). */
  readonly rules?: readonly AnyRule[];
  /** The benchmark the report was evaluated against; its rules are used like `rules`. */
  readonly benchmark?: Benchmark;
  /** `runs[0].automationDetails.id` (GitHub code scanning's category), e.g. `kubecis/cis-1.10/`. Omitted unless given. */
  readonly automationId?: string;
  /** Invocation start and end times (ISO 8601). Core reads no clock: omitted unless given. */
  readonly startTimeUtc?: string;
  readonly endTimeUtc?: string;
  /** `artifactLocation.uriBaseId` for relative file paths (`%SRCROOT%`). Omitted unless given. */
  readonly uriBaseId?: string;
  /** The tool's `informationUri`. */
  readonly informationUri?: string;
  /** Indentation of the JSON text (default two spaces). */
  readonly indent?: string | number;
}

/** The SARIF schema the output declares and validates against. */
export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

const defaultInformationUri = 'https://github.com/kubecis/kubecis';

type Level = 'error' | 'warning' | 'note' | 'none';

const severityLevel: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank security alerts. */
const securitySeverity: Readonly<Record<Severity, string | undefined>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. A small, pure, stable hash for
 * fingerprints: not cryptographic, and it does not need to be.
 */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  const feed = (byte: number): void => {
    hash = ((hash ^ BigInt(byte)) * prime) & mask;
  };
  for (const ch of text) {
    let code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) feed(code);
    else if (code < 0x800) {
      feed(0xc0 | (code >> 6));
      feed(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      feed(0xe0 | (code >> 12));
      feed(0x80 | ((code >> 6) & 0x3f));
      feed(0x80 | (code & 0x3f));
    } else {
      feed(0xf0 | (code >> 18));
      feed(0x80 | ((code >> 12) & 0x3f));
      feed(0x80 | ((code >> 6) & 0x3f));
      feed(0x80 | (code & 0x3f));
    }
  }
  return hash.toString(16).padStart(16, '0');
}

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
export function resourceName(ref: ObjectRef): string {
  return ref.namespace === null ? `${ref.kind}/${ref.name}` : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * The fingerprint of a finding that stays the same across runs while the finding does: rule,
 * message id, resource identity and field path, but no line numbers and no message text.
 */
export function findingFingerprint(finding: Pick<Finding, 'ruleId' | 'messageId' | 'resource' | 'path'>): string {
  const ref = finding.resource;
  const resource = ref === null ? '' : [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
  return fnv1a64([finding.ruleId, finding.messageId, resource, finding.path ?? ''].join('\u0001'));
}

/** A file path as given (relative paths stay relative), as a URI reference: `/` separators, percent-encoded. */
function fileUri(file: string): string | null {
  if (file === '' || file === '-' || file === '<stdin>') return null;
  const slashes = file.replace(/\\/g, '/');
  const encoded = encodeURI(slashes).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
  if (/^[A-Za-z]:\//.test(slashes)) return `file:///${encoded}`;
  if (slashes.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

function physicalLocation(source: SourceLocation | null, uriBaseId: string | undefined): Record<string, unknown> | null {
  if (source === null) return null;
  const uri = fileUri(source.file);
  if (uri === null) return null;
  const relative = !uri.startsWith('file:');
  const artifactLocation = { uri, ...(relative && uriBaseId !== undefined ? { uriBaseId } : {}) };
  const line = Math.trunc(source.line);
  if (!(line >= 1)) return { artifactLocation };
  const column = source.column === undefined ? undefined : Math.trunc(source.column);
  return { artifactLocation, region: { startLine: line, ...(column !== undefined && column >= 1 ? { startColumn: column } : {}) } };
}

function logicalLocation(ref: ObjectRef): Record<string, unknown> {
  return { name: ref.name, fullyQualifiedName: resourceName(ref), kind: 'resource' };
}

function pascal(slug: string): string {
  return slug
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

interface Descriptor {
  readonly id: string;
  readonly json: Record<string, unknown>;
}

function descriptorFromRule(rule: AnyRule, benchmark: string | null): Descriptor {
  const meta = rule.meta;
  const slug = rule.id.slice(rule.id.indexOf('/') + 1);
  const cis = benchmark === null ? undefined : meta.controls[benchmark];
  const text = [sentence(meta.description), '', `Why: ${meta.rationale}`, '', `Fix: ${meta.remediation}`, '', `Docs: ${meta.docsUrl}`].join('\n');
  const markdown = [
    sentence(meta.description),
    '',
    '**Why.** ' + meta.rationale,
    '',
    '**How to fix.** ' + meta.remediation,
    ...(cis === undefined || cis.length === 0 ? [] : ['', `**CIS ${benchmark ?? ''}:** ${cis.join(', ')}`]),
    '',
    `[Documentation](${meta.docsUrl})`,
  ].join('\n');
  const sev = securitySeverity[meta.severity];
  return {
    id: rule.id,
    json: {
      id: rule.id,
      name: pascal(slug),
      shortDescription: { text: meta.title },
      fullDescription: { text: sentence(meta.description) },
      helpUri: meta.docsUrl,
      help: { text, markdown },
      defaultConfiguration: { level: severityLevel[meta.severity] },
      properties: {
        tags: [...new Set(['security', 'kubernetes', 'cis', ...(meta.tags ?? [])])],
        precision: meta.type === 'automated' ? 'high' : 'medium',
        ...(sev === undefined ? {} : { 'security-severity': sev }),
        severity: meta.severity,
        type: meta.type,
        ...(cis === undefined ? {} : { cisControls: [...cis] }),
        controls: meta.controls,
        ...(meta.deprecated === true ? { deprecated: true } : {}),
      },
    },
  };
}

function descriptorFromReport(id: string, report: Report): Descriptor {
  const controls = report.controls.filter((c) => c.rules.includes(id));
  const findings = controls.flatMap((c) => c.findings.filter((f) => f.ruleId === id));
  // Evaluated without a benchmark, the control is the rule itself and carries its title.
  const own = controls.find((c) => c.id === id);
  const title = own?.title ?? (controls.length === 1 && controls[0]!.rules.length === 1 ? controls[0]!.title : id);
  const severity = findings[0]?.severity;
  const slug = id.slice(id.indexOf('/') + 1);
  return {
    id,
    json: {
      id,
      name: pascal(slug),
      shortDescription: { text: title },
      ...(severity === undefined ? {} : { defaultConfiguration: { level: severityLevel[severity] } }),
      properties: {
        tags: ['security', 'kubernetes', 'cis'],
        ...(severity === undefined || securitySeverity[severity] === undefined ? {} : { 'security-severity': securitySeverity[severity] }),
        ...(report.benchmark === null ? {} : { cisControls: controls.map((c) => c.id) }),
      },
    },
  };
}

function findingKey(f: Finding): string {
  const ref = f.resource;
  return [f.ruleId, f.status, f.messageId, f.message, ref?.apiVersion ?? '', ref?.kind ?? '', ref?.namespace ?? '', ref?.name ?? '', f.path ?? ''].join('\u0000');
}

/**
 * The report as SARIF 2.1.0 (GitHub code scanning and other SARIF viewers): one reporting
 * descriptor per rule, one result per FAIL or WARN finding (each finding once, even when its
 * rule serves several controls), with the file and line of the offending field, the Kubernetes
 * object as a logical location, a fingerprint that survives edits elsewhere in the file, and
 * exempted findings as external suppressions. Rule errors and input diagnostics become tool
 * execution notifications.
 */
export function toSarif(report: Report, options: SarifFormatOptions = {}): Record<string, unknown> {
  const benchmarkId = report.benchmark ?? options.benchmark?.id ?? null;
  const descriptors: Descriptor[] = [];
  const indexOf = new Map<string, number>();
  const add = (d: Descriptor): void => {
    if (indexOf.has(d.id)) return;
    indexOf.set(d.id, descriptors.length);
    descriptors.push(d);
  };
  for (const rule of [...(options.benchmark?.rules ?? []), ...(options.rules ?? [])]) add(descriptorFromRule(rule, benchmarkId));
  for (const control of report.controls) for (const id of control.rules) if (!indexOf.has(id)) add(descriptorFromReport(id, report));

  const results: Record<string, unknown>[] = [];
  const resultByKey = new Map<string, { controls: string[] }>();
  const notifications: Record<string, unknown>[] = [];
  const erroredRules = new Set<string>();

  for (const control of report.controls) {
    for (const f of control.findings) {
      if (f.status === 'ERROR') {
        if (erroredRules.has(f.ruleId)) continue;
        erroredRules.add(f.ruleId);
        const index = indexOf.get(f.ruleId);
        notifications.push({
          level: 'error',
          message: { text: f.message },
          ...(index === undefined ? {} : { associatedRule: { id: f.ruleId, index } }),
        });
        continue;
      }
      if (f.status !== 'FAIL' && f.status !== 'WARN') continue;
      const key = findingKey(f);
      const seen = resultByKey.get(key);
      if (seen !== undefined) {
        if (benchmarkId !== null && !seen.controls.includes(control.id)) seen.controls.push(control.id);
        continue;
      }
      const controls = benchmarkId === null ? [] : [control.id];
      resultByKey.set(key, { controls });
      const physical = physicalLocation(f.source, options.uriBaseId);
      const location = {
        ...(physical === null ? {} : { physicalLocation: physical }),
        ...(f.resource === null ? {} : { logicalLocations: [logicalLocation(f.resource)] }),
      };
      const related = f.evidence.map((e, i) => ({
        id: i + 1,
        logicalLocations: [logicalLocation(e.resource)],
        message: {
          text: `${e.relation}: ${resourceName(e.resource)}${e.path === null ? '' : ` ${e.path}`}${e.builtIn === true ? ' (Kubernetes built-in)' : ''}`,
        },
      }));
      const index = indexOf.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: f.status === 'FAIL' ? 'error' : 'warning',
        message: { text: f.message },
        ...(Object.keys(location).length === 0 ? {} : { locations: [location] }),
        ...(related.length === 0 ? {} : { relatedLocations: related }),
        partialFingerprints: { 'kubecisFinding/v1': findingFingerprint(f) },
        ...(f.exempted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.exemption?.reason ?? 'exempted' }] } : {}),
        properties: {
          status: f.status,
          severity: f.severity,
          messageId: f.messageId,
          ...(f.path === null ? {} : { path: f.path }),
          ...(benchmarkId === null ? {} : { cisControls: controls }),
          ...(f.exemption === null || !f.exempted ? {} : { exemption: { id: f.exemption.id, origin: f.exemption.origin, expires: f.exemption.expires } }),
        },
      });
    }
  }

  for (const d of report.diagnostics) {
    const physical = physicalLocation(d.source, options.uriBaseId);
    const logical = d.object === undefined || d.object === null ? null : logicalLocation(d.object);
    const location = {
      ...(physical === null ? {} : { physicalLocation: physical }),
      ...(logical === null ? {} : { logicalLocations: [logical] }),
    };
    notifications.push({
      level: d.severity === 'info' ? 'note' : d.severity,
      message: { text: d.message },
      ...(Object.keys(location).length === 0 ? {} : { locations: [location] }),
    });
  }

  const version = report.tool.version;
  const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version);
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version,
            ...(semver ? { semanticVersion: version } : {}),
            informationUri: options.informationUri ?? defaultInformationUri,
            rules: descriptors.map((d) => d.json),
          },
        },
        ...(options.automationId === undefined ? {} : { automationDetails: { id: options.automationId } }),
        invocations: [
          {
            executionSuccessful: erroredRules.size === 0,
            ...(options.startTimeUtc === undefined ? {} : { startTimeUtc: options.startTimeUtc }),
            ...(options.endTimeUtc === undefined ? {} : { endTimeUtc: options.endTimeUtc }),
            ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { benchmark: report.benchmark, summary: report.summary },
      },
    ],
  };
}

/** {@link toSarif} as JSON text. */
export function formatSarif(report: Report, options: SarifFormatOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, options.indent ?? 2)}\n`;
}
