import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kindSchemas, knownKinds } from '../objects/kinds.js';
import { ObjectEnvelope } from '../objects/meta.js';
import { compileFastCheck } from './fast-validate.js';

const container = (name: string): Record<string, unknown> => ({
  name,
  image: 'registry.example.com/app:1.0',
  ports: [{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }],
  env: [{ name: 'A', value: 'b' }, { name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
  envFrom: [{ secretRef: { name: 's' } }],
  livenessProbe: { httpGet: { path: '/', port: 'http' } },
  lifecycle: { preStop: { tcpSocket: { port: 80 } } },
  securityContext: { privileged: false, runAsUser: 1000, capabilities: { drop: ['ALL'], add: null }, seccompProfile: { type: 'RuntimeDefault' } },
  volumeMounts: [{ name: 'v', mountPath: '/v' }],
  unknownField: { anything: [1, 'x', null] },
});
const podSpec = {
  containers: [container('app')],
  initContainers: [container('init')],
  volumes: [{ name: 'v', hostPath: { path: '/var' } }, { name: 'w', projected: {} }],
  securityContext: { runAsNonRoot: true, sysctls: [{ name: 'a', value: '1' }], supplementalGroups: [1, 2] },
  hostNetwork: true,
  os: { name: 'linux' },
};
const meta = (name: string, namespace?: string): Record<string, unknown> => ({
  name,
  ...(namespace === undefined ? {} : { namespace }),
  uid: 'u',
  labels: { app: 'x', 'app.kubernetes.io/name': 'y' },
  annotations: { note: 'z' },
  ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'r', controller: true }],
});
const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };

/** One realistic, valid object of every kind the snapshot types. */
const valid: Record<string, Record<string, unknown>> = {
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: meta('ns') },
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: meta('p', 'ns'), spec: podSpec, status: { phase: 'Running' } },
  PodTemplate: { apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('pt', 'ns'), template },
  ReplicationController: { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc', 'ns'), spec: { template } },
  Service: { apiVersion: 'v1', kind: 'Service', metadata: meta('s', 'ns'), spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] } },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sa', 'ns'), automountServiceAccountToken: false },
  Secret: { apiVersion: 'v1', kind: 'Secret', metadata: meta('sec', 'ns'), type: 'Opaque', data: { k: 'dg==' } },
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('d', 'ns'), spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template } },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('rs', 'ns'), spec: { selector: { matchLabels: { app: 'x' } }, template } },
  StatefulSet: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('ss', 'ns'), spec: { serviceName: 'x', selector: { matchLabels: { app: 'x' } }, template } },
  DaemonSet: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('ds', 'ns'), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] }, template } },
  Job: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('j', 'ns'), spec: { template } },
  CronJob: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cj', 'ns'), spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('r', 'ns'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  ClusterRole: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta('cr'),
    rules: null,
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'true' } }] },
  },
  RoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('rb', 'ns'),
    subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
  },
  ClusterRoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta('crb'),
    subjects: [{ kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' },
  },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('np', 'ns'), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
};

type Schema = z.ZodType;
const schemaOf = (kind: string): Schema => (kind in kindSchemas ? kindSchemas[kind as keyof typeof kindSchemas] : ObjectEnvelope) as Schema;

/** The property the snapshot relies on: a yes from the checker means zod accepts the value and returns an equal one. */
function agreesWithZod(schema: Schema, value: unknown): void {
  const check = compileFastCheck(schema);
  if (!check(value)) return;
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(true);
  expect(parsed.data).toStrictEqual(value);
}

