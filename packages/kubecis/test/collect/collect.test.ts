import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSnapshot } from '@kubecis/core';
import { collectCluster, CollectError, formatProgress, loadKubeconfig, type ClusterCollection, type CollectOptions, type CollectProgress } from '../../src/collect/index.js';
import { discoveryFixture, objectsFixture, secretMarker, startFakeApiServer, status, writeKubeconfig, type FakeApiServer, type FakeApiServerOptions } from './fake-apiserver.js';

type Fields = Record<string, unknown>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function cluster(options: FakeApiServerOptions = {}, kubeconfigOptions: { token?: string } = {}): Promise<{ api: FakeApiServer; kubeconfigFile: string }> {
  const api = await startFakeApiServer(options);
  cleanups.push(() => api.close());
  const kc = writeKubeconfig(api.url, kubeconfigOptions);
  cleanups.push(kc.cleanup);
  return { api, kubeconfigFile: kc.file };
}

async function collect(kubeconfigFile: string, options: Partial<CollectOptions> = {}): Promise<ClusterCollection> {
  const kubeconfig = await loadKubeconfig({ kubeconfigPath: kubeconfigFile, env: {}, homedir: '/nonexistent' });
  return collectCluster({ kubeconfig, pageSize: 3, retryDelayMs: 1, requestTimeoutMs: 5_000, ...options });
}

const kindsOf = (result: ClusterCollection): string[] => (result.objects as Fields[]).map((o) => `${String(o['apiVersion'])}/${String(o['kind'])}`);
const named = (result: ClusterCollection, kind: string, name: string): Fields | undefined =>
  (result.objects as Fields[]).find((o) => o['kind'] === kind && (o['metadata'] as Fields)['name'] === name);

