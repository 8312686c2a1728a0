import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshot } from './create-snapshot.js';
import { workloadContainers } from './views/workloads.js';

const pod = (name: string, extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...extra },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'i' }], ephemeralContainers: [{ name: 'e' }] } };

describe('createSnapshot', () => {
  it('keeps valid objects and puts namespaced objects without a namespace in default', () => {
    const s = createSnapshot([pod('p'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'ignored' } }]);
    expect(s.objects).toHaveLength(2);
    expect(s.refOf(s.objects[0]!)).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' });
    expect(s.objects[0]!.metadata.namespace).toBe('default');
    expect(s.refOf(s.objects[1]!).namespace).toBeNull();
    expect(s.objects[1]!.metadata.namespace).toBeUndefined();
    expect(s.diagnostics).toEqual([]);
  });

  it('honours options.defaultNamespace', () => {
    const s = createSnapshot([pod('p')], { defaultNamespace: 'argocd' });
    expect(s.get('Pod', 'argocd', 'p')).toBeDefined();
    expect(s.namespaces().map((n) => n.name)).toEqual(['argocd']);
  });

  it('never mutates its input', () => {
    const input = [Object.freeze(pod('p'))];
    const before = JSON.stringify(input);
    createSnapshot(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('turns malformed objects into diagnostics with their source, and keeps the rest', () => {
    const s = createSnapshot(
      [pod('ok'), { kind: 'Pod', metadata: { name: 'x' } }, 'text', 42, pod('bad', {}, { hostPID: 'yes' }), { apiVersion: 'v1', kind: 'Pod', metadata: {} }],
      { sources: [{ file: 'a.yaml', line: 1 }, { file: 'a.yaml', line: 10 }, { file: 'a.yaml', line: 20 }, null, { file: 'b.yaml', line: 3 }] },
    );
    expect(s.objects.map((o) => o.metadata.name)).toEqual(['ok']);
    expect(s.diagnostics).toHaveLength(5);
    expect(s.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(s.diagnostics[0]).toMatchObject({ source: { file: 'a.yaml', line: 10 } });
    expect(s.diagnostics[0]!.message).toContain('apiVersion: expected string, got nothing');
    expect(s.diagnostics[1]!.message).toContain('got string');
    expect(s.diagnostics[3]).toMatchObject({ source: { file: 'b.yaml', line: 3 }, object: { kind: 'Pod', name: 'bad' } });
    expect(s.diagnostics[3]!.message).toContain('spec.hostPID: expected boolean, got string');
    expect(s.diagnostics[4]!.message).toContain('metadata.name');
  });

  it('skips empty documents silently and accepts bare arrays', () => {
    const s = createSnapshot([null, undefined, [pod('a'), pod('b')]]);
    expect(s.objects).toHaveLength(2);
    expect(s.diagnostics).toEqual([]);
  });

  it('unwraps kubectl Lists and typed lists whose items omit kind', () => {
    const s = createSnapshot(
      [
        { apiVersion: 'v1', kind: 'List', items: [pod('a'), { junk: true }] },
        { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'b', namespace: 'x' }, spec: { containers: [{ name: 'c' }] } }] },
      ],
      { sources: [{ file: 'l.json', line: 1 }] },
    );
    expect(s.ofKind('Pod').map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(s.origin(s.ofKind('Pod')[0]!)).toEqual({ source: { file: 'l.json', line: 1 }, documentPath: ['items', 0], inputIndex: 0 });
    expect(s.diagnostics).toHaveLength(1);
    expect(s.diagnostics[0]!.message).toContain('at items[1]');
  });

  it('reports duplicates and keeps the later definition, as kubectl apply would', () => {
    const s = createSnapshot([pod('p', {}, { hostPID: false }), pod('p', { namespace: 'default' }, { hostPID: true }), pod('p', { namespace: 'other' })], {
      sources: [{ file: 'a.yaml', line: 1 }, { file: 'b.yaml', line: 7 }],
    });
    expect(s.ofKind('Pod')).toHaveLength(2);
    expect(s.get('Pod', 'default', 'p')?.spec.hostPID).toBe(true);
    expect(s.diagnostics).toHaveLength(1);
    expect(s.diagnostics[0]).toMatchObject({ severity: 'warning', source: { file: 'b.yaml', line: 7 } });
    expect(s.diagnostics[0]!.message).toContain('a.yaml:1');
  });

  it('strips Secret values and the last-applied annotation', () => {
    const s = createSnapshot([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"djE="}}', keep: 'me' } },
        data: { k: 'djE=' },
        stringData: { t: 'v2' },
      },
    ]);
    const secret = s.ofKind('Secret')[0]!;
    expect(JSON.stringify(secret)).not.toContain('djE=');
    expect(JSON.stringify(secret)).not.toContain('v2');
    expect(secret.metadata.annotations).toEqual({ keep: 'me' });
  });

  it('knows implicit and declared namespaces, and which are system namespaces', () => {
    const s = createSnapshot([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      pod('a', { namespace: 'kube-system' }),
      pod('b', { namespace: 'team' }),
      pod('c'),
    ]);
    expect(s.namespaces()).toEqual([
      { name: 'default', object: null, implicit: true, system: false },
      { name: 'kube-system', object: null, implicit: true, system: true },
      { name: 'shop', object: s.get('Namespace', null, 'shop'), implicit: false, system: false },
      { name: 'team', object: null, implicit: true, system: false },
    ]);
    expect(s.namespaces()).toBe(s.namespaces());
    expect(createSnapshot([], { systemNamespaces: ['infra'] }).isSystemNamespace('infra')).toBe(true);
  });

  it('indexes by kind, namespace and name', () => {
    const s = createSnapshot([pod('a', { namespace: 'x' }), pod('b', { namespace: 'y' })]);
    expect(s.ofKind('Pod')).toHaveLength(2);
    expect(s.ofKind('Deployment')).toEqual([]);
    expect(s.inNamespace('x').map((o) => o.metadata.name)).toEqual(['a']);
    expect(s.get('Pod', 'y', 'b')?.metadata.name).toBe('b');
    expect(s.get('Pod', 'x', 'b')).toBeUndefined();
  });

  it('keeps unknown kinds as generic objects and guesses cluster scope of custom kinds', () => {
    const s = createSnapshot([
      { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { rules: [] } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' } },
    ]);
    expect(s.refOf(s.objects[0]!).namespace).toBeNull();
    expect(s.refOf(s.objects[1]!).namespace).toBe('default');
    expect((s.objects[0] as unknown as { spec: unknown }).spec).toEqual({ rules: [] });
  });

  it('caches derived views per snapshot', () => {
    const s = createSnapshot([pod('a')]);
    let calls = 0;
    const view = (snap: typeof s) => {
      calls++;
      return snap.objects.length;
    };
    expect(s.derive(view)).toBe(1);
    expect(s.derive(view)).toBe(1);
    expect(calls).toBe(1);
    const other = createSnapshot([]);
    expect(other.derive(view)).toBe(0);
  });
});

