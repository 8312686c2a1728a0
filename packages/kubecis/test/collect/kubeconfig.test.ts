import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { collectCluster, CollectError, loadKubeconfig, type LoadKubeconfigOptions } from '../../src/collect/index.js';
import { startFakeApiServer } from './fake-apiserver.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubecis-kubeconfig-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function write(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const fileA = `apiVersion: v1
kind: Config
clusters:
- name: alpha
  cluster:
    server: https://alpha.example.test:6443
    certificate-authority: certs/alpha-ca.pem
users:
- name: alpha-admin
  user:
    token: alpha-token
contexts:
- name: alpha
  context:
    cluster: alpha
    user: alpha-admin
    namespace: team-a
`;

const fileB = `apiVersion: v1
kind: Config
current-context: beta
clusters:
- name: alpha
  cluster:
    server: https://shadowed.example.test
- name: beta
  cluster:
    server: https://beta.example.test/k8s/clusters/c-7x2k/
users:
- name: beta-user
  user:
    token-file: beta.token
contexts:
- name: beta
  context:
    cluster: beta
    user: beta-user
`;

async function load(options: Partial<LoadKubeconfigOptions>): Promise<Awaited<ReturnType<typeof loadKubeconfig>>> {
  return loadKubeconfig({ env: {}, homedir: '/nonexistent-home', ...options });
}

async function loadError(options: Partial<LoadKubeconfigOptions>): Promise<CollectError> {
  const error = await load(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CollectError);
  return error as CollectError;
}

function mergedSetup(): { dir: string; a: string; b: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'certs'));
  write(dir, 'certs/alpha-ca.pem', '-----BEGIN CERTIFICATE-----\n');
  write(dir, 'beta.token', 'beta-token-from-file\n');
  return { dir, a: write(dir, 'a.yaml', fileA), b: write(dir, 'b.yaml', fileB) };
}

describe('loadKubeconfig: which files, as kubectl', () => {
  it('merges the KUBECONFIG list: the first file to name an entry wins, missing files are skipped', async () => {
    const { dir, a, b } = mergedSetup();
    const env = { KUBECONFIG: [a, join(dir, 'missing.yaml'), b].join(delimiter) };
    const loaded = await load({ env });
    expect(loaded.files).toEqual([a, b]);
    // current-context comes from the first file that sets one (b), and its server loses the trailing slash.
    expect(loaded).toMatchObject({ context: 'beta', cluster: 'beta', server: 'https://beta.example.test/k8s/clusters/c-7x2k', user: 'beta-user', auth: 'token-file', namespace: null });
    // The token file is relative to its kubeconfig, and read without its newline.
    expect(loaded.createClientConfig().getCurrentUser()?.token).toBe('beta-token-from-file');

    const alpha = await load({ env, context: 'alpha' });
    // Cluster "alpha" of a.yaml wins over the one b.yaml repeats.
    expect(alpha).toMatchObject({ context: 'alpha', server: 'https://alpha.example.test:6443', namespace: 'team-a', auth: 'token' });
    expect(alpha.createClientConfig().getCurrentCluster()?.caFile).toBe(join(dir, 'certs', 'alpha-ca.pem'));
  });

  it('reads ~/.kube/config when neither --kubeconfig nor KUBECONFIG is given', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.kube'));
    mkdirSync(join(home, '.kube', 'certs'));
    write(home, '.kube/certs/alpha-ca.pem', 'x');
    write(home, '.kube/config', `${fileA}current-context: alpha\n`);
    const loaded = await load({ homedir: home, env: { KUBECONFIG: '' } });
    expect(loaded.files).toEqual([join(home, '.kube', 'config')]);
    expect(loaded.context).toBe('alpha');
  });

  it('prefers --kubeconfig to KUBECONFIG, relative to the working directory', async () => {
    const { dir, b } = mergedSetup();
    const loaded = await load({ kubeconfigPath: 'b.yaml', cwd: dir, env: { KUBECONFIG: join(dir, 'a.yaml') } });
    expect(loaded.files).toEqual([b]);
  });

  it('says clearly when there is no kubeconfig', async () => {
    const dir = tempDir();
    const explicit = await loadError({ kubeconfigPath: join(dir, 'nope.yaml') });
    expect(explicit.code).toBe('kubeconfig-not-found');
    expect(explicit.message).toBe(`kubeconfig ${join(dir, 'nope.yaml')} does not exist`);

    const listed = await loadError({ env: { KUBECONFIG: [join(dir, 'x'), join(dir, 'y')].join(delimiter) } });
    expect(listed.code).toBe('kubeconfig-not-found');
    expect(listed.message).toContain('none of the kubeconfig files in KUBECONFIG exists');

    const home = await loadError({ homedir: dir });
    expect(home.code).toBe('kubeconfig-not-found');
    expect(home.message).toBe(`no kubeconfig: ${join(dir, '.kube', 'config')} does not exist and KUBECONFIG is not set; pass --kubeconfig FILE`);
  });
});

describe('loadKubeconfig: the context and its user', () => {
  it('refuses an unknown context and lists the available ones', async () => {
    const { a, b } = mergedSetup();
    const error = await loadError({ env: { KUBECONFIG: `${a}${delimiter}${b}` }, context: 'gamma' });
    expect(error.code).toBe('unknown-context');
    expect(error.message).toBe('context "gamma" is not in the kubeconfig (available: alpha, beta)');
  });

  it('asks for --context when no current-context is set', async () => {
    const { a } = mergedSetup();
    const error = await loadError({ kubeconfigPath: a });
    expect(error.code).toBe('no-context');
    expect(error.message).toContain('choose one with --context (available: alpha)');
  });

  it('refuses an auth provider it cannot run', async () => {
    const dir = tempDir();
    const file = write(
      dir,
      'config',
      `clusters: [{name: c, cluster: {server: "https://c.example.test"}}]