describe('collectCluster against a recorded v1.30 cluster', () => {
  it('collects every kind the rules read, typed, and createSnapshot accepts them without errors', async () => {
    const { api, kubeconfigFile } = await cluster();
    const result = await collect(kubeconfigFile);

    expect(result.kubernetesVersion).toBe('v1.30.4');
    expect(result.server).toBe(api.url);
    expect(result.context).toBe('kind-test');
    expect(result.missing).toEqual([]);

    const kinds = new Set(kindsOf(result));
    for (const expected of [
      'v1/Namespace',
      'v1/Pod',
      'v1/PodTemplate',
      'v1/ReplicationController',
      'v1/ServiceAccount',
      'v1/Service',
      'v1/Secret',
      'v1/ConfigMap',
      'apps/v1/Deployment',
      'apps/v1/ReplicaSet',
      'apps/v1/StatefulSet',
      'apps/v1/DaemonSet',
      'batch/v1/Job',
      'batch/v1/CronJob',
      'rbac.authorization.k8s.io/v1/Role',
      'rbac.authorization.k8s.io/v1/ClusterRole',
      'rbac.authorization.k8s.io/v1/RoleBinding',
      'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
      'networking.k8s.io/v1/NetworkPolicy',
      'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
      'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
      'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy',
      'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding',
      'storage.k8s.io/v1/CSIDriver',
      // kyverno.io prefers v2, which has no ClusterPolicy: the kind is found in v1.
      'kyverno.io/v1/ClusterPolicy',
      'kyverno.io/v1/Policy',
      'templates.gatekeeper.sh/v1/ConstraintTemplate',
      'constraints.gatekeeper.sh/v1beta1/K8sPSPPrivilegedContainer',
      'external-secrets.io/v1/ExternalSecret',
      'external-secrets.io/v1/ClusterSecretStore',
      // The default-namespace inventory (5.7.4): other namespaced kinds, metadata only.
      'v1/PersistentVolumeClaim',
      'policy/v1/PodDisruptionBudget',
    ]) {
      expect(kinds, expected).toContain(expected);
    }
    // Derived and restricting kinds are left out of the inventory, as 5.7.4 leaves them out.
    expect(kinds).not.toContain('v1/Event');
    expect(kinds).not.toContain('coordination.k8s.io/v1/Lease');
    // kube-system pods: 7 pods in the fixture.
    expect((result.objects as Fields[]).filter((o) => o['kind'] === 'Pod')).toHaveLength(7);
    // Items of API lists carry no kind: each got its kind and apiVersion, and lost managedFields.
    const web = named(result, 'Deployment', 'web')!;
    expect(web['apiVersion']).toBe('apps/v1');
    expect((web['metadata'] as Fields)['managedFields']).toBeUndefined();
    expect((web['spec'] as Fields)['replicas']).toBe(2);

    const snapshot = createSnapshot(result.objects, { kubernetesVersion: result.kubernetesVersion });
    expect(snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(snapshot.objects).toHaveLength(result.objects.length);
    expect(snapshot.ofKind('Pod').map((p) => p.metadata.namespace).sort()).toEqual(['kube-system', 'kube-system', 'kube-system', 'kube-system', 'kube-system', 'team-a', 'team-a']);
    expect(snapshot.workloads().length).toBeGreaterThan(5);
  });

  it('makes only GET requests', async () => {
    const { api, kubeconfigFile } = await cluster();
    await collect(kubeconfigFile);
    expect(api.requests.length).toBeGreaterThan(30);
    expect(new Set(api.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(api.requests.every((r) => r.authorization === 'Bearer kubecis-test-token')).toBe(true);
  });

  it('reads the version from /version first, then discovery, and never asks for absent groups', async () => {
    const { api, kubeconfigFile } = await cluster();
    await collect(kubeconfigFile);
    expect(api.requests.slice(0, 3).map((r) => r.path)).toEqual(['/version', '/api', '/apis']);
    const paths = api.requests.map((r) => r.path);
    // Not served by this cluster: never requested, so no 404 noise.
    expect(paths.some((p) => p.includes('bitnami.com') || p.includes('policy.sigstore.dev') || p.includes('policies.kyverno.io'))).toBe(false);
    // A down aggregated API is not touched.
    expect(paths.some((p) => p.includes('metrics.k8s.io'))).toBe(false);
  });

  it('follows continue tokens across pages', async () => {
    const { api, kubeconfigFile } = await cluster();
    const result = await collect(kubeconfigFile, { pageSize: 3 });
    const podRequests = api.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podRequests).toHaveLength(3); // 7 pods, 3 per page
    expect(podRequests.map((r) => r.query.get('limit'))).toEqual(['3', '3', '3']);
    expect(podRequests[0]!.query.get('continue')).toBeNull();
    const tokens = podRequests.slice(1).map((r) => r.query.get('continue'));
    expect(tokens.every((t) => typeof t === 'string' && t.length > 10)).toBe(true);
    expect(new Set(tokens).size).toBe(2);
    const names = (result.objects as Fields[]).filter((o) => o['kind'] === 'Pod').map((o) => (o['metadata'] as Fields)['name']);
    expect(names).toEqual(objectsFixture()['v1|pods']!.map((o) => (o['metadata'] as Fields)['name']));
    expect(result.kinds.find((k) => k.kind === 'Pod')).toMatchObject({ count: 7, complete: true, namespaced: true, namespace: null, mode: 'full' });
    expect(result.kinds.find((k) => k.kind === 'ClusterPolicy')).toMatchObject({ namespaced: false, apiVersion: 'kyverno.io/v1' });
  });

  it('lists Secrets as a metadata Table: no Secret value is ever sent or kept, the type is', async () => {
    const { api, kubeconfigFile } = await cluster();
    const result = await collect(kubeconfigFile);
    const secretRequests = api.requests.filter((r) => r.path.endsWith('/secrets') || r.path.includes('/secrets/'));
    expect(secretRequests.length).toBeGreaterThan(0);
    for (const r of secretRequests) {
      expect(r.accept).toContain('as=Table');
      expect(r.accept).not.toMatch(/(^|,\s*)application\/json(\s*,|$)/); // never plain JSON, which would carry data
      expect(r.query.get('includeObject')).toBe('Metadata');
    }
    expect(api.secretDataServed()).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secretMarker);
    const token = named(result, 'Secret', 'default-token-x7k2q')!;
    expect(token).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: expect.objectContaining({ name: 'default-token-x7k2q', namespace: 'default' }) as unknown,
      type: 'kubernetes.io/service-account-token',
    });
    const db = named(result, 'Secret', 'db-credentials')!;
    expect((db['metadata'] as Fields)['annotations']).toEqual({});
  });

  it('discards Secret values when a server ignores the metadata-only Accept header', async () => {
    const { api, kubeconfigFile } = await cluster({ ignoreAccept: true });
    const result = await collect(kubeconfigFile);
    expect(api.secretDataServed()).toBe(true); // the broken server did send them
    expect(JSON.stringify(result)).not.toContain(secretMarker);
    expect(named(result, 'Secret', 'db-credentials')).toMatchObject({ type: 'Opaque' });
    expect(result.diagnostics.map((d) => d.message)).toContain('The server sent Secret values although only metadata was asked for; kubecis discarded them');
  });

  it('keeps ConfigMaps to metadata, except the CNI configuration the rules read', async () => {
    const { api, kubeconfigFile } = await cluster();
    const result = await collect(kubeconfigFile);
    expect(JSON.stringify(result)).not.toContain('CONFIGMAP-VALUE-MARKER');
    expect(named(result, 'ConfigMap', 'app-settings')).not.toHaveProperty('data');
    expect(named(result, 'ConfigMap', 'cilium-config')).toMatchObject({ data: { 'enable-policy': 'default' } });
    expect(api.requests.map((r) => r.path)).toContain('/api/v1/namespaces/kube-system/configmaps/cilium-config');
  });

  it('reports progress: connect, discovery, one event per page, done', async () => {
    const { kubeconfigFile } = await cluster();
    const events: CollectProgress[] = [];
    const result = await collect(kubeconfigFile, { onProgress: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ phase: 'connect', context: 'kind-test' });
    expect(events[1]).toMatchObject({ phase: 'discovery' });
    expect(events.at(-1)).toMatchObject({ phase: 'done', objects: result.objects.length, missing: 0 });
    const pods = events.filter((e) => e.phase === 'list' && e.kind === 'Pod');
    expect(pods.map((e) => (e.phase === 'list' ? [e.page, e.items] : []))).toEqual([
      [1, 3],
      [2, 6],
      [3, 7],
    ]);
    const lines = events.map(formatProgress);
    expect(lines[0]).toBe(`Connecting to ${result.server} (context kind-test)`);
    expect(lines).toContain('Listing Pod (2/' + String((events[3] as { total: number }).total) + '), page 3: 12 objects so far');
  });
});