/** Every path to a value inside `value` (objects and arrays), to mutate. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setAt(copy[head as number], rest, replacement, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (remove && rest.length === 0) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement, remove);
  return copy;
}

const oddValues = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', 0, -0, 1, 1.5, -1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, true, false, [], {}, [null], { a: null }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(Object.create(null) as object),
  fc.constant(JSON.parse('{"__proto__": {"x": 1}}') as object),
  fc.constant(new Date(0)),
);

describe('compileFastCheck', () => {
  it('accepts a realistic valid object of every known kind (so the fast path is taken)', () => {
    for (const kind of knownKinds) {
      const object = valid[kind];
      if (object === undefined) continue;
      expect(compileFastCheck(schemaOf(kind))(object), kind).toBe(true);
      expect(compileFastCheck(ObjectEnvelope as Schema)(object), kind).toBe(true);
      agreesWithZod(schemaOf(kind), object);
    }
  });

  it('says yes only when zod accepts the value unchanged, for any mutation of a valid object', () => {
    const kinds = Object.keys(valid);
    const mutation = fc
      .constantFrom(...kinds)
      .chain((kind) => fc.record({ kind: fc.constant(kind), path: fc.constantFrom(...pathsOf(valid[kind])), value: oddValues, remove: fc.boolean() }));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const kind = mutations[0]!.kind;
        let object: unknown = valid[kind];
        for (const m of mutations) {
          if (m.kind !== kind) continue;
          object = setAt(object, m.path, m.value, m.remove);
        }
        agreesWithZod(schemaOf(kind), object);
        agreesWithZod(ObjectEnvelope, object);
      }),
      { numRuns: 2000 },
    );
  });

  it('says yes only when zod agrees, for every sub-schema of every kind and every odd value', () => {
    const subSchemas = new Set<Schema>();
    const visit = (schema: Schema): void => {
      if (subSchemas.has(schema)) return;
      subSchemas.add(schema);
      const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      for (const key of ['innerType', 'element', 'valueType', 'keyType', 'catchall']) if (def[key]) visit(def[key] as Schema);
      if (Array.isArray(def['options'])) for (const o of def['options'] as Schema[]) visit(o);
      if (def['shape']) for (const s of Object.values(def['shape'] as Record<string, Schema>)) visit(s);
    };
    for (const kind of knownKinds) visit(schemaOf(kind));
    visit(ObjectEnvelope);
    expect(subSchemas.size).toBeGreaterThan(50);
    const samples: unknown[] = [
      ...[null, undefined, '', 'x', 'In', 'Pod', 0, -0, 1, 1.5, -1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, true, false, [], {}, [null], ['x'], [1], [{}], { a: null }, { a: 'b' }, { a: 1 }],
      Object.create(null),
      JSON.parse('{"__proto__": {"x": 1}}'),
      new Date(0),
      Object.values(valid),
      ...Object.values(valid),
      ...Object.values(valid).flatMap((o) => Object.values(o)),
    ];
    for (const schema of subSchemas) for (const sample of samples) agreesWithZod(schema, sample);
  });

  it('says yes only when zod agrees, on arbitrary values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...knownKinds), fc.anything(), (kind, value) => {
        agreesWithZod(schemaOf(kind), value);
      }),
    );
  });

  it('refuses what it does not model, so zod decides', () => {
    expect(compileFastCheck(z.email())('a@b.c')).toBe(false);
    expect(compileFastCheck(z.object({ a: z.string() }))({ a: 'x' })).toBe(false); // strips unknown keys
    expect(compileFastCheck(z.looseObject({ a: z.string() }).refine(() => true))({ a: 'x' })).toBe(false);
    expect(compileFastCheck(z.looseObject({ a: z.string().default('x') }))({})).toBe(false);
    expect(compileFastCheck(z.looseObject({ a: z.string().optional() }))({ a: undefined })).toBe(false);
    expect(compileFastCheck(z.looseObject({ a: z.string().optional() }))({})).toBe(true);
    expect(compileFastCheck(z.looseObject({}))(JSON.parse('{"__proto__": {}}'))).toBe(false);
    expect(compileFastCheck(z.array(z.number()))([1, , 3])).toBe(false); // eslint-disable-line no-sparse-arrays
  });
});
