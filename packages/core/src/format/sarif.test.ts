import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { createSnapshot } from '../snapshot/create-snapshot.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Report } from '../report/types.js';
import { benchmark, fixtureObjects, fixtureReport, fixtureRules, noPrivileged, secretMarker, secretMarkerBase64 } from '../../test/format-fixture.js';
import { findingFingerprint, fnv1a64, formatSarif, resourceName, sarifSchemaUri, toSarif } from './sarif.js';

// Both are CommonJS modules that also set `exports.default` to themselves, so `.default` is the
// class and the plugin under Node's ESM interop, vitest's, and TypeScript's NodeNext view alike.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

const schemaUrl = new URL('../../test/schemas/sarif-2.1.0-rtm.5.json', import.meta.url);

// Loose shapes for reading the output in tests.
interface Sarif {
  $schema: string;
  version: string;
  runs: Run[];
}
interface Run {
  tool: { driver: { name: string; version: string; rules: Descriptor[] } };
  automationDetails?: { id: string };
  invocations: { executionSuccessful: boolean; startTimeUtc?: string; toolExecutionNotifications?: Notification[] }[];
  results: Result[];
}
interface Descriptor {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: string };
  properties: { tags: string[]; cisControls?: string[]; 'security-severity'?: string };
}
interface Location {
  physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations?: Location[];
  relatedLocations?: (Location & { message: { text: string } })[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  properties: { status: string; cisControls?: string[]; path?: string };
}
interface Notification {
  level: string;
  message: { text: string };
  associatedRule?: { id: string; index: number };
  locations?: Location[];
}

const read = (r: Report, options: Parameters<typeof formatSarif>[1] = {}): Sarif => JSON.parse(formatSarif(r, options)) as Sarif;
const report = fixtureReport();
const sarif = read(report, { benchmark });
const run = sarif.runs[0]!;

describe.skipIf(!existsSync(schemaUrl))(`formatSarif: schema (${schemaUrl.pathname})`, () => {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;
  // The schema's `language` pattern has a stray `]` that is invalid under the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const valid = (log: unknown): boolean => {
    const ok = validate(log);
    if (!ok) expect(validate.errors).toEqual([]);
    return ok;
  };

  it('validates against the SARIF 2.1.0 schema, with rule meta, without it, and with every option', () => {
    expect(valid(sarif)).toBe(true);
    expect(valid(read(report))).toBe(true);
    expect(valid(read(fixtureReport({ strict: true }), { rules: [...fixtureRules], automationId: 'kubecis/cis-1.10/', startTimeUtc: '2026-06-01T10:00:00Z', endTimeUtc: '2026-06-01T10:00:02Z', uriBaseId: '%SRCROOT%' }))).toBe(true);
  });

  it('rejects a broken log (the schema check is not vacuous)', () => {
    const broken = structuredClone(sarif) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate({ version: '2.1.0' })).toBe(false);
  });

  it('validates a report evaluated without a benchmark, and an empty one', () => {
    const { objects, sources } = fixtureObjects();
    const plain = evaluate(createSnapshot(objects, { sources }), [...fixtureRules]);
    expect(valid(read(plain))).toBe(true);
    expect(valid(read({ ...plain, controls: [], diagnostics: [] }))).toBe(true);
  });

  it('validates whatever the messages, names and file paths hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: -3, max: 5000 }), (message, file, line) => {
        const control = report.controls.find((c) => c.id === '5.2.2')!;
        const finding = { ...control.findings[1]!, message, source: { file, line } };
        const odd: Report = { ...report, controls: [{ ...control, findings: [finding] }] };
        return validate(toSarif(odd));
      }),
      { numRuns: 50 },
    );
  });
});

