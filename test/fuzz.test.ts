// Fuzzing every rule of every shipped pack and the CLI's parser (issue 8): on generated and
// mutated objects and texts, nothing throws, nothing hangs, results are deterministic and do not
// depend on the order of the input, the input is never mutated and no prototype is polluted.
//
// The normal test run generates a few thousand objects. `pnpm fuzz` (scripts/fuzz.mjs) runs this
// file with FUZZ_OBJECTS=1000000 (any number may be given) and a seed of its own; FC_SEED repeats
// a run. Each property reports how many objects it generated; the last test checks the total.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createSnapshot, evaluate, type AnyRule, type Finding, type Report } from '@kubecis/core';
import { packs } from 'kubecis';
import { stringify as yamlStringify } from 'yaml';
import { generateCluster } from '../bench/generate-cluster.js';
import { isDeepStrictEqual } from 'node:util';
import { loadAll } from 'js-yaml';
import { loadText, schema as yamlSchema } from '../packages/kubecis/src/cli/load.js';
import { readSimpleYaml } from '../packages/kubecis/src/cli/fast-yaml.js';
import { splitYamlDocuments } from '../packages/kubecis/src/cli/split.js';

const target = Number(process.env['FUZZ_OBJECTS'] ?? 3000);
const seed = process.env['FC_SEED'] === undefined ? 20261126 : Number(process.env['FC_SEED']);
const rules: AnyRule[] = packs.flatMap((p) => [...p.rules]);
const now = new Date('2026-01-15T00:00:00Z');
/** An evaluation of a few hundred objects takes milliseconds; this much means a hang. */
const hangMs = 20_000;

let generated = 0;
const counts: Record<string, number> = {};
const count = (property: string, objects: number): void => {
  generated += objects;
  counts[property] = (counts[property] ?? 0) + objects;
};

// ---------------------------------------------------------------------------------------------
// Arbitraries: realistic objects (the benchmark generator's clusters plus hand-made kinds it does
// not make), then mutated: fields removed, replaced by values of the wrong type, nulls, junk,
// `__proto__` and `constructor` keys, long strings, deep nesting, duplicates.

type Json = unknown;
type Path = (string | number)[];

const rbac = 'rbac.authorization.k8s.io/v1';
const extraObjects = (n: number): Record<string, unknown>[] => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `restricted-${String(n)}`, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.25' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: `debug-${String(n)}`, namespace: 'kube-system' }, spec: { hostPID: true, hostIPC: true, ephemeralContainers: [{ name: 'dbg', image: 'busybox', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } } }], containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'h', hostPath: { path: '/' } }], securityContext: { windowsOptions: { hostProcess: true }, sysctls: [{ name: 'kernel.x', value: '1' }], seccompProfile: { type: 'Unconfined' } } } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `job-${String(n)}`, namespace: 'default' }, spec: { template: { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } }, spec: { containers: [{ name: 'c', image: 'nginx:latest', env: [{ name: 'TOKEN', value: 'literal' }], ports: [{ containerPort: 80, hostPort: 80 }] }], os: { name: 'windows' } } } } },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: `rc-${String(n)}`, namespace: 'legacy' }, spec: { template: { spec: { automountServiceAccountToken: true, containers: [{ name: 'c', securityContext: { runAsUser: 0, allowPrivilegeEscalation: true, procMount: 'Unmasked', seLinuxOptions: { type: 'spc_t' } } }] } } } },
  { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: `pt-${String(n)}`, namespace: 'legacy' }, template: { spec: { containers: [{ name: 'c', lifecycle: { postStart: { httpGet: { host: '1.2.3.4', port: 80 } } } }] } } },
  { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'system:node-proxier', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }, rules: [{ apiGroups: [''], resources: ['nodes/proxy', 'secrets'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['get'] }] },
  { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: `escalator-${String(n)}`, labels: { 'rbac.example.com/aggregate': 'true' } }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind', 'escalate'] }, { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] }, { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] }, { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['*'] }, { apiGroups: [''], resources: ['persistentvolumes', 'pods', 'serviceaccounts/token'], verbs: ['create'] }] },
  { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: `aggregate-${String(n)}` }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }, { matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } },
  { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: `masters-${String(n)}` }, subjects: [{ kind: 'Group', name: 'system:masters' }, { kind: 'Group', name: 'system:serviceaccounts' }, { kind: 'User', name: 'alice' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } },
  { apiVersion: rbac, kind: 'RoleBinding', metadata: { name: `to-cr-${String(n)}`, namespace: 'legacy' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'legacy' }, { kind: 'ServiceAccount', name: 'other' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `aggregate-${String(n)}` } },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kyverno-resource-validating-webhook-cfg' }, webhooks: [{ name: 'validate.kyverno.svc', rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }], namespaceSelector: { matchLabels: { a: 'b' } }, failurePolicy: 'Ignore' }] },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: `vap-${String(n)}` }, spec: { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] }, validations: [{ expression: 'true' }] } },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: `vapb-${String(n)}` }, spec: { policyName: `vap-${String(n)}`, validationActions: ['Deny'] } },
  { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'disallow-privileged' }, spec: { validationFailureAction: 'Enforce', rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] } }] } },
  { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'calico-np', namespace: 'legacy' }, spec: { selector: 'all()' } },
  { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'gnp' }, spec: {} },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'calico-node', namespace: 'kube-system' }, spec: { template: { spec: { containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.28.0' }] } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'vault', namespace: 'vault', uid: 'loop-a', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vault2', uid: 'loop-b', controller: true }] }, spec: { template: { metadata: { annotations: { 'vault.hashicorp.com/agent-inject': 'true' } }, spec: { containers: [{ name: 'v', image: 'hashicorp/vault:1.15', envFrom: [{ secretRef: { name: 's' } }] }] } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'vault2', namespace: 'vault', uid: 'loop-b', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'vault', uid: 'loop-a', controller: true }] }, spec: { template: { spec: { containers: [{ name: 'v' }] } } } },
  { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nested', namespace: 'legacy' }, automountServiceAccountToken: true }] },
  { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'typed', namespace: 'legacy' }, spec: { containers: [{ name: 'c' }] } }] },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'legacy', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"p":"x"}}' } }, data: { p: 'eA==' }, stringData: { q: 'y' } },
];