describe('workloads()', () => {
  const kinds: [string, string, Record<string, unknown>, string][] = [
    ['Pod', 'v1', { spec: template.spec }, 'spec'],
    ['Deployment', 'apps/v1', { spec: { template } }, 'spec.template.spec'],
    ['ReplicaSet', 'apps/v1', { spec: { template } }, 'spec.template.spec'],
    ['StatefulSet', 'apps/v1', { spec: { template } }, 'spec.template.spec'],
    ['DaemonSet', 'apps/v1', { spec: { template } }, 'spec.template.spec'],
    ['Job', 'batch/v1', { spec: { template } }, 'spec.template.spec'],
    ['CronJob', 'batch/v1', { spec: { jobTemplate: { spec: { template } } } }, 'spec.jobTemplate.spec.template.spec'],
    ['ReplicationController', 'v1', { spec: { template } }, 'spec.template.spec'],
    ['PodTemplate', 'v1', { template }, 'template.spec'],
  ];

  it.each(kinds)('yields the pod spec of a %s with its path and all container types', (kind, apiVersion, body, specPath) => {
    const s = createSnapshot([{ apiVersion, kind, metadata: { name: 'w', namespace: 'ns' }, ...body }]);
    const [w] = s.workloads();
    expect(s.workloads()).toHaveLength(1);
    expect(w).toMatchObject({ kind, namespace: 'ns', specPath, ref: { kind, name: 'w', namespace: 'ns' } });
    expect(workloadContainers(w!).map((c) => c.path)).toEqual([`${specPath}.initContainers[0]`, `${specPath}.containers[0]`, `${specPath}.ephemeralContainers[0]`]);
    if (kind !== 'Pod') expect(w!.podMetadata).toEqual({ labels: { app: 'a' } });
  });

  it('folds pods into their ReplicaSet and the ReplicaSet into its Deployment', () => {
    const owner = (kind: string, name: string, uid?: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, controller: true, ...(uid ? { uid } : {}) }] });
    const s = createSnapshot([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'd1' }, spec: { template } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-123', ...owner('Deployment', 'web', 'd1') }, spec: { template } },
      pod('web-123-a', owner('ReplicaSet', 'web-123')),
      pod('web-123-b', owner('ReplicaSet', 'web-123')),
      pod('orphan', owner('DaemonSet', 'gone')),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { jobTemplate: { spec: { template } } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'cj-1', ...owner('CronJob', 'cj') }, spec: { template } },
    ]);
    const ws = s.workloads();
    expect(ws.map((w) => `${w.kind}/${w.ref.name}`).sort()).toEqual(['CronJob/cj', 'Deployment/web', 'Pod/orphan']);
    const web = ws.find((w) => w.ref.name === 'web')!;
    expect(web.folded.map((r) => r.name).sort()).toEqual(['web-123', 'web-123-a', 'web-123-b']);
  });

  it('survives ownership cycles', () => {
    const rs = (name: string, ownerName: string) => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: ownerName, controller: true }] },
      spec: { template },
    });
    const s = createSnapshot([rs('a', 'b'), rs('b', 'a')]);
    expect(s.workloads().map((w) => w.ref.name).sort()).toEqual(['a', 'b']);
  });

  it('folds every object into the top of its ownership chain, whatever the graph and the order (cycles stand for themselves)', () => {
    // The reference: walk each chain afresh, as the definition says.
    const reference = (owners: readonly (number | null)[]): Map<number, number> => {
      const top = new Map<number, number>();
      owners.forEach((_, start) => {
        const seen = new Set([start]);
        let current = start;
        for (;;) {
          const owner = owners[current];
          if (owner === null || owner === undefined) break;
          if (seen.has(owner)) {
            current = start;
            break;
          }
          seen.add(owner);
          current = owner;
        }
        top.set(start, current);
      });
      return top;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.array(fc.option(fc.nat({ max: n - 1 }), { nil: null }), { minLength: n, maxLength: n }), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }))),
        ([owners, order]) => {
          const object = (i: number) => ({
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name: `rs-${String(i)}`, uid: `u${String(i)}`, ...(owners[i] === null ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${String(owners[i])}`, uid: `u${String(owners[i])}`, controller: true }] }) },
            spec: { template },
          });
          const workloads = createSnapshot(order.map(object)).workloads();
          const expected = reference(owners);
          const tops = [...new Set(expected.values())].map((i) => `rs-${String(i)}`).sort();
          expect(workloads.map((w) => w.ref.name).sort()).toEqual(tops);
          for (const w of workloads) {
            const top = Number(w.ref.name.slice(3));
            const members = [...expected].filter(([i, t]) => t === top && i !== top).map(([i]) => `rs-${String(i)}`).sort();
            expect(w.folded.map((r) => r.name).sort()).toEqual(members);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('skips a ReplicationController without a template', () => {
    const s = createSnapshot([{ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: {} }]);
    expect(s.workloads()).toEqual([]);
    expect(s.diagnostics).toEqual([]);
  });

  it('reads null fields as absent, as the API server does, instead of dropping the object', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kyverno', namespace: 'kyverno', labels: null, annotations: null },
      spec: { replicas: null, selector: { matchLabels: { app: 'k' } }, template: { metadata: { labels: { app: 'k' } }, spec: { containers: [{ name: 'c', securityContext: null, resources: null }] } } },
    };
    const s = createSnapshot([deployment]);
    expect(s.diagnostics).toEqual([]);
    const kept = s.get('Deployment', 'kyverno', 'kyverno');
    expect(kept?.spec).not.toHaveProperty('replicas');
    expect(s.workloads().map((w) => w.ref.name)).toEqual(['kyverno']);
    // The input is not modified.
    expect(deployment.spec.replicas).toBeNull();
  });

  it('reads an empty namespace as none', () => {
    const s = createSnapshot([pod('p', { namespace: '' })]);
    expect(s.diagnostics).toEqual([]);
    expect(s.get('Pod', 'default', 'p')).toBeDefined();
  });

  it('does not take a custom resource for the Kubernetes kind it is named after', () => {
    const calico = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'a' }, spec: { selector: 'all()', types: ['Ingress'] } };
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'web', namespace: 'a' }, spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    const k8s = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'a' }, spec: { podSelector: {} } };
    const s = createSnapshot([calico, knative, k8s]);
    expect(s.diagnostics).toEqual([]);
    expect(s.ofKind('NetworkPolicy').map((o) => o.apiVersion)).toEqual(['networking.k8s.io/v1']);
    expect(s.ofKind('NetworkPolicy.projectcalico.org')).toHaveLength(1);
    expect(s.ofKind('NetworkPolicy.networking.k8s.io')).toHaveLength(1);
    expect(s.ofKind('Service')).toEqual([]);
    expect(s.get('Service.serving.knative.dev', 'a', 'web')).toBeDefined();
    expect(s.inNamespace('a')).toHaveLength(3);
  });

  it('places custom resources by their namespace, or by what is known of their kind', () => {
    const s = createSnapshot([
      { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'ccnp' } },
      { apiVersion: 'policies.kyverno.io/v1', kind: 'ValidatingPolicy', metadata: { name: 'vp' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'ci' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      { apiVersion: 'example.com/v1', kind: 'ClusterWidget', metadata: { name: 'cw', namespace: 'team' } },
    ]);
    expect(s.objects.map((o) => s.refOf(o).namespace)).toEqual([null, null, null, 'default', 'team']);
  });

  it('reports lists nested absurdly deep instead of overflowing the stack', () => {
    let nested: unknown = [pod('deep')];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const s = createSnapshot([nested, pod('ok')]);
    expect(s.objects).toHaveLength(1);
    expect(s.diagnostics[0]?.message).toMatch(/nested more than/);
  });
});

describe('createSnapshot with a locate hook', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', namespace: 'x' } },
      42,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', namespace: 'x' } },
    ],
  };
  const source = { file: 'dump.json', line: 1 };

  it('places diagnostics about items where the hook says, and names the earlier duplicate there too', () => {
    const calls: string[] = [];
    const snapshot = createSnapshot([list, 7], {
      sources: [source, { file: 'b.yaml', line: 3 }],
      locate: (origin, path) => {
        calls.push(`${String(origin.inputIndex)}:${origin.documentPath.join('.')}:${String(path)}`);
        return { file: 'dump.json', line: 10 + Number(origin.documentPath[1]) };
      },
    });
    expect(snapshot.objects.map((o) => o.metadata.name)).toEqual(['a']);
    expect(snapshot.diagnostics.map((d) => [d.severity, d.source])).toEqual([
      ['error', { file: 'dump.json', line: 11 }],
      ['warning', { file: 'dump.json', line: 12 }],
      ['error', { file: 'b.yaml', line: 3 }],
    ]);
    expect(snapshot.diagnostics[1]!.message).toContain('(dump.json:10)');
    // Only items are located, never a whole input, and only for diagnostics.
    expect(calls).toEqual(['0:items.1:null', '0:items.0:null', '0:items.2:null']);
  });

  it("falls back to the input's source when the hook answers null or throws", () => {
    for (const locate of [() => null, () => { throw new Error('no text'); }]) {
      const snapshot = createSnapshot([list], { sources: [source], locate });
      expect(snapshot.diagnostics.map((d) => d.source)).toEqual([source, source]);
      expect(snapshot.objects).toHaveLength(1);
    }
  });
});