describe('formatSarif: rules', () => {
  it('names the tool and declares the schema and version', () => {
    expect(sarif.$schema).toBe(sarifSchemaUri);
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'kubecis', version: '0.1.0', semanticVersion: '0.1.0' });
  });

  it('has one reporting descriptor per rule, filled from rule meta', () => {
    expect(run.tool.driver.rules.map((d) => d.id)).toEqual(fixtureRules.map((r) => r.id));
    const d = run.tool.driver.rules[1]!;
    expect(d).toMatchObject({
      id: 'fixture/no-privileged',
      name: 'NoPrivileged',
      shortDescription: { text: noPrivileged.meta.title },
      fullDescription: { text: 'Flags containers with securityContext.privileged set to true.' },
      helpUri: noPrivileged.meta.docsUrl,
      defaultConfiguration: { level: 'error' },
      properties: { cisControls: ['5.2.2'], 'security-severity': '9.5' },
    });
    expect(d.help!.text).toContain(noPrivileged.meta.remediation);
    expect(d.help!.markdown).toContain(noPrivileged.meta.remediation);
    expect(d.properties.tags).toEqual(expect.arrayContaining(['security', 'pod-security']));
    const levels = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration?.level]));
    expect(levels).toMatchObject({ 'fixture/no-wildcards': 'error', 'fixture/no-secret-env': 'warning', 'fixture/secret-inventory': 'note', 'fixture/namespace-owner': 'note' });
  });

  it('derives minimal descriptors from the report when no rule meta is given', () => {
    const derived = read(report).runs[0]!.tool.driver.rules;
    expect(derived.map((d) => d.id)).toEqual(['fixture/no-wildcards', 'fixture/no-privileged', 'fixture/host-ipc', 'fixture/no-secret-env', 'fixture/secret-inventory', 'fixture/namespace-owner']);
    expect(derived[1]).toMatchObject({ shortDescription: { text: 'Minimize the admission of privileged containers' }, defaultConfiguration: { level: 'error' }, properties: { cisControls: ['5.2.2'] } });
  });
});

describe('formatSarif: results', () => {
  const counted = report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'FAIL' || f.status === 'WARN');

  it('has one result per FAIL or WARN finding, with the rule index and a level by status', () => {
    expect(run.results).toHaveLength(counted.length);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.level).toBe(r.properties.status === 'FAIL' ? 'error' : 'warning');
    }
    expect(run.results.map((r) => r.message.text)).toEqual(counted.map((f) => f.message));
  });

  it('locates each result at the file and line of the field, relative paths as given, and at the object', () => {
    const web = run.results.find((r) => r.message.text.startsWith('Container debug'))!;
    expect(web.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'manifests/apps/web%20deploy.yaml' }, region: { startLine: 7 } },
        logicalLocations: [{ name: 'web', fullyQualifiedName: 'Deployment/shop/web', kind: 'resource' }],
      },
    ]);
    expect(web.properties.path).toBe('spec.template.spec.containers[1].securityContext.privileged');
    const backup = run.results.find((r) => r.message.text.startsWith('Container backup'))!;
    expect(backup.locations![0]!.physicalLocation!.artifactLocation.uri).toBe('manifests/apps/backup%7Cnightly.yaml');
    const wildcard = run.results.find((r) => r.ruleId === 'fixture/no-wildcards' && r.suppressions === undefined)!;
    expect(wildcard.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe('ClusterRole/ci-deployer');
    expect(wildcard.relatedLocations).toEqual([
      { id: 1, logicalLocations: [{ name: 'ci-deployer', fullyQualifiedName: 'ClusterRoleBinding/ci-deployer', kind: 'resource' }], message: { text: 'bound-by: ClusterRoleBinding/ci-deployer roleRef' } },
    ]);
  });

  it('turns absolute and Windows paths into file URIs, and drops stdin', () => {
    const control = report.controls.find((c) => c.id === '5.2.2')!;
    const at = (file: string): Location[] | undefined => {
      const finding = { ...control.findings[1]!, source: { file, line: 2, column: 5 } };
      return read({ ...report, controls: [{ ...control, findings: [finding] }] }, { uriBaseId: '%SRCROOT%' }).runs[0]!.results[0]!.locations;
    };
    expect(at('/abs/dir/a.yaml')![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'file:///abs/dir/a.yaml' }, region: { startLine: 2, startColumn: 5 } });
    expect(at('C:\\k8s\\a b.yaml')![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///C:/k8s/a%20b.yaml' });
    expect(at('rel/a#1.yaml')![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'rel/a%231.yaml', uriBaseId: '%SRCROOT%' });
    expect(at('<stdin>')![0]!.physicalLocation).toBeUndefined();
  });

  it('marks exempted findings with an external suppression that carries the reason', () => {
    const suppressed = run.results.filter((r) => r.suppressions !== undefined);
    expect(suppressed.map((r) => r.locations![0]!.logicalLocations![0]!.fullyQualifiedName).sort()).toEqual([
      'ClusterRole/cluster-admin',
      'CronJob/shop/backup',
      'Pod/kube-system/kube-proxy-x1',
    ]);
    const backup = suppressed.find((r) => r.message.text.startsWith('Container backup'))!;
    expect(backup.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Backup agent reads host volumes | approved by security\nuntil the CSI migration' }]);
    expect(read(fixtureReport({ strict: true })).runs[0]!.results.filter((r) => r.suppressions !== undefined && !r.message.text.startsWith('Container backup'))).toEqual([]);
  });

  it('reports each finding once when its rule serves several controls', () => {
    const control = report.controls.find((c) => c.id === '5.1.3')!;
    const doubled: Report = { ...report, controls: [control, { ...control, id: '5.1.1' }] };
    const results = read(doubled).runs[0]!.results;
    expect(results).toHaveLength(control.findings.filter((f) => f.status === 'FAIL').length);
    expect(results[0]!.properties.cisControls).toEqual(['5.1.3', '5.1.1']);
  });
});

