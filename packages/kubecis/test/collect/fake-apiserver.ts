// A small Kubernetes API server for the collector's tests: it serves recorded discovery
// documents and objects (fixtures/*.json) on 127.0.0.1 with the API's list semantics
// (limit/continue pagination, namespaced paths, Table and PartialObjectMetadataList content
// negotiation, Status errors), checks a bearer token, and records every request.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

type Fields = Record<string, unknown>;

export const discoveryFixture = (): Record<string, Fields> =>
  JSON.parse(readFileSync(new URL('./fixtures/discovery-v1.30.json', import.meta.url), 'utf8')) as Record<string, Fields>;

/** Objects as the API stores them, keyed `apiVersion|resource`; items have no kind or apiVersion. */
export const objectsFixture = (): Record<string, Fields[]> =>
  JSON.parse(readFileSync(new URL('./fixtures/cluster-v1.30.json', import.meta.url), 'utf8')) as Record<string, Fields[]>;

/** Appears in every Secret value of the fixture (data, last-applied annotation). */
export const secretMarker = 'S3CRET-MARKER';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly accept: string;
  readonly authorization: string | undefined;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeApiServerOptions {
  readonly token?: string;
  readonly discovery?: Record<string, Fields>;
  readonly objects?: Record<string, Fields[]>;
  /** Answers a request before the fake's own logic; return undefined to fall through. */
  readonly intercept?: (request: RecordedRequest, count: number) => Reply | undefined;
  /** Gzip list answers when the client accepts it, as the API server does for large responses. */
  readonly gzip?: boolean;
  /** Ignore `as=Table` / `as=PartialObjectMetadataList` (a broken proxy): always answer full objects. */
  readonly ignoreAccept?: boolean;
  /** Serve https with this certificate; with `clientCa`, a client certificate it signed also authenticates. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
}

export const tlsFixture = (name: 'ca.pem' | 'server.pem' | 'server-key.pem' | 'client.pem' | 'client-key.pem'): string =>
  readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url), 'utf8');

export interface FakeApiServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Whether any answer carried a Secret's data. */
  readonly secretDataServed: () => boolean;
  close(): Promise<void>;
}

export const status = (code: number, reason: string, message: string, details?: Fields): Fields => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details === undefined ? {} : { details }),
  code,
});

