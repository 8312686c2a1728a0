// Loads a kubeconfig the way kubectl does: `--kubeconfig F`, else the KUBECONFIG path list
// (merged, the first file to name a cluster, user or context wins, missing files skipped), else
// ~/.kube/config. Then selects the context and checks that its cluster and user can be used.
// Errors never quote the file's content: a kubeconfig holds credentials.

import { readFile } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { KubeConfig } from '@kubernetes/client-node';
import { CollectError } from './errors.js';

export interface LoadKubeconfigOptions {
  /** `--kubeconfig F`: this file only, which must exist (relative paths are resolved against `cwd`). */
  readonly kubeconfigPath?: string | undefined;
  /** `--context C`: instead of the kubeconfig's `current-context`. */
  readonly context?: string | undefined;
  /** The environment (for KUBECONFIG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home directory (for ~/.kube/config). */
  readonly homedir: string;
  /** The working directory for a relative `kubeconfigPath` and KUBECONFIG entries; default: process.cwd(). */
  readonly cwd?: string | undefined;
}

/** How the selected user authenticates. */
export type AuthMethod = 'token' | 'token-file' | 'client-certificate' | 'exec' | 'auth-provider' | 'basic' | 'none';

/** A kubeconfig, merged and resolved to one context, ready for {@link collectCluster}. */
export interface LoadedKubeconfig {
  /** The files that were read, in precedence order. */
  readonly files: readonly string[];
  readonly context: string;
  readonly cluster: string;
  /** The API server URL, without a trailing slash. */
  readonly server: string;
  /** The user entry's name, or `null` for a context without a user (anonymous). */
  readonly user: string | null;
  /** The context's namespace, or `null`. */
  readonly namespace: string | null;
  readonly auth: AuthMethod;
  /** Whether the credentials come from a plugin that can mint new ones (exec, auth provider). */
  readonly refreshableAuth: boolean;
  readonly insecureSkipTlsVerify: boolean;
  /** The cluster's `proxy-url`, or `null`. */
  readonly proxyUrl: string | null;
  /** Impersonation groups (`as-groups`), which @kubernetes/client-node does not send itself. */
  readonly impersonateGroups: readonly string[];
  /** Things worth telling the user that do not stop the collection (plain http to a remote host). */
  readonly warnings: readonly string[];
  /** A fresh @kubernetes/client-node KubeConfig for this context (fresh credential caches each call). */
  readonly createClientConfig: () => KubeConfig;
}

type Fields = Record<string, unknown>;

interface Named {
  readonly name: string;
  readonly body: Fields;
  readonly file: string;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown, file: string, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CollectError('kubeconfig-invalid', `kubeconfig ${file}: ${field} must be a list`);
  return value;
}

function fsCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = fsCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code || 'unreadable';
    throw new CollectError('kubeconfig-invalid', `cannot read kubeconfig ${file}: ${why}`, { cause: error });
  }
}

/** Parses one file as YAML 1.1, as kubectl does (`insecure-skip-tls-verify: yes` is true). */
function parseKubeconfig(text: string, file: string): Fields {
  let value: unknown;
  try {
    value = parseYaml(text, { version: '1.1' });
  } catch (error) {
    // The parser's message may quote the offending line, which can hold a token: give the position only.
    const line = error instanceof YAMLParseError && error.linePos ? ` at line ${String(error.linePos[0].line)}` : '';
    throw new CollectError('kubeconfig-invalid', `kubeconfig ${file} is not valid YAML${line}`);
  }
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) throw new CollectError('kubeconfig-invalid', `kubeconfig ${file} is not a kubeconfig (expected a mapping with clusters, users and contexts)`);
  return value;
}

