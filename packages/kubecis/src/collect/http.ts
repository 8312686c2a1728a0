// The only way the collector talks to the API server: GET requests, with the credentials and
// TLS settings @kubernetes/client-node derives from the kubeconfig, bounded in time and size.
// There is no other method on purpose: the collector is read-only by construction.

import * as http from 'node:http';
import * as https from 'node:https';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { CollectError } from './errors.js';
import type { LoadedKubeconfig } from './kubeconfig.js';

export interface TransportOptions {
  /** Per request, from sending to the last byte. Default 30 s. */
  readonly requestTimeoutMs?: number | undefined;
  /** For an exec plugin or auth provider to produce credentials. Default 120 s (a plugin may open a browser). */
  readonly credentialTimeoutMs?: number | undefined;
  /** Retries of a 429 or 5xx answer, or a reset connection. Default 3. */
  readonly retries?: number | undefined;
  /** The first retry's delay when the server gives no Retry-After; doubled each time, at most 10 s. Default 500 ms. */
  readonly retryDelayMs?: number | undefined;
  /** The largest response body read, decompressed. Default 512 MiB. */
  readonly maxResponseBytes?: number | undefined;
  readonly userAgent?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface ApiResponse {
  readonly status: number;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  readonly body: unknown;
  readonly contentType: string;
}

export interface GetOptions {
  readonly accept?: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
}

/** A read-only connection to one API server. */
export interface Transport {
  readonly server: string;
  /** Every request made, in order (method is always GET), for progress and tests. */
  readonly requests: number;
  get(path: string, options?: GetOptions): Promise<ApiResponse>;
  /** Closes kept-alive connections. */
  close(): void;
}

interface Credentials {
  readonly agent: http.Agent | undefined;
  readonly headers: Record<string, string>;
  readonly auth: string | undefined;
}

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function abortError(): CollectError {
  return new CollectError('aborted', 'the collection was aborted');
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(onTimeout());
      }, ms);
    }),
  ]).finally(() => {
    clearTimeout(timer);
  });
}

function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const networkReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

/** Turns a socket or TLS failure into an error that names the server. */
function describeNetworkError(error: unknown, server: string): CollectError {
  if (error instanceof CollectError) return error;
  const code = errnoCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (tlsCodes.has(code) || /certificate|ssl|tls/i.test(detail)) {
    return new CollectError('tls', `TLS with the API server at ${server} failed (${code || detail}); check certificate-authority in the kubeconfig`, { server, cause: error });
  }
  const reason = networkReasons[code] ?? (code || detail);
  return new CollectError('unreachable', `cannot reach the API server at ${server}: ${reason}`, { server, cause: error });
}