const kindOfResource = (discovery: Record<string, Fields>, apiVersion: string, resource: string): { kind: string; namespaced: boolean } | undefined => {
  const doc = discovery[apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`];
  const resources = (doc?.['resources'] ?? []) as Fields[];
  const found = resources.find((r) => r['name'] === resource);
  return found === undefined ? undefined : { kind: found['kind'] as string, namespaced: found['namespaced'] === true };
};

const encodeContinue = (resourceVersion: string, start: number): string =>
  Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(resourceVersion), start: String(start) })).toString('base64url');

const decodeContinue = (token: string): { rv: number; start: number } | undefined => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv: number; start: string };
    return { rv: parsed.rv, start: Number(parsed.start) };
  } catch {
    return undefined;
  }
};

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const token = options.token ?? 'kubecis-test-token';
  const discovery = options.discovery ?? discoveryFixture();
  const objects = options.objects ?? objectsFixture();
  const requests: RecordedRequest[] = [];
  let secretData = false;
  const listResourceVersion = '913377';

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply): void => {
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Audit-Id': '3f1c2b7e-5d1a-4c3b-9f2e-7a6b5c4d3e2f', ...reply.headers };
    if (options.gzip === true && (req.headers['accept-encoding'] ?? '').includes('gzip') && text.length > 0) {
      res.writeHead(reply.status, { ...headers, 'Content-Encoding': 'gzip' });
      res.end(gzipSync(text));
      return;
    }
    res.writeHead(reply.status, headers);
    res.end(text);
  };

  const list = (recorded: RecordedRequest, apiVersion: string, resource: string, namespace: string | undefined, name: string | undefined): Reply => {
    const info = kindOfResource(discovery, apiVersion, resource);
    if (info === undefined) return { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
    let items = (objects[`${apiVersion}|${resource}`] ?? []).filter((o) => namespace === undefined || (o['metadata'] as Fields)['namespace'] === namespace);
    if (name !== undefined) {
      const found = items.find((o) => (o['metadata'] as Fields)['name'] === name);
      if (found === undefined) return { status: 404, body: status(404, 'NotFound', `${resource} "${name}" not found`, { name, group, kind: resource }) };
      if (resource === 'secrets') secretData = true;
      return { status: 200, body: { kind: info.kind, apiVersion, ...found } };
    }
    const limit = Number(recorded.query.get('limit') ?? '0');
    const token = recorded.query.get('continue');
    let start = 0;
    if (token !== null && token !== '') {
      const decoded = decodeContinue(token);
      if (decoded === undefined) return { status: 400, body: status(400, 'BadRequest', 'continue key is not valid: illegal base64 data at input byte 0') };
      start = decoded.start;
    }
    const total = items.length;
    items = limit > 0 ? items.slice(start, start + limit) : items.slice(start);
    const end = start + items.length;
    const listMeta: Fields = { resourceVersion: listResourceVersion };
    if (limit > 0 && end < total) {
      listMeta['continue'] = encodeContinue(listResourceVersion, end);
      listMeta['remainingItemCount'] = total - end;
    }
    const accept = options.ignoreAccept === true ? 'application/json' : recorded.accept;
    if (accept.includes('as=Table')) {
      if (recorded.query.get('includeObject') !== 'Metadata') throw new Error('the collector asked for a Table without includeObject=Metadata');
      return {
        status: 200,
        body: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: listMeta,
          columnDefinitions: [
            { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
            { name: 'Type', type: 'string', format: '', description: 'Used to facilitate programmatic handling of secret data.', priority: 0 },
            { name: 'Data', type: 'string', format: '', description: 'Data contains the secret data.', priority: 0 },
            { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 },
          ],
          rows: items.map((o) => ({
            cells: [(o['metadata'] as Fields)['name'], o['type'] ?? 'Opaque', Object.keys((o['data'] ?? {}) as Fields).length, '12d'],
            object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o['metadata'] },
          })),
        },
      };
    }
    if (accept.includes('as=PartialObjectMetadataList')) {
      return {
        status: 200,
        body: {
          kind: 'PartialObjectMetadataList',
          apiVersion: 'meta.k8s.io/v1',
          metadata: listMeta,
          items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o['metadata'] })),
        },
      };
    }
    if (resource === 'secrets' && items.some((o) => 'data' in o)) secretData = true;
    return { status: 200, body: { kind: `${info.kind}List`, apiVersion, metadata: listMeta, items } };
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      accept: req.headers['accept'] ?? '',
      authorization: req.headers['authorization'],
    };
    requests.push(recorded);
    const intercepted = options.intercept?.(recorded, requests.length);
    if (intercepted !== undefined) {
      send(req, res, intercepted);
      return;
    }
    const socket = req.socket as Partial<TLSSocket>;
    const clientCertificate = socket.authorized === true && socket.getPeerCertificate?.().subject?.CN === 'kubernetes-admin';
    if (!clientCertificate && req.headers['authorization'] !== `Bearer ${token}`) {
      send(req, res, { status: 401, body: status(401, 'Unauthorized', 'Unauthorized') });
      return;
    }
    if (req.method !== 'GET') {
      send(req, res, { status: 405, body: status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`) });
      return;
    }
    const doc = discovery[url.pathname];
    if (doc !== undefined) {
      send(req, res, { status: 200, body: doc });
      return;
    }
    // /api/v1/[namespaces/NS/]RESOURCE[/NAME] and /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME]
    const match = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (match === null || (match[3] === undefined && match[4] === 'namespaces' && match[5] !== undefined)) {
      send(req, res, { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') });
      return;
    }
    const apiVersion = match[1] ?? match[2]!;
    send(req, res, list(recorded, apiVersion, match[4]!, match[3], match[5]));
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status(500, 'InternalError', error instanceof Error ? error.message : String(error))));
    }
  };
  const tls = options.tls;
  const server: Server =
    tls === undefined
      ? createServer(listener)
      : createTlsServer({ cert: tls.cert, key: tls.key, ...(tls.clientCa === undefined ? {} : { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false }) }, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${String(port)}`,
    port,
    requests,
    secretDataServed: () => secretData,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A temporary folder with a kubeconfig for `server`, removed by `cleanup`. */
export function writeKubeconfig(
  server: string,
  options: { token?: string; cluster?: string; user?: string; extra?: string } = {},
): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubecis-collect-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: kind-test
  cluster:
    server: ${server}
${options.cluster ?? ''}
contexts:
- name: kind-test
  context:
    cluster: kind-test
    user: kind-test-admin
current-context: kind-test
users:
- name: kind-test-admin
  user:
${options.user ?? `    token: ${options.token ?? 'kubecis-test-token'}`}
${options.extra ?? ''}`,
  );
  return {
    dir,
    file,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
