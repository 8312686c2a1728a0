import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import {
  collectCluster,
  collectionMetadataOf,
  CollectError,
  loadKubeconfig,
  readCollection,
  writeCollection,
  type ClusterCollection,
} from '../../src/collect/index.js';
import { startFakeApiServer, writeKubeconfig, type FakeApiServer } from './fake-apiserver.js';

type Fields = Record<string, unknown>;

let api: FakeApiServer;
let cleanupKubeconfig: () => void;
let collected: ClusterCollection;

beforeAll(async () => {
  api = await startFakeApiServer({
    intercept: (r) =>
      r.path === '/apis/rbac.authorization.k8s.io/v1/rolebindings'
        ? { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'rolebindings.rbac.authorization.k8s.io is forbidden: User "auditor" cannot list resource "rolebindings"', reason: 'Forbidden', code: 403 } }
        : undefined,
  });
  const kc = writeKubeconfig(api.url);
  cleanupKubeconfig = kc.cleanup;
  const kubeconfig = await loadKubeconfig({ kubeconfigPath: kc.file, env: {}, homedir: '/nonexistent' });
  collected = await collectCluster({ kubeconfig, retryDelayMs: 1 });
});

afterAll(async () => {
  cleanupKubeconfig();
  await api.close();
});

const collectedAt = new Date('2026-03-01T08:30:00Z');

describe('writeCollection', () => {
  it('writes a kubectl List with the collection metadata in a top-level kubecis field', () => {
    const text = writeCollection(collected, { collectedAt, tool: { name: 'kubecis', version: '0.1.0' } });
    expect(text.endsWith('}\n')).toBe(true);
    const list = JSON.parse(text) as Fields;
    expect(Object.keys(list)).toEqual(['apiVersion', 'kind', 'metadata', 'kubecis', 'items']);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list['kubecis']).toMatchObject({
      format: 'kubecis.collection/v1',
      collectedAt: '2026-03-01T08:30:00.000Z',
      server: api.url,
      context: 'kind-test',
      kubernetesVersion: 'v1.30.4',
      missing: [{ kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', status: 403 }],
      tool: { name: 'kubecis', version: '0.1.0' },
    });
    expect(list['items']).toHaveLength(collected.objects.length);
  });

  it('is accepted as is by createSnapshot, which ignores the kubecis field', () => {
    const list = JSON.parse(writeCollection(collected, { collectedAt })) as unknown;
    const snapshot = createSnapshot([list], { kubernetesVersion: 'v1.30.4' });
    expect(snapshot.diagnostics).toEqual([]);
    expect(snapshot.objects).toHaveLength(collected.objects.length);
    expect(snapshot.origin(snapshot.objects[0]!)?.documentPath).toEqual(['items', 0]);
  });

  it('is deterministic for the same result and time', () => {
    expect(writeCollection(collected, { collectedAt })).toBe(writeCollection(collected, { collectedAt: collectedAt.toISOString() }));
  });

  it('never writes a Secret value, whoever built the result', () => {
    const forged: ClusterCollection = {
      ...collected,
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 's', namespace: 'a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"LEAK-1"}}', team: 'a' } },
          data: { k: 'TEVBSy0y' },
          stringData: { k: 'LEAK-3' },
          type: 'Opaque',
        },
      ],
    };
    const text = writeCollection(forged, { collectedAt });
    expect(text).not.toMatch(/LEAK|TEVBSy0y/);
    expect((JSON.parse(text) as { items: Fields[] }).items[0]).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a', annotations: { team: 'a' } }, type: 'Opaque' });
  });

  it('refuses an invalid date', () => {
    expect(() => writeCollection(collected, { collectedAt: new Date('nope') })).toThrow(RangeError);
  });
});

describe('readCollection', () => {
  it('reads back the objects and the metadata', () => {
    const read = readCollection(writeCollection(collected, { collectedAt }));
    expect(read.objects).toEqual(collected.objects);
    expect(read.kubernetesVersion).toBe('v1.30.4');
    expect(read.metadata).toMatchObject({ collectedAt: '2026-03-01T08:30:00.000Z', context: 'kind-test', server: api.url });
    expect(read.metadata?.kinds).toEqual(collected.kinds);
    expect(read.missing).toEqual(collected.missing);
    expect(read.diagnostics).toEqual([
      { severity: 'warning', message: expect.stringMatching(/^RoleBinding \(rbac\.authorization\.k8s\.io\) was not collected: forbidden: /) as unknown, source: null },
    ]);
  });

  it('reads a plain kubectl List, and a typed list whose items lack their kind', () => {
    const plain = readCollection(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] }));
    expect(plain.metadata).toBeNull();
    expect(plain.kubernetesVersion).toBeNull();
    expect(plain.objects).toHaveLength(1);
    const typed = readCollection(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'p', namespace: 'a' }, spec: { containers: [] } }] }));
    expect(typed.objects).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' }, spec: { containers: [] } }]);
  });

  it('refuses what is not a snapshot file, with a clear error', () => {
    const codeOf = (text: string): [string, string] => {
      try {
        readCollection(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CollectError);
        return [(error as CollectError).code, (error as CollectError).message];
      }
      throw new Error('no error');
    };
    expect(codeOf('apiVersion: v1\nkind: List\n')).toEqual(['bad-collection', 'the snapshot file is not JSON']);
    expect(codeOf('{"kind":"Pod","metadata":{"name":"x"}}')).toEqual(['bad-collection', 'the snapshot file is not a kubectl List (expected kind List and an items array)']);
    expect(codeOf('{"kind":"List","items":[],"kubecis":{"format":"kubecis.collection/v2"}}')).toEqual([
      'bad-collection',
      'the snapshot file has format kubecis.collection/v2; this kubecis reads kubecis.collection/v1',
    ]);
    expect(codeOf('{"kind":"List","items":[],"kubecis":{"format":"kubecis.collection/v1","server":1}}')[1]).toMatch(/^the snapshot file's metadata is malformed at kubecis\./);
  });
});

describe('collectionMetadataOf', () => {
  it('finds the metadata in a parsed document, and nothing in others', () => {
    const list = JSON.parse(writeCollection(collected, { collectedAt })) as unknown;
    expect(collectionMetadataOf(list)?.kubernetesVersion).toBe('v1.30.4');
    expect(collectionMetadataOf({ apiVersion: 'v1', kind: 'List', items: [] })).toBeNull();
    expect(collectionMetadataOf({ apiVersion: 'v1', kind: 'Pod', kubecis: { format: 'kubecis.collection/v1' } })).toBeNull();
    expect(collectionMetadataOf({ kind: 'List', items: [], kubecis: 'something else' })).toBeNull();
    expect(collectionMetadataOf(null)).toBeNull();
  });
});