describe('collectCluster when the server refuses or fails', () => {
  it('records a kind it is forbidden to list in missing, and collects the rest', async () => {
    const { kubeconfigFile } = await cluster({
      intercept: (r) =>
        r.path === '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'
          ? {
              status: 403,
              body: status(
                403,
                'Forbidden',
                'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "alice" cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
                { group: 'rbac.authorization.k8s.io', kind: 'clusterrolebindings' },
              ),
            }
          : undefined,
    });
    const result = await collect(kubeconfigFile);
    expect(result.missing).toEqual([
      {
        kind: 'ClusterRoleBinding',
        group: 'rbac.authorization.k8s.io',
        resource: 'clusterrolebindings',
        namespace: null,
        status: 403,
        reason: expect.stringMatching(/^forbidden: .*cannot list resource "clusterrolebindings"/) as unknown,
      },
    ]);
    expect(kindsOf(result)).not.toContain('rbac.authorization.k8s.io/v1/ClusterRoleBinding');
    expect(kindsOf(result)).toContain('rbac.authorization.k8s.io/v1/ClusterRole');
    expect(kindsOf(result)).toContain('kyverno.io/v1/ClusterPolicy'); // listed after the refusal
    expect(result.diagnostics.some((d) => d.severity === 'warning' && d.message.startsWith('ClusterRoleBinding (rbac.authorization.k8s.io) could not be collected: forbidden'))).toBe(true);
  });

  it('stops with "credentials rejected" on a 401, naming the server, after one request', async () => {
    const { api, kubeconfigFile } = await cluster({}, { token: 'expired-token' });
    const error = await collect(kubeconfigFile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectError);
    expect((error as CollectError).code).toBe('unauthorized');
    expect((error as CollectError).message).toContain('credentials rejected');
    expect((error as CollectError).message).toContain(api.url);
    expect((error as CollectError).message).not.toContain('expired-token');
    expect(api.requests).toHaveLength(1);
  });

  it('stops on a 401 in the middle of the collection too', async () => {
    const { api, kubeconfigFile } = await cluster({
      intercept: (r) => (r.path === '/apis/apps/v1/deployments' ? { status: 401, body: status(401, 'Unauthorized', 'Unauthorized') } : undefined),
    });
    const error = await collect(kubeconfigFile).catch((e: unknown) => e);
    expect((error as CollectError).code).toBe('unauthorized');
    expect(api.requests.at(-1)!.path).toBe('/apis/apps/v1/deployments');
  });

  it('fails fast with a clear error when nothing listens on the port', async () => {
    const api = await startFakeApiServer();
    const url = api.url;
    await api.close();
    const kc = writeKubeconfig(url);
    cleanups.push(kc.cleanup);
    const started = performance.now();
    const error = await collect(kc.file).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(CollectError);
    expect((error as CollectError).code).toBe('unreachable');
    expect((error as CollectError).message).toBe(`cannot reach the API server at ${url}: connection refused`);
  });

  it('times out on a server that accepts the connection and never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => {
            resolve();
          });
        }),
    );
    const port = (silent.address() as AddressInfo).port;
    const kc = writeKubeconfig(`http://127.0.0.1:${String(port)}`);
    cleanups.push(kc.cleanup);
    const started = performance.now();
    const error = await collect(kc.file, { requestTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((error as CollectError).code).toBe('timeout');
    expect((error as CollectError).message).toContain(`http://127.0.0.1:${String(port)} did not answer GET /version within 0.3 s`);
  });

  it('restarts a list whose continue token expired (410 Gone)', async () => {
    let expired = false;
    const { api, kubeconfigFile } = await cluster({
      intercept: (r) => {
        if (r.path === '/api/v1/pods' && r.query.get('continue') !== null && !expired) {
          expired = true;
          return {
            status: 410,
            body: status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'),
          };
        }
        return undefined;
      },
    });
    const result = await collect(kubeconfigFile);
    expect(result.missing).toEqual([]);
    expect((result.objects as Fields[]).filter((o) => o['kind'] === 'Pod')).toHaveLength(7);
    expect(api.requests.filter((r) => r.path === '/api/v1/pods').map((r) => r.query.get('continue') === null)).toEqual([true, false, true, false, false]);
  });

  it('retries 429 Too Many Requests after Retry-After', async () => {
    let throttled = 0;
    const { kubeconfigFile } = await cluster({
      intercept: (r) =>
        r.path === '/apis/apps/v1/daemonsets' && throttled++ < 2
          ? { status: 429, headers: { 'Retry-After': '0' }, body: status(429, 'TooManyRequests', 'Too many requests, please try again later.') }
          : undefined,
    });
    const result = await collect(kubeconfigFile);
    expect(throttled).toBe(3);
    expect((result.objects as Fields[]).filter((o) => o['kind'] === 'DaemonSet')).toHaveLength(2);
  });

  it('records a kind whose listing keeps failing with 503 and goes on', async () => {
    const { kubeconfigFile } = await cluster({
      intercept: (r) => (r.path === '/apis/batch/v1/jobs' ? { status: 503, body: status(503, 'ServiceUnavailable', 'etcdserver: leader changed') } : undefined),
    });
    const result = await collect(kubeconfigFile, { retries: 1 });
    expect(result.missing).toEqual([expect.objectContaining({ kind: 'Job', status: 503, reason: 'etcdserver: leader changed' })]);
    expect(kindsOf(result)).toContain('batch/v1/CronJob');
  });

  it('records the kinds of a group whose discovery fails (an aggregated API down) and goes on', async () => {
    const { kubeconfigFile } = await cluster({
      intercept: (r) =>
        r.path.startsWith('/apis/templates.gatekeeper.sh/') || r.path === '/apis/external-secrets.io/v1'
          ? { status: 503, body: status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') }
          : undefined,
    });
    const result = await collect(kubeconfigFile, { retries: 1 });
    expect(result.missing).toEqual([
      {
        kind: 'ConstraintTemplate',
        group: 'templates.gatekeeper.sh',
        resource: '',
        namespace: null,
        status: 503,
        reason: 'API discovery failed (GET /apis/templates.gatekeeper.sh/v1: the server is currently unable to handle the request)',
      },
      // Its v1beta1 still answers, but kinds only in v1 may be missed.
      expect.objectContaining({ kind: '*', group: 'external-secrets.io', status: 503 }),
    ]);
    expect(kindsOf(result)).toContain('constraints.gatekeeper.sh/v1beta1/K8sPSPPrivilegedContainer');
    expect(result.kinds.filter((k) => k.group === 'external-secrets.io').map((k) => k.apiVersion)).toEqual(['external-secrets.io/v1beta1', 'external-secrets.io/v1beta1', 'external-secrets.io/v1beta1']);
    expect(result.diagnostics.filter((d) => d.message.startsWith('API discovery of templates.gatekeeper.sh/')).length).toBe(3);
  });

  it('stops with "aborted" when the caller aborts', async () => {
    const controller = new AbortController();
    const { kubeconfigFile } = await cluster({
      intercept: (r) => {
        if (r.path === '/api/v1/pods') controller.abort();
        return undefined;
      },
    });
    const error = await collect(kubeconfigFile, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as CollectError).code).toBe('aborted');
  });

  it('reads gzip-compressed answers', async () => {
    const { api, kubeconfigFile } = await cluster({ gzip: true });
    const result = await collect(kubeconfigFile);
    expect(api.requests.every((r) => r.path !== '')).toBe(true);
    expect(result.kubernetesVersion).toBe('v1.30.4');
    expect((result.objects as Fields[]).filter((o) => o['kind'] === 'Pod')).toHaveLength(7);
  });

  it('gives a null version and goes on when /version is forbidden', async () => {
    const { kubeconfigFile } = await cluster({
      intercept: (r) => (r.path === '/version' ? { status: 403, body: status(403, 'Forbidden', 'forbidden: User "alice" cannot get path "/version"') } : undefined),
    });
    const result = await collect(kubeconfigFile);
    expect(result.kubernetesVersion).toBeNull();
    expect(result.diagnostics.some((d) => d.message.startsWith('The Kubernetes version is unknown'))).toBe(true);
    expect(result.objects.length).toBeGreaterThan(40);
  });
});

