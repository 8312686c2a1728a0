import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectCluster, CollectError, loadKubeconfig, type ClusterCollection } from '../../src/collect/index.js';
import { startFakeApiServer, tlsFixture, writeKubeconfig, type FakeApiServer } from './fake-apiserver.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function httpsServer(): Promise<FakeApiServer> {
  const api = await startFakeApiServer({ tls: { cert: tlsFixture('server.pem'), key: tlsFixture('server-key.pem'), clientCa: tlsFixture('ca.pem') } });
  cleanups.push(() => api.close());
  return api;
}

async function collectWith(server: string, options: { cluster?: string; user?: string; files?: boolean }): Promise<ClusterCollection> {
  const kc = writeKubeconfig(server, options);
  cleanups.push(kc.cleanup);
  if (options.files === true) {
    for (const name of ['ca.pem', 'client.pem', 'client-key.pem'] as const) {
      copyFileSync(fileURLToPath(new URL(`./fixtures/tls/${name}`, import.meta.url)), join(kc.dir, name));
    }
  }
  const kubeconfig = await loadKubeconfig({ kubeconfigPath: kc.file, env: {}, homedir: '/nonexistent' });
  return collectCluster({ kubeconfig, inventoryDefaultNamespace: false, requestTimeoutMs: 5_000, retryDelayMs: 1 });
}

describe('collectCluster over https', () => {
  it('verifies the server with certificate-authority-data and sends the bearer token', async () => {
    const api = await httpsServer();
    const ca = Buffer.from(tlsFixture('ca.pem')).toString('base64');
    const result = await collectWith(api.url, { cluster: `    certificate-authority-data: ${ca}` });
    expect(result.kubernetesVersion).toBe('v1.30.4');
    expect(result.missing).toEqual([]);
    expect(api.requests.every((r) => r.authorization === 'Bearer kubecis-test-token')).toBe(true);
  });

  it('authenticates with a client certificate, with paths relative to the kubeconfig', async () => {
    const api = await httpsServer();
    const result = await collectWith(api.url, {
      files: true,
      cluster: '    certificate-authority: ca.pem',
      user: '    client-certificate: client.pem\n    client-key: client-key.pem',
    });
    expect(result.objects.length).toBeGreaterThan(40);
    expect(api.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('refuses a server whose certificate it cannot verify, with a clear error', async () => {
    const api = await httpsServer();
    const error = await collectWith(api.url, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectError);
    expect((error as CollectError).code).toBe('tls');
    expect((error as CollectError).message).toContain(`TLS with the API server at ${api.url} failed`);
    expect(api.requests).toHaveLength(0);
  });

  it('skips verification only when the kubeconfig says so, and warns', async () => {
    const api = await httpsServer();
    const result = await collectWith(api.url, { cluster: '    insecure-skip-tls-verify: true' });
    expect(result.kubernetesVersion).toBe('v1.30.4');
    expect(result.diagnostics.map((d) => d.message)).toContain('cluster "kind-test" sets insecure-skip-tls-verify: the server\'s certificate is not checked');
  });
});