/** Values of the wrong type, and the hostile ones: prototype keys, long strings, deep nesting. */
const wrongValues = (): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Json>(null, undefined, '', 'x', 'true', '0', 0, -1, 1.5, 65536, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}, [null], [1, 'a', {}], { a: null }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<Json>(Number.NaN, Number.POSITIVE_INFINITY, -0) },
    { weight: 1, arbitrary: fc.constant(0).map(() => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as Json) },
    { weight: 1, arbitrary: fc.constantFrom<Json>(['*'], ['__proto__'], { constructor: 'x', toString: 'y', hasOwnProperty: 'z' }, { 'pod-security.kubernetes.io/enforce': 'baseline' }) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'A'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 5_000 }).map((depth) => nested(depth)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );

function nested(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  // fast-check prints counterexamples recursively: give it a short description instead.
  Object.defineProperty(value, fc.toStringMethod, { value: () => `<${String(depth)} levels of nesting>`, enumerable: false });
  return value;
}

function pathsOf(value: Json, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix);
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out, depth + 1));
  else for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out, depth + 1);
  return out;
}

/** A copy of `value` with the value at `path` replaced (or removed), the rest shared. */
function setAt(value: Json, path: Path, replacement: Json, remove: boolean): Json {
  if (path.length === 0) return replacement;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (remove && rest.length === 0 && typeof head === 'number') copy.splice(head, 1);
    // defineProperty, never assignment: `copy['__proto__'] = x` would change the copy's prototype.
    else Object.defineProperty(copy, head!, { value: setAt((copy as unknown as Record<string, Json>)[head!], rest, replacement, remove), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
  if (remove && rest.length === 0) delete copy[head as string];
  else Object.defineProperty(copy, head as string, { value: setAt(copy[head as string], rest, replacement, remove), enumerable: true, writable: true, configurable: true });
  return copy;
}

interface Mutation {
  readonly object: number;
  readonly path: number;
  readonly extraKey: string | null;
  readonly value: Json;
  readonly remove: boolean;
}

const mutation = fc.record({
  object: fc.nat(),
  path: fc.nat(),
  extraKey: fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'status', 'spec', 'containers', 'securityContext', 'privileged', 'items'), { nil: null }),
  value: wrongValues(),
  remove: fc.boolean(),
});