describe('collectCluster on other servers', () => {
  it('lists an older cluster at the versions it serves (CronJob in batch/v1beta1, no ValidatingAdmissionPolicy)', async () => {
    const discovery = discoveryFixture();
    discovery['/version'] = { major: '1', minor: '20', gitVersion: 'v1.20.15' };
    const groups = (discovery['/apis']!['groups'] as Fields[])
      .filter((g) => g['name'] !== 'admissionregistration.k8s.io')
      .map((g) =>
        g['name'] === 'batch'
          ? { name: 'batch', versions: [{ groupVersion: 'batch/v1', version: 'v1' }, { groupVersion: 'batch/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'batch/v1', version: 'v1' } }
          : g,
      );
    discovery['/apis'] = { ...discovery['/apis'], groups };
    const batch = discovery['/apis/batch/v1']!;
    const jobsOnly = (batch['resources'] as Fields[]).filter((r) => !String(r['name']).startsWith('cronjobs'));
    discovery['/apis/batch/v1'] = { ...batch, resources: jobsOnly };
    discovery['/apis/batch/v1beta1'] = { ...batch, groupVersion: 'batch/v1beta1', resources: (batch['resources'] as Fields[]).filter((r) => String(r['name']).startsWith('cronjobs')) };
    const objects = objectsFixture();
    objects['batch/v1beta1|cronjobs'] = objects['batch/v1|cronjobs']!;
    delete objects['batch/v1|cronjobs'];

    const { api, kubeconfigFile } = await cluster({ discovery, objects });
    const result = await collect(kubeconfigFile);
    expect(result.kubernetesVersion).toBe('v1.20.15');
    expect(kindsOf(result)).toContain('batch/v1beta1/CronJob');
    expect(kindsOf(result).some((k) => k.includes('ValidatingAdmissionPolicy'))).toBe(false);
    expect(result.missing).toEqual([]); // a kind the server does not serve has no objects: nothing is missing
    expect(api.requests.some((r) => r.path.includes('admissionregistration'))).toBe(false);
  });

  it('falls back to the built-in kinds when discovery is forbidden', async () => {
    const { kubeconfigFile } = await cluster({
      intercept: (r) => (r.path === '/api' || r.path === '/apis' ? { status: 403, body: status(403, 'Forbidden', 'forbidden') } : undefined),
    });
    const result = await collect(kubeconfigFile);
    expect(kindsOf(result)).toContain('v1/Pod');
    expect(kindsOf(result)).toContain('rbac.authorization.k8s.io/v1/ClusterRole');
    expect(kindsOf(result).some((k) => k.startsWith('kyverno.io'))).toBe(false);
    expect(result.diagnostics.some((d) => d.message.startsWith('API discovery was refused'))).toBe(true);
  });

  it('lists only metadata of the inventory and can skip it', async () => {
    const { api, kubeconfigFile } = await cluster();
    const result = await collect(kubeconfigFile, { inventoryDefaultNamespace: false });
    expect(kindsOf(result)).not.toContain('v1/PersistentVolumeClaim');
    expect(api.requests.some((r) => r.path.startsWith('/api/v1/namespaces/default/'))).toBe(false);

    const { api: api2, kubeconfigFile: file2 } = await cluster();
    const full = await collect(file2);
    const pvc = named(full, 'PersistentVolumeClaim', 'scratch')!;
    expect(Object.keys(pvc).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    const inventory = api2.requests.filter((r) => r.path.includes('/namespaces/default/'));
    expect(inventory.length).toBeGreaterThan(3);
    expect(inventory.every((r) => r.accept.includes('as=PartialObjectMetadataList'))).toBe(true);
  });
});