function entries(config: Fields, field: 'clusters' | 'users' | 'contexts', inner: 'cluster' | 'user' | 'context', file: string): Named[] {
  const out: Named[] = [];
  list(config[field], file, field).forEach((raw, index) => {
    const name = isRecord(raw) ? str(raw['name']) : undefined;
    if (!isRecord(raw) || name === undefined) {
      throw new CollectError('kubeconfig-invalid', `kubeconfig ${file}: ${field}[${String(index)}] has no name`);
    }
    const body = raw[inner] ?? {};
    if (!isRecord(body)) throw new CollectError('kubeconfig-invalid', `kubeconfig ${file}: ${field}[${String(index)}].${inner} must be a mapping`);
    out.push({ name, body, file });
  });
  return out;
}

/** A path in a kubeconfig is relative to the file that holds it. */
function resolveIn(file: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(file), path);
}

/** The files to read, in kubectl's precedence. */
async function locate(options: LoadKubeconfigOptions): Promise<{ file: string; text: string }[]> {
  const cwd = options.cwd ?? process.cwd();
  if (options.kubeconfigPath !== undefined && options.kubeconfigPath !== '') {
    const file = resolve(cwd, options.kubeconfigPath);
    const text = await readText(file);
    if (text === null) throw new CollectError('kubeconfig-not-found', `kubeconfig ${file} does not exist`);
    return [{ file, text }];
  }
  const fromEnv = options.env['KUBECONFIG'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const files = [...new Set(fromEnv.split(delimiter).filter((f) => f !== '').map((f) => resolve(cwd, f)))];
    const found: { file: string; text: string }[] = [];
    for (const file of files) {
      const text = await readText(file);
      if (text !== null) found.push({ file, text }); // kubectl skips missing files of the list.
    }
    if (found.length === 0) {
      throw new CollectError('kubeconfig-not-found', `none of the kubeconfig files in KUBECONFIG exists (${files.join(', ')})`);
    }
    return found;
  }
  const file = join(options.homedir, '.kube', 'config');
  const text = await readText(file);
  if (text === null) {
    throw new CollectError('kubeconfig-not-found', `no kubeconfig: ${file} does not exist and KUBECONFIG is not set; pass --kubeconfig FILE`);
  }
  return [{ file, text }];
}

const supportedAuthProviders = new Set(['oidc', 'gcp', 'azure']);

function authOf(user: Named | undefined): { method: AuthMethod; refreshable: boolean } {
  if (user === undefined) return { method: 'none', refreshable: false };
  const u = user.body;
  const provider = u['auth-provider'];
  if (provider !== undefined && provider !== null) {
    const name = isRecord(provider) ? str(provider['name']) : undefined;
    const config = isRecord(provider) && isRecord(provider['config']) ? provider['config'] : {};
    // @kubernetes/client-node also runs providers whose config names an exec command or a token file.
    if (name === undefined || (!supportedAuthProviders.has(name) && config['exec'] === undefined && config['tokenFile'] === undefined)) {
      throw new CollectError(
        'unsupported-auth',
        `user "${user.name}" authenticates with the auth provider "${name ?? '(unnamed)'}", which kubecis does not support; ` +
          'use a token, a client certificate, an exec credential plugin, or the oidc provider',
      );
    }
    return { method: 'auth-provider', refreshable: true };
  }
  if (u['exec'] !== undefined && u['exec'] !== null) {
    const exec = u['exec'];
    if (!isRecord(exec) || str(exec['command']) === undefined) {
      throw new CollectError('kubeconfig-invalid', `kubeconfig ${user.file}: user "${user.name}" has an exec credential plugin without a command`);
    }
    return { method: 'exec', refreshable: true };
  }
  if (str(u['token']) !== undefined) return { method: 'token', refreshable: false };
  if (str(u['tokenFile']) !== undefined || str(u['token-file']) !== undefined) return { method: 'token-file', refreshable: false };
  const cert = str(u['client-certificate']) ?? str(u['client-certificate-data']);
  const key = str(u['client-key']) ?? str(u['client-key-data']);
  if (cert !== undefined || key !== undefined) {
    if (cert === undefined || key === undefined) {
      throw new CollectError('kubeconfig-invalid', `kubeconfig ${user.file}: user "${user.name}" has a client ${cert === undefined ? 'key' : 'certificate'} without its ${cert === undefined ? 'certificate' : 'key'}`);
    }
    return { method: 'client-certificate', refreshable: false };
  }
  if (str(u['username']) !== undefined) return { method: 'basic', refreshable: false };
  return { method: 'none', refreshable: false };
}