function mutate(objects: Json[], mutations: readonly Mutation[]): Json[] {
  const out = [...objects];
  for (const m of mutations) {
    if (out.length === 0) break;
    const index = m.object % out.length;
    const paths = pathsOf(out[index]);
    const path = [...paths[m.path % paths.length]!];
    if (m.extraKey !== null) path.push(m.extraKey);
    out[index] = setAt(out[index], path, m.value, m.remove);
  }
  return out;
}

/** Generated objects: a realistic cluster, hand-made kinds, mutations, duplicates and junk documents. */
const objectsArbitrary = fc
  .record({
    size: fc.integer({ min: 0, max: 120 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    extras: fc.subarray(extraObjects(0).map((_, i) => i)),
    mutations: fc.array(mutation, { maxLength: 12 }),
    duplicates: fc.array(fc.nat(), { maxLength: 3 }),
    junk: fc.array(wrongValues(), { maxLength: 3 }),
  })
  .map(({ size, seed, extras, mutations, duplicates, junk }) => {
    const cluster = size === 0 ? [] : generateCluster({ objects: size, seed }).items;
    const hand = extraObjects(seed % 3);
    const objects: Json[] = [...cluster, ...extras.map((i) => hand[i]!)];
    const mutated = mutate(objects, mutations);
    for (const d of duplicates) if (mutated.length > 0) mutated.push(mutated[d % mutated.length]);
    return [...mutated, ...junk];
  });

// ---------------------------------------------------------------------------------------------
// Checks

/** Nesting depth, without recursion (values may be thousands of levels deep). */
function depthOf(value: Json): number {
  let max = 0;
  const stack: [Json, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    if (node !== null && typeof node === 'object') for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** A serialisation for before/after comparisons that copes with any depth and with non-JSON numbers. */
function fingerprint(value: Json): string {
  const parts: string[] = [];
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') {
      parts.push(typeof node === 'number' ? `n${String(node)}` : typeof node === 'string' ? JSON.stringify(node) : String(node));
      continue;
    }
    const entries: (readonly [string, Json])[] = Array.isArray(node) ? Array.from({ length: node.length }, (_, i) => [String(i), (node as Json[])[i]] as const) : Object.entries(node);
    parts.push(Array.isArray(node) ? `[${String(entries.length)}` : `{${String(entries.length)}`);
    for (let i = entries.length - 1; i >= 0; i--) {
      stack.push(entries[i]![1]);
      stack.push(entries[i]![0]);
    }
  }
  return parts.join('\u0001');
}

function deepFreeze<T>(value: T, seen = new Set<unknown>(), depth = 0): T {
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > 6_000) return value;
  seen.add(value);
  // Iteratively for the deep values, recursively for the rest: freezing must not overflow either.
  const stack: { node: object; depth: number }[] = [{ node: value, depth }];
  while (stack.length > 0) {
    const { node } = stack.pop()!;
    Object.freeze(node);
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object' && !seen.has(child)) {
        seen.add(child);
        stack.push({ node: child as object, depth: 0 });
      }
    }
  }
  return value;
}

const baseline = {
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort(),
};

function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(baseline.object);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(baseline.array);
  expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(baseline.fn);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** A report reduced to what must not depend on the order of the input: every finding, order-free. */
function findingsOf(report: Report): string[] {
  return report.controls
    .flatMap((c) => c.findings.map((f: Finding) => `${c.id} ${JSON.stringify({ ...f, evidence: [...f.evidence].map((e) => JSON.stringify(e)).sort() })}`))
    .sort();
}

function evaluateTimed(objects: readonly Json[]): { report: Report; ms: number } {
  const started = performance.now();
  const report = evaluate(createSnapshot(objects), rules, { now });
  return { report, ms: performance.now() - started };
}