const retriableNetworkCodes = new Set(['ECONNRESET', 'EPIPE']);

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function firstLine(text: string, max = 200): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Creates the read-only transport for a loaded kubeconfig. Credentials are fetched on first use. */
export function createTransport(kubeconfig: LoadedKubeconfig, options: TransportOptions = {}): Transport {
  const server = kubeconfig.server;
  const base = new URL(server.endsWith('/') ? server : `${server}/`);
  const secure = base.protocol === 'https:';
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const credentialTimeoutMs = options.credentialTimeoutMs ?? 120_000;
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const maxResponseBytes = options.maxResponseBytes ?? 512 * 1024 * 1024;
  const signal = options.signal;
  let credentials: Promise<Credentials> | undefined;
  let requests = 0;
  const agents: (http.Agent | undefined)[] = [];

  const loadCredentials = async (): Promise<Credentials> => {
    const kc = kubeconfig.createClientConfig();
    const opts: https.RequestOptions = { headers: {} };
    try {
      await withTimeout(
        kc.applyToHTTPSOptions(opts),
        credentialTimeoutMs,
        () => new CollectError('credentials-unavailable', `the credential plugin of user "${kubeconfig.user ?? ''}" gave no credentials within ${String(credentialTimeoutMs / 1000)} s`),
      );
    } catch (error) {
      if (error instanceof CollectError) throw error;
      const detail = firstLine(error instanceof Error ? error.message : String(error));
      throw new CollectError('credentials-unavailable', `cannot get credentials for user "${kubeconfig.user ?? ''}"${detail === '' ? '' : `: ${detail}`}`, { cause: error });
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
    }
    // A proxy needs @kubernetes/client-node's agent; otherwise one that keeps connections
    // alive across the many list requests, with the same TLS material.
    let agent = opts.agent instanceof http.Agent ? opts.agent : undefined;
    if (kubeconfig.proxyUrl === null) {
      agent = secure
        ? new https.Agent({
            keepAlive: true,
            maxSockets: 4,
            ...(opts.ca === undefined ? {} : { ca: opts.ca }),
            ...(opts.cert === undefined ? {} : { cert: opts.cert }),
            ...(opts.key === undefined ? {} : { key: opts.key }),
            ...(opts.pfx === undefined ? {} : { pfx: opts.pfx }),
            ...(opts.passphrase === undefined ? {} : { passphrase: opts.passphrase }),
            ...(opts.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: opts.rejectUnauthorized }),
            ...(opts.servername === undefined ? {} : { servername: opts.servername }),
          })
        : new http.Agent({ keepAlive: true, maxSockets: 4 });
    }
    agents.push(agent);
    return { agent, headers, auth: opts.auth ?? undefined };
  };

  const once = async (creds: Credentials, url: URL, accept: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> => {
    if (signal?.aborted) throw abortError();
    requests++;
    return new Promise((resolvePromise, rejectPromise) => {
      let settled = false;
      const headers: Record<string, string | string[]> = {
        ...creds.headers,
        Accept: accept,
        'Accept-Encoding': 'gzip',
        'User-Agent': options.userAgent ?? 'kubecis',
      };
      if (kubeconfig.impersonateGroups.length > 0) headers['Impersonate-Group'] = [...kubeconfig.impersonateGroups];
      const requestOptions: https.RequestOptions = {
        method: 'GET',
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers,
        ...(creds.agent === undefined ? {} : { agent: creds.agent }),
        ...(creds.auth === undefined ? {} : { auth: creds.auth }),
      };
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        rejectPromise(error);
      };
      const request = (secure ? https.request : http.request)(requestOptions, (response) => {
        let stream: Readable = response;
        if ((response.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') {
          const gunzip = createGunzip();
          response.pipe(gunzip);
          stream = gunzip;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            request.destroy();
            fail(new CollectError('bad-response', `the API server at ${server} sent more than ${String(Math.round(maxResponseBytes / 1024 / 1024))} MiB for ${url.pathname}`, { server }));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', fail);
        response.on('error', fail);
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const timer = setTimeout(() => {
        request.destroy();
        fail(new CollectError('timeout', `the API server at ${server} did not answer GET ${url.pathname} within ${String(requestTimeoutMs / 1000)} s`, { server }));
      }, requestTimeoutMs);
      const onAbort = (): void => {
        request.destroy();
        fail(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        fail(describeNetworkError(error, server));
      });
      request.end();
    });
  };

  const get = async (path: string, getOptions: GetOptions = {}): Promise<ApiResponse> => {
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(getOptions.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const accept = getOptions.accept ?? 'application/json';
    credentials ??= loadCredentials();
    let creds = await credentials;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let answer: { status: number; headers: http.IncomingHttpHeaders; text: string };
      try {
        answer = await once(creds, url, accept);
      } catch (error) {
        const code = error instanceof CollectError ? errnoCode(error.cause) : errnoCode(error);
        if (attempt < retries && retriableNetworkCodes.has(code)) {
          await sleep(Math.min(retryDelayMs * 2 ** attempt, 10_000), signal);
          continue;
        }
        throw error instanceof CollectError ? error : describeNetworkError(error, server);
      }
      const { status, headers, text } = answer;
      if (status === 401) {
        // Plugins cache credentials: ask for fresh ones once, as kubectl does, then give up.
        if (kubeconfig.refreshableAuth && !refreshed) {
          refreshed = true;
          credentials = loadCredentials();
          creds = await credentials;
          continue;
        }
        throw new CollectError(
          'unauthorized',
          `credentials rejected by the API server at ${server} (401 Unauthorized): the ${kubeconfig.auth === 'none' ? 'request carried no credentials' : `credentials of user "${kubeconfig.user ?? ''}" are expired or invalid`}; log in again or update the kubeconfig`,
          { server },
        );
      }
      if ((status === 429 || status >= 500) && attempt < retries) {
        const wait = retryAfterMs(headers['retry-after']) ?? retryDelayMs * 2 ** attempt;
        await sleep(Math.min(wait, 10_000), signal);
        continue;
      }
      const contentType = headers['content-type'] ?? '';
      let body: unknown;
      if (/json/i.test(contentType) || /^\s*[{[]/.test(text)) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = undefined;
        }
      }
      return { status, body, contentType };
    }
  };

  return {
    server,
    get requests() {
      return requests;
    },
    get,
    close() {
      for (const agent of agents.splice(0)) agent?.destroy();
    },
  };
}

/** The human part of a Kubernetes Status body, or of any error answer. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body;
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return firstLine(body.message, 300);
  return `HTTP ${String(response.status)}`;
}