users: [{name: u, user: {auth-provider: {name: openstack, config: {ttl: 10m0s}}}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
    );
    const error = await loadError({ kubeconfigPath: file });
    expect(error.code).toBe('unsupported-auth');
    expect(error.message).toContain('user "u" authenticates with the auth provider "openstack", which kubecis does not support');
  });

  it('reports broken files without quoting them (a kubeconfig holds credentials)', async () => {
    const dir = tempDir();
    const bad = write(dir, 'config', 'users:\n- name: u\n  user:\n    token: super-secret-token: [unclosed\n');
    const error = await loadError({ kubeconfigPath: bad });
    expect(error.code).toBe('kubeconfig-invalid');
    expect(error.message).toMatch(/^kubeconfig .* is not valid YAML at line \d+$/);
    expect(error.message).not.toContain('super-secret-token');

    const dangling = write(dir, 'dangling', 'clusters: []\ncontexts: [{name: x, context: {cluster: gone, user: u}}]\ncurrent-context: x\n');
    expect((await loadError({ kubeconfigPath: dangling })).message).toBe('context "x" uses cluster "gone", which is not in the kubeconfig');

    const noCert = write(dir, 'nocert', 'clusters: [{name: c, cluster: {server: "https://c.example.test", certificate-authority: ca.pem}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x\n');
    expect((await loadError({ kubeconfigPath: noCert })).message).toBe(`certificate authority file ${join(dir, 'ca.pem')} of cluster "c" does not exist`);

    const halfCert = write(dir, 'half', 'clusters: [{name: c, cluster: {server: "https://c.example.test"}}]\nusers: [{name: u, user: {client-certificate-data: QUJD}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
    expect((await loadError({ kubeconfigPath: halfCert })).message).toContain('user "u" has a client certificate without its key');
  });

  it('warns about plain http to a remote host, and accepts it to a local one (kubectl proxy)', async () => {
    const dir = tempDir();
    const remote = write(dir, 'remote', 'clusters: [{name: c, cluster: {server: "http://api.example.test:8080"}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x\n');
    const loaded = await load({ kubeconfigPath: remote });
    expect(loaded.auth).toBe('none');
    expect(loaded.warnings).toEqual(['the API server http://api.example.test:8080 is reached over plain http: credentials and objects cross the network unencrypted']);
    // YAML 1.1, as kubectl reads it: `yes` is true.
    const yes = write(dir, 'yes', 'clusters: [{name: c, cluster: {server: "https://c.example.test", insecure-skip-tls-verify: yes}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x\n');
    expect((await load({ kubeconfigPath: yes })).insecureSkipTlsVerify).toBe(true);
    const proxy = write(dir, 'proxy', 'clusters: [{name: c, cluster: {server: "http://127.0.0.1:8001"}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x\n');
    expect((await load({ kubeconfigPath: proxy })).warnings).toEqual([]);
  });
});

describe('exec credential plugins', () => {
  /** A plugin that prints an ExecCredential; its token changes on each run (count kept in a file). */
  function plugin(dir: string, tokens: readonly string[], exitCode = 0): string {
    return write(
      dir,
      'plugin.mjs',
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const counter = new URL('./runs.txt', import.meta.url);
const runs = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
writeFileSync(counter, String(runs + 1));
if (${String(exitCode)} !== 0) { process.stderr.write('error: you must be logged in to the server (run "cloud login")\\n'); process.exit(${String(exitCode)}); }
const tokens = ${JSON.stringify(tokens)};
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: tokens[Math.min(runs, tokens.length - 1)] } }));
`,
    );
  }

  function kubeconfigWithExec(dir: string, server: string, script: string): string {
    return write(
      dir,
      'config',
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${server}"}}]
users:
- name: sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ${JSON.stringify(process.execPath)}
      args: [${JSON.stringify(script)}]
      interactiveMode: Never
contexts: [{name: x, context: {cluster: c, user: sso}}]
current-context: x
`,
    );
  }

  it('gets a token from the plugin, and asks it again once after a 401', async () => {
    const api = await startFakeApiServer({ token: 'fresh-token' });
    cleanups.push(() => api.close());
    const dir = tempDir();
    const file = kubeconfigWithExec(dir, api.url, plugin(dir, ['stale-token', 'fresh-token']));
    const kubeconfig = await loadKubeconfig({ kubeconfigPath: file, env: {}, homedir: dir });
    expect(kubeconfig).toMatchObject({ auth: 'exec', refreshableAuth: true });
    const result = await collectCluster({ kubeconfig, inventoryDefaultNamespace: false, retryDelayMs: 1 });
    expect(result.kubernetesVersion).toBe('v1.30.4');
    expect(api.requests.map((r) => r.authorization).slice(0, 2)).toEqual(['Bearer stale-token', 'Bearer fresh-token']);
    expect(api.requests.slice(1).every((r) => r.authorization === 'Bearer fresh-token')).toBe(true);
  });

  it('stops with credentials-unavailable when the plugin fails', async () => {
    const api = await startFakeApiServer();
    cleanups.push(() => api.close());
    const dir = tempDir();
    const kubeconfig = await loadKubeconfig({ kubeconfigPath: kubeconfigWithExec(dir, api.url, plugin(dir, ['unused'], 1)), env: {}, homedir: dir });
    const error = await collectCluster({ kubeconfig }).catch((e: unknown) => e);
    expect((error as CollectError).code).toBe('credentials-unavailable');
    expect((error as CollectError).message).toBe('cannot get credentials for user "sso": error: you must be logged in to the server (run "cloud login")');
    expect(api.requests).toHaveLength(0);
  });
});