/** Fisher–Yates with a seeded generator, so that a failure repeats. */
function shuffled<T>(items: readonly T[], seedValue: number): T[] {
  const out = [...items];
  let state = seedValue >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whether two inputs define the same identity twice (then the later one wins, and order matters by design). */
function hasDuplicates(report: Report): boolean {
  return report.diagnostics.some((d) => d.message.startsWith('Duplicate '));
}

/** Runs a property until it has generated `objects` objects (in batches, each with its own seed). */
function assertUntil<T>(name: string, objects: number, arbitrary: fc.Arbitrary<T>, size: (value: T) => number, check: (value: T) => void): void {
  const before = counts[name] ?? 0;
  let batch = 0;
  while ((counts[name] ?? 0) - before < objects) {
    // fc.check, not fc.assert: fast-check's printer throws on the hostile values these runs make
    // (an array whose `constructor` is a string), and would hide the failure behind its own error.
    const batchSeed = seed + batch * 7919;
    const details = fc.check(
      fc.property(arbitrary, (value) => {
        count(name, size(value));
        check(value);
      }),
      { seed: batchSeed, numRuns: 50, endOnFailure: true },
    );
    if (details.failed) {
      const error = details.errorInstance;
      throw new Error(`fuzz "${name}" failed (fast-check seed ${String(batchSeed)}, path ${details.counterexamplePath ?? ''}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    batch++;
  }
}

const share = (part: number): number => Math.max(1, Math.ceil(target * part));
const timeout = Math.max(60_000, target * 5);

// ---------------------------------------------------------------------------------------------

describe(`fuzz: every rule of ${String(packs.length)} packs (${String(rules.length)} rules), ${String(target)} objects in all`, () => {
  it('never throws or hangs, never mutates its input, never pollutes a prototype, and reports every rule without ERROR', () => {
    assertUntil('rules', share(0.45), objectsArbitrary, (o) => o.length, (objects) => {
      const input = deepFreeze(objects);
      const before = fingerprint(input);
      const { report, ms } = evaluateTimed(input);
      expect(ms).toBeLessThan(hangMs);
      const errors = report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'ERROR');
      expect(errors.map((f) => f.message), errors.map((f) => `${f.ruleId}: ${f.message}`).join('; ')).toEqual([]);
      expect(report.controls.length).toBe(rules.length);
      expect(fingerprint(input)).toBe(before);
      expectNoPollution();
    });
  }, timeout);

  it('is deterministic and does not depend on the order of the objects', () => {
    assertUntil('order', share(0.35), fc.tuple(objectsArbitrary, fc.integer({ min: 1, max: 2 ** 31 - 1 })), ([o]) => o.length * 3, ([objects, shuffleSeed]) => {
      const first = evaluateTimed(objects).report;
      const second = evaluateTimed(objects).report;
      expect(second).toEqual(first);
      if (hasDuplicates(first)) return;
      const other = evaluateTimed(shuffled(objects, shuffleSeed)).report;
      expect(findingsOf(other)).toEqual(findingsOf(first));
      expect(other.summary).toEqual(first.summary);
      expect(other.controls.map((c) => [c.id, c.status])).toEqual(first.controls.map((c) => [c.id, c.status]));
    });
  }, timeout);
});

// ---------------------------------------------------------------------------------------------
// The CLI's parser: YAML and JSON texts of generated objects, then damaged.

const damage = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('---\n', '...\n', '&a ', '*a', '<<: *a\n', ': ', '- ', '\t', '{', '[', '"', "'", '\\u005f', '\u0000', '\ufeff', '%YAML 1.2\n', '!!binary ', '!<tag:x> ', '? ', '|\n', '>-\n', '#', '\r\n', '__proto__: {polluted: yes}\n', 'constructor:\n  prototype:\n    polluted: yes\n')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

interface Edit {
  readonly kind: 'insert' | 'delete' | 'truncate';
  readonly at: number;
  readonly text?: string;
  readonly length?: number;
}

function applyDamage(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.kind === 'insert') out = out.slice(0, at) + (edit.text ?? '') + out.slice(at);
    else if (edit.kind === 'delete') out = out.slice(0, at) + out.slice(at + (edit.length ?? 1));
    else out = out.slice(0, at);
  }
  return out;
}

const textArbitrary = fc
  .record({
    objects: objectsArbitrary,
    format: fc.constantFrom('yaml-stream', 'yaml-list', 'json-list', 'json-pretty', 'yaml-anchors', 'deep-json', 'deep-yaml', 'bomb'),
    depth: fc.integer({ min: 100, max: 20_000 }),
    edits: fc.array(damage, { maxLength: 4 }),
  })
  .map(({ objects, format, depth, edits }) => {
    // Very deep values are the deep-nesting texts' business (below); serialisers recurse.
    const safe = objects.filter((o) => o !== undefined && depthOf(o) < 200);
    const plain = JSON.parse(JSON.stringify(safe)) as Json[];
    let text: string;
    switch (format) {
      case 'yaml-stream':
        text = plain.map((o) => yamlStringify(o, { aliasDuplicateObjects: false })).join('---\n');
        break;
      case 'yaml-list':
        text = yamlStringify({ apiVersion: 'v1', kind: 'List', items: plain }, { aliasDuplicateObjects: false });
        break;
      case 'yaml-anchors':
        text = `base: &base\n  a: [1, 2, 3]\nlol: &lol [*base, *base, *base]\n---\n${plain.map((o) => yamlStringify(o, { aliasDuplicateObjects: false })).join('---\n')}`;
        break;
      case 'deep-json':
        text = `${JSON.stringify(plain[0] ?? {})}\n`.replace(/}\n$/, `, "deep": ${'['.repeat(depth)}${']'.repeat(depth)}}\n`);
        break;
      case 'deep-yaml':
        text = `${yamlStringify(plain[0] ?? {})}deep:\n${Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} x\n`;
        break;
      case 'bomb':
        text = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n---\n${yamlStringify(plain[0] ?? {})}`;
        break;
      case 'json-list':
        text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: plain });
        break;
      default:
        text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: plain }, null, 2);
    }
    return { objects: plain.length, text: applyDamage(text, edits) };
  });