async function readRequired(file: string, what: string, owner: string): Promise<string> {
  const text = await readText(file);
  if (text === null) throw new CollectError('kubeconfig-invalid', `${what} ${file} of ${owner} does not exist`);
  return text;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Reads the kubeconfig as kubectl would and selects the context. Throws {@link CollectError}
 * (`kubeconfig-not-found`, `kubeconfig-invalid`, `no-context`, `unknown-context`,
 * `unsupported-auth`) with a message fit to print.
 */
export async function loadKubeconfig(options: LoadKubeconfigOptions): Promise<LoadedKubeconfig> {
  const files = await locate(options);
  const clusters = new Map<string, Named>();
  const users = new Map<string, Named>();
  const contexts = new Map<string, Named>();
  let currentContext: string | undefined;
  for (const { file, text } of files) {
    const config = parseKubeconfig(text, file);
    // kubectl's merge: the first file to set a name (or current-context) wins.
    for (const entry of entries(config, 'clusters', 'cluster', file)) if (!clusters.has(entry.name)) clusters.set(entry.name, entry);
    for (const entry of entries(config, 'users', 'user', file)) if (!users.has(entry.name)) users.set(entry.name, entry);
    for (const entry of entries(config, 'contexts', 'context', file)) if (!contexts.has(entry.name)) contexts.set(entry.name, entry);
    currentContext ??= str(config['current-context']);
  }
  const available = contexts.size === 0 ? 'the kubeconfig has no contexts' : `available: ${[...contexts.keys()].sort().join(', ')}`;
  const contextName = options.context !== undefined && options.context !== '' ? options.context : currentContext;
  if (contextName === undefined) {
    throw new CollectError('no-context', `the kubeconfig sets no current-context; choose one with --context (${available})`);
  }
  const context = contexts.get(contextName);
  if (context === undefined) {
    throw new CollectError('unknown-context', `context "${contextName}" is not in the kubeconfig (${available})`);
  }
  const clusterName = str(context.body['cluster']);
  if (clusterName === undefined) throw new CollectError('kubeconfig-invalid', `kubeconfig ${context.file}: context "${contextName}" names no cluster`);
  const cluster = clusters.get(clusterName);
  if (cluster === undefined) throw new CollectError('kubeconfig-invalid', `context "${contextName}" uses cluster "${clusterName}", which is not in the kubeconfig`);
  const userName = str(context.body['user']) ?? null;
  const user = userName === null ? undefined : users.get(userName);
  if (userName !== null && user === undefined) throw new CollectError('kubeconfig-invalid', `context "${contextName}" uses user "${userName}", which is not in the kubeconfig`);

  const rawServer = str(cluster.body['server']);
  if (rawServer === undefined) throw new CollectError('kubeconfig-invalid', `kubeconfig ${cluster.file}: cluster "${clusterName}" has no server`);
  let url: URL;
  try {
    url = new URL(rawServer);
  } catch {
    throw new CollectError('kubeconfig-invalid', `kubeconfig ${cluster.file}: cluster "${clusterName}" has a server that is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CollectError('kubeconfig-invalid', `kubeconfig ${cluster.file}: cluster "${clusterName}" has a server with the unsupported scheme ${url.protocol}`);
  }
  const server = rawServer.replace(/\/+$/, '');
  const plainHttp = url.protocol === 'http:';
  const warnings: string[] = [];
  if (plainHttp && !isLoopback(url.hostname)) warnings.push(`the API server ${server} is reached over plain http: credentials and objects cross the network unencrypted`);
  const skipVerify = cluster.body['insecure-skip-tls-verify'] === true;
  if (skipVerify && !plainHttp) warnings.push(`cluster "${clusterName}" sets insecure-skip-tls-verify: the server's certificate is not checked`);

  const auth = authOf(user);
  const owner = `user "${userName ?? ''}"`;
  const c = cluster.body;
  const caFile = str(c['certificate-authority']);
  // Check files now, so that a missing one is a clear error rather than a failed request.
  if (caFile !== undefined) await readRequired(resolveIn(cluster.file, caFile), 'certificate authority file', `cluster "${clusterName}"`);
  const clientCluster = {
    name: clusterName,
    server,
    caData: str(c['certificate-authority-data']),
    caFile: caFile === undefined ? undefined : resolveIn(cluster.file, caFile),
    // Plain http has no TLS to verify; @kubernetes/client-node refuses http otherwise, kubectl does not.
    skipTLSVerify: skipVerify || plainHttp,
    tlsServerName: str(c['tls-server-name']),
    proxyUrl: str(c['proxy-url']),
  };
  let clientUser: Fields = { name: userName ?? 'anonymous' };
  let impersonateGroups: string[] = [];
  if (user !== undefined) {
    const u = user.body;
    const certFile = str(u['client-certificate']);
    const keyFile = str(u['client-key']);
    if (certFile !== undefined) await readRequired(resolveIn(user.file, certFile), 'client certificate file', owner);
    if (keyFile !== undefined) await readRequired(resolveIn(user.file, keyFile), 'client key file', owner);
    const tokenFile = str(u['tokenFile']) ?? str(u['token-file']);
    const token = str(u['token']) ?? (tokenFile === undefined ? undefined : (await readRequired(resolveIn(user.file, tokenFile), 'token file', owner)).trim());
    let exec = u['exec'];
    if (isRecord(exec)) {
      const command = str(exec['command']) ?? '';
      // kubectl resolves a command with a path separator against the kubeconfig's folder.
      if (/[\\/]/.test(command) && !isAbsolute(command)) exec = { ...exec, command: resolveIn(user.file, command) };
    }
    const groups = u['as-groups'];
    impersonateGroups = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
    clientUser = {
      name: user.name,
      certData: str(u['client-certificate-data']),
      certFile: certFile === undefined ? undefined : resolveIn(user.file, certFile),
      keyData: str(u['client-key-data']),
      keyFile: keyFile === undefined ? undefined : resolveIn(user.file, keyFile),
      exec: isRecord(exec) ? exec : undefined,
      authProvider: isRecord(u['auth-provider']) ? u['auth-provider'] : undefined,
      token,
      username: str(u['username']),
      password: str(u['password']),
      impersonateUser: str(u['as']),
    };
  }
  const namespace = str(context.body['namespace']) ?? null;
  const clientContext = { name: contextName, cluster: clusterName, user: clientUser['name'], ...(namespace === null ? {} : { namespace }) };

  // @kubernetes/client-node takes about half a second to import: only a live collection pays it.
  const { KubeConfig: KubeConfigClass } = await import('@kubernetes/client-node');
  const createClientConfig = (): KubeConfig => {
    const kc = new KubeConfigClass();
    kc.loadFromOptions({ clusters: [clientCluster], users: [clientUser], contexts: [clientContext], currentContext: contextName });
    return kc;
  };

  return Object.freeze({
    files: files.map((f) => f.file),
    context: contextName,
    cluster: clusterName,
    server,
    user: userName,
    namespace,
    auth: auth.method,
    refreshableAuth: auth.refreshable,
    insecureSkipTlsVerify: skipVerify,
    proxyUrl: clientCluster.proxyUrl ?? null,
    impersonateGroups,
    warnings,
    createClientConfig,
  });
}