describe('formatSarif: fingerprints', () => {
  it('implements 64-bit FNV-1a over UTF-8', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });

  it('stay the same across runs when only lines, order and messages move', () => {
    const { objects, sources } = fixtureObjects();
    const shifted = evaluate(createSnapshot([...objects].reverse(), { sources: [...sources].reverse() }), benchmark, {
      locate: (origin, path) => (origin.source === null ? null : { file: origin.source.file, line: origin.source.line + 40 + (path?.length ?? 0) }),
    });
    const prints = (r: Report): string[] => read(r).runs[0]!.results.map((x) => x.partialFingerprints['kubecisFinding/v1']!).sort();
    expect(prints(shifted)).toEqual(prints(report));
  });

  it('differ between findings', () => {
    const prints = run.results.map((r) => r.partialFingerprints['kubecisFinding/v1']!);
    expect(new Set(prints).size).toBe(prints.length);
    const f = report.controls[1]!.findings[0]!;
    expect(findingFingerprint(f)).not.toBe(findingFingerprint({ ...f, path: 'rules[0]' }));
    expect(findingFingerprint(f)).not.toBe(findingFingerprint({ ...f, resource: { ...f.resource!, namespace: 'x' } }));
    expect(findingFingerprint(f)).toBe(findingFingerprint({ ...f, source: null, message: 'other' } as typeof f));
  });
});

describe('formatSarif: invocation', () => {
  it('reports rule errors and input diagnostics as notifications, and the run as unsuccessful', () => {
    const inv = run.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const notes = inv.toolExecutionNotifications!;
    expect(notes[0]).toMatchObject({ level: 'error', associatedRule: { id: 'fixture/host-ipc', index: 5 } });
    expect(notes[0]!.message.text).toContain('index <out>');
    expect(notes[1]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/broken.yaml' }, region: { startLine: 2 } } }] });
  });

  it('takes timestamps and the category only from options (core reads no clock)', () => {
    expect(run.invocations[0]!.startTimeUtc).toBeUndefined();
    expect(run.automationDetails).toBeUndefined();
    const timed = read(report, { startTimeUtc: '2026-06-01T10:00:00Z', automationId: 'kubecis/' }).runs[0]!;
    expect(timed.invocations[0]!.startTimeUtc).toBe('2026-06-01T10:00:00Z');
    expect(timed.automationDetails).toEqual({ id: 'kubecis/' });
    expect(formatSarif(report)).toBe(formatSarif(report));
  });

  it('names resources kind/namespace/name', () => {
    expect(resourceName({ apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'b' })).toBe('Pod/a/b');
    expect(resourceName({ apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'a' })).toBe('Namespace/a');
  });
});

describe('formatSarif: secret values', () => {
  it('never prints a Secret value or an env literal, strict or not', () => {
    for (const r of [report, fixtureReport({ strict: true })]) {
      for (const out of [formatSarif(r), formatSarif(r, { benchmark })]) {
        expect(out).not.toContain(secretMarker);
        expect(out).not.toContain(secretMarkerBase64);
      }
    }
  });
});