describe('fuzz: the CLI parser (loadText) and the pipeline behind it', () => {
  it('never throws or hangs, gives every diagnostic a file and a line inside the text, and is deterministic', () => {
    assertUntil('parser', share(0.2), textArbitrary, (t) => Math.max(1, t.objects), ({ text }) => {
      const started = performance.now();
      const loaded = loadText(text, 'fuzz.yaml');
      const again = loadText(text, 'fuzz.yaml');
      expect(performance.now() - started).toBeLessThan(hangMs);
      expect(again.diagnostics).toEqual(loaded.diagnostics);
      expect(again.documents.map((d) => d.value)).toEqual(loaded.documents.map((d) => d.value));
      // The fast YAML reader accepts only what js-yaml reads to the same value.
      for (const chunk of splitYamlDocuments(text)) {
        const fast = readSimpleYaml(chunk.text);
        if (fast === undefined) continue;
        let expected: unknown;
        try {
          expected = loadAll(chunk.text, null, { schema: yamlSchema });
        } catch {
          expected = 'js-yaml refused it';
        }
        if (!isDeepStrictEqual(fast, expected)) expect.fail(`fast YAML reader disagrees with js-yaml on:\n${chunk.text}`);
      }
      const lines = text.split('\n').length;
      for (const d of loaded.diagnostics) {
        expect(d.source?.file).toBe('fuzz.yaml');
        expect(d.source?.line).toBeGreaterThanOrEqual(1);
        expect(d.source?.line).toBeLessThanOrEqual(lines);
        expect(d.message.length).toBeLessThan(400);
      }
      for (const document of loaded.documents) {
        expect(typeof document.value).toBe('object');
        expect(document.line).toBeGreaterThanOrEqual(1);
        expect(document.line).toBeLessThanOrEqual(lines);
      }
      const snapshot = createSnapshot(
        loaded.documents.map((d) => d.value),
        { sources: loaded.documents.map((d) => ({ file: 'fuzz.yaml', line: d.line })) },
      );
      const report = evaluate(snapshot, rules, { now });
      expect(report.controls.flatMap((c) => c.findings).filter((f) => f.status === 'ERROR')).toEqual([]);
      expectNoPollution();
    });
  }, timeout);

  it('never throws on arbitrary text', () => {
    assertUntil('text', share(0.0005), fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v))), () => 1, (text) => {
      const loaded = loadText(text, 'any.yaml');
      for (const d of loaded.diagnostics) expect(d.source?.line).toBeGreaterThanOrEqual(1);
      expectNoPollution();
    });
  }, timeout);
});

describe('fuzz: totals', () => {
  afterAll(() => {
    // Printed for `pnpm fuzz` (the normal run is quiet: console is for failures there).
    if (process.env['FUZZ_OBJECTS'] !== undefined) process.stdout.write(`fuzz: ${String(generated)} objects generated (${JSON.stringify(counts)}), seed ${String(seed)}\n`);
  });

  it(`generated at least ${String(target)} objects`, () => {
    expect(generated).toBeGreaterThanOrEqual(target);
  });
});
