// Collects a snapshot from a live cluster: the server version, API discovery, then one
// paginated list per kind the rules read. Read-only (the transport can only GET), and Secret
// values are never requested: Secrets are listed as a Table of metadata.

import type { Diagnostic } from '@kubecis/core';
import { catalogue, configMapsRead, inventoryNamespace, inventorySkipped, inventorySkippedGroups, type CollectMode } from './catalogue.js';
import { discover, type DiscoveredResource, type Discovery } from './discovery.js';
import { createTransport, statusMessage, type ApiResponse, type Transport, type TransportOptions } from './http.js';
import { loadKubeconfig, type LoadedKubeconfig, type LoadKubeconfigOptions } from './kubeconfig.js';

export interface CollectOptions {
  /** A kubeconfig from {@link loadKubeconfig}, or the options to load one. */
  readonly kubeconfig: LoadedKubeconfig | LoadKubeconfigOptions;
  /** Called as the collection advances (for a progress line on a TTY); what it throws is ignored. */
  readonly onProgress?: ((event: CollectProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Items per list request (`limit`). Default 500, as kubectl. */
  readonly pageSize?: number | undefined;
  /** List every other namespaced kind in `default` by metadata, for 5.7.4. Default true. */
  readonly inventoryDefaultNamespace?: boolean | undefined;
  readonly requestTimeoutMs?: TransportOptions['requestTimeoutMs'];
  readonly credentialTimeoutMs?: TransportOptions['credentialTimeoutMs'];
  readonly retries?: TransportOptions['retries'];
  readonly retryDelayMs?: TransportOptions['retryDelayMs'];
  readonly maxResponseBytes?: TransportOptions['maxResponseBytes'];
  /** Sent as User-Agent, e.g. `kubecis/0.1.0`. */
  readonly userAgent?: string | undefined;
}

export type CollectProgress =
  | { readonly phase: 'connect'; readonly server: string; readonly context: string }
  | { readonly phase: 'discovery'; readonly server: string }
  | {
      readonly phase: 'list';
      readonly kind: string;
      readonly group: string;
      /** The namespace listed, or `null` for the whole cluster. */
      readonly namespace: string | null;
      /** 1-based position of this kind in the plan, and the plan's length. */
      readonly index: number;
      readonly total: number;
      /** 1-based page of this kind, and the items of this kind so far. */
      readonly page: number;
      readonly items: number;
      /** Objects collected so far, all kinds. */
      readonly objects: number;
    }
  | { readonly phase: 'done'; readonly objects: number; readonly missing: number; readonly requests: number };

/** A kind that could not be listed (or only in part): the rules that read it may be incomplete. */
export interface MissingKind {
  /** The kind, or `*` for every kind of a group whose discovery failed. */
  readonly kind: string;
  readonly group: string;
  /** The plural resource name, or `''` when discovery failed before it was known. */
  readonly resource: string;
  /** The namespace the listing was for, or `null` for the whole cluster. */
  readonly namespace: string | null;
  /** The HTTP status (403 forbidden, 404, 5xx), or `null` when the server gave none. */
  readonly status: number | null;
  readonly reason: string;
}

/** One listing that was made. */
export interface CollectedKind {
  readonly kind: string;
  readonly group: string;
  readonly apiVersion: string;
  readonly resource: string;
  /** Whether the kind lives in namespaces, as discovery says (core guesses it for custom kinds). */
  readonly namespaced: boolean;
  /** The namespace listed, or `null` for the whole cluster. */
  readonly namespace: string | null;
  /** `full` objects, `metadata` only, or `secret` (metadata and type). */
  readonly mode: CollectMode;
  readonly count: number;
  readonly complete: boolean;
}

export interface ClusterCollection {
  /** Typed objects (`apiVersion` and `kind` set), ready for `createSnapshot`. */
  readonly objects: unknown[];
  /** The server's gitVersion (`v1.30.2`, `v1.29.6-eks-1de2ab1`), or `null` when /version was refused. */
  readonly kubernetesVersion: string | null;
  readonly server: string;
  readonly context: string;
  readonly missing: MissingKind[];
  readonly kinds: CollectedKind[];
  readonly diagnostics: Diagnostic[];
}

const partialMetadataList = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const table = 'application/json;as=Table;g=meta.k8s.io;v=v1';
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const maxPages = 100_000;

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

interface PlanEntry {
  readonly spec: { readonly group: string; readonly kind: string; readonly mode: CollectMode };
  readonly resource: Pick<DiscoveredResource, 'group' | 'apiVersion' | 'resource' | 'kind' | 'namespaced'>;
  readonly namespace: string | null;
}

/** Metadata without server bookkeeping, and without the annotation that would repeat a body not fetched. */
function cleanMetadata(metadata: unknown, dropLastApplied: boolean): Fields {
  if (!isRecord(metadata)) return {};
  const { managedFields: _managed, ...rest } = metadata;
  if (dropLastApplied && isRecord(rest['annotations']) && lastApplied in rest['annotations']) {
    const { [lastApplied]: _dropped, ...annotations } = rest['annotations'];
    rest['annotations'] = annotations;
  }
  return rest;
}

function typed(item: Fields, apiVersion: string, kind: string, mode: CollectMode): Fields {
  if (mode !== 'full' || kind === 'Secret') {
    const out: Fields = { apiVersion, kind, metadata: cleanMetadata(item['metadata'], true) };
    if (kind === 'Secret' && typeof item['type'] === 'string') out['type'] = item['type'];
    return out;
  }
  const { apiVersion: _v, kind: _k, metadata, ...rest } = item;
  return { apiVersion, kind, metadata: cleanMetadata(metadata, false), ...rest };
}

function pathOf(entry: PlanEntry, name?: string): string {
  const { group, apiVersion, resource } = entry.resource;
  const prefix = group === '' ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
  const ns = entry.namespace === null ? '' : `/namespaces/${encodeURIComponent(entry.namespace)}`;
  return `${prefix}${ns}/${resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

function describeKind(entry: PlanEntry): string {
  return `${entry.resource.kind}${entry.resource.group === '' ? '' : ` (${entry.resource.group})`}${entry.namespace === null ? '' : ` in namespace ${entry.namespace}`}`;
}

/** Builds the list of listings: catalogue kinds the server serves, then the default-namespace inventory. */
async function plan(discovery: Discovery, inventory: boolean): Promise<{ entries: PlanEntry[]; missing: MissingKind[] }> {
  const out: PlanEntry[] = [];
  const missing: MissingKind[] = [];
  const planned = new Set<string>();
  const add = (spec: PlanEntry['spec'], resource: PlanEntry['resource'], namespace: string | null): void => {
    const key = `${resource.group}/${resource.kind}|${namespace ?? ''}`;
    if (planned.has(key)) return;
    planned.add(key);
    out.push({ spec, resource, namespace });
  };
  const claimed = new Set<string>();
  if (discovery.groups !== null) {
    const served = discovery.groups;
    await discovery.prefetch([...new Set(catalogue.map((s) => s.group))].filter((g) => served.has(g)), 'all');
    if (inventory) await discovery.prefetch([...served.keys()].filter((g) => !inventorySkippedGroups.has(g)), 'preferred');
  }
  for (const spec of catalogue) {
    if (discovery.groups === null) {
      if (spec.builtIn !== undefined) {
        const { version, resource, namespaced } = spec.builtIn;
        add(spec, { group: spec.group, apiVersion: spec.group === '' ? version : `${spec.group}/${version}`, resource, kind: spec.kind, namespaced }, null);
      }
      continue;
    }
    const resources = (await discovery.resourcesOf(spec.group)).filter((r) => r.verbs.includes('list'));
    let matched = false;
    for (const r of resources) {
      if (spec.kind !== '*' && r.kind !== spec.kind) continue;
      matched = true;
      if (claimed.has(`${r.group}/${r.kind}`)) continue; // the first version in the server's preference wins
      claimed.add(`${r.group}/${r.kind}`);
      add(spec, r, null);
    }
    // A served group whose discovery failed may hide objects of this kind: say so.
    const failure = discovery.failureOf(spec.group);
    if (failure !== undefined && (!matched || spec.kind === '*')) {
      missing.push({ kind: spec.kind, group: spec.group, resource: spec.builtIn?.resource ?? '', namespace: null, status: failure.status, reason: failure.reason });
    }
  }
  if (inventory && discovery.groups !== null) {
    for (const group of discovery.groups.keys()) {
      if (inventorySkippedGroups.has(group)) continue;
      for (const r of await discovery.preferredResourcesOf(group)) {
        if (!r.namespaced || !r.verbs.includes('list') || inventorySkipped.has(`${r.group}/${r.resource}`)) continue;
        if (claimed.has(`${r.group}/${r.kind}`)) continue;
        claimed.add(`${r.group}/${r.kind}`);
        add({ group: r.group, kind: r.kind, mode: 'metadata' }, r, inventoryNamespace);
      }
    }
  }
  return { entries: out, missing };
}

interface ListOutcome {
  readonly items: Fields[];
  readonly missing: MissingKind | null;
  /** The server sent Secret values although only metadata was asked for (they were dropped). */
  readonly secretValuesDiscarded: boolean;
}

interface ListContext {
  readonly transport: Transport;
  readonly pageSize: number;
  readonly total: number;
  /** Objects collected before this listing. */
  readonly before: number;
  readonly progress: (event: CollectProgress) => void;
}

/** Lists one kind, page by page, following continue tokens; restarts when a token expires. */
async function listKind(context: ListContext, entry: PlanEntry, index: number): Promise<ListOutcome> {
  const { kind, group, apiVersion, resource } = entry.resource;
  let mode = entry.spec.mode;
  let restarts = 0;
  let secretValuesDiscarded = false;
  const incomplete = (items: Fields[], status: number | null, reason: string): ListOutcome => ({
    items,
    missing: { kind, group, resource, namespace: entry.namespace, status, reason },
    secretValuesDiscarded,
  });
  restart: for (;;) {
    const items: Fields[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; page <= maxPages; page++) {
      const accept = mode === 'full' ? 'application/json' : mode === 'metadata' ? partialMetadataList : `${table}, ${partialMetadataList}`;
      const response: ApiResponse = await context.transport.get(pathOf(entry), {
        accept,
        query: { limit: String(context.pageSize), continue: token, ...(mode === 'secret' ? { includeObject: 'Metadata' } : {}) },
      });
      if (response.status === 406 && mode === 'metadata') {
        // An aggregated API that cannot send metadata only: take whole objects and keep their metadata.
        mode = 'full';
        continue restart;
      }
      if (response.status === 410 && token !== undefined && restarts < 2) {
        // The continue token expired (the list took longer than the server keeps it): start again.
        restarts++;
        continue restart;
      }
      if (response.status === 403) return incomplete([], 403, `forbidden: ${statusMessage(response)}`);
      if (response.status === 406 && mode === 'secret') {
        return incomplete([], 406, 'the server cannot list Secrets as metadata only, and kubecis never reads Secret values');
      }
      if (response.status !== 200) return incomplete([], response.status, statusMessage(response));
      const body = response.body;
      const pageItems = isRecord(body) ? pageObjects(body, entry.spec.mode, kind) : null;
      if (!isRecord(body) || pageItems === null) return incomplete([], 200, 'the answer was not a Kubernetes list');
      if (pageItems.hadSecretValues) secretValuesDiscarded = true;
      for (const item of pageItems.items) items.push(typed(item, apiVersion, kind, entry.spec.mode));
      context.progress({ phase: 'list', kind, group, namespace: entry.namespace, index, total: context.total, page, items: items.length, objects: context.before + items.length });
      const next = isRecord(body['metadata']) && typeof body['metadata']['continue'] === 'string' ? body['metadata']['continue'] : '';
      if (next === '') return { items, missing: null, secretValuesDiscarded };
      if (seen.has(next)) return incomplete(items, null, 'the server repeated a continue token; the list is incomplete');
      seen.add(next);
      token = next;
    }
    return incomplete(items, null, `more than ${String(maxPages)} pages; the list is incomplete`);
  }
}

/**
 * Collects the objects a CIS section-5 scan needs from the cluster of a kubeconfig context.
 * Throws a CollectError when it cannot go on (unreachable server, 401, abort); kinds it may
 * not list are recorded in `missing` and the collection goes on.
 */
export async function collectCluster(options: CollectOptions): Promise<ClusterCollection> {
  const kubeconfig = 'createClientConfig' in options.kubeconfig ? options.kubeconfig : await loadKubeconfig(options.kubeconfig);
  const transport = createTransport(kubeconfig, {
    requestTimeoutMs: options.requestTimeoutMs,
    credentialTimeoutMs: options.credentialTimeoutMs,
    retries: options.retries,
    retryDelayMs: options.retryDelayMs,
    maxResponseBytes: options.maxResponseBytes,
    userAgent: options.userAgent,
    signal: options.signal,
  });
  try {
    return await collectWith(kubeconfig, transport, options);
  } finally {
    transport.close();
  }
}

async function collectWith(kubeconfig: LoadedKubeconfig, transport: Transport, options: CollectOptions): Promise<ClusterCollection> {
  const progress = (event: CollectProgress): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // A progress line that cannot be written (a closed stderr) does not stop the collection.
    }
  };
  const diagnostics: Diagnostic[] = kubeconfig.warnings.map((message) => ({ severity: 'warning', message, source: null }));
  const missing: MissingKind[] = [];
  const kinds: CollectedKind[] = [];
  const objects: Fields[] = [];

  progress({ phase: 'connect', server: kubeconfig.server, context: kubeconfig.context });
  const kubernetesVersion = await readVersion(transport, diagnostics);
  progress({ phase: 'discovery', server: kubeconfig.server });
  const discovery = await discover(transport);
  const { entries, missing: undiscovered } = await plan(discovery, options.inventoryDefaultNamespace ?? true);
  diagnostics.push(...discovery.diagnostics());
  missing.push(...undiscovered);
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 500));

  let secretValuesDiscarded = false;
  for (const [i, entry] of entries.entries()) {
    const outcome = await listKind({ transport, pageSize, total: entries.length, before: objects.length, progress }, entry, i + 1);
    secretValuesDiscarded ||= outcome.secretValuesDiscarded;
    let items = outcome.items;
    if (entry.resource.kind === 'ConfigMap' && entry.resource.group === '') items = await readConfigMaps(transport, entry, items, diagnostics);
    objects.push(...items);
    if (outcome.missing !== null) {
      missing.push(outcome.missing);
      diagnostics.push({ severity: 'warning', message: `${describeKind(entry)} could not be collected: ${outcome.missing.reason}`, source: null });
    }
    if (outcome.missing === null || items.length > 0) {
      kinds.push({
        kind: entry.resource.kind,
        group: entry.resource.group,
        apiVersion: entry.resource.apiVersion,
        resource: entry.resource.resource,
        namespaced: entry.resource.namespaced,
        namespace: entry.namespace,
        mode: entry.spec.mode,
        count: items.length,
        complete: outcome.missing === null,
      });
    }
  }
  if (secretValuesDiscarded) {
    diagnostics.push({ severity: 'warning', message: 'The server sent Secret values although only metadata was asked for; kubecis discarded them', source: null });
  }
  progress({ phase: 'done', objects: objects.length, missing: missing.length, requests: transport.requests });
  return { objects, kubernetesVersion, server: kubeconfig.server, context: kubeconfig.context, missing, kinds, diagnostics };
}

async function readVersion(transport: Transport, diagnostics: Diagnostic[]): Promise<string | null> {
  const response = await transport.get('/version');
  if (response.status === 200 && isRecord(response.body) && typeof response.body['gitVersion'] === 'string') return response.body['gitVersion'];
  diagnostics.push({
    severity: 'info',
    message: `The Kubernetes version is unknown (GET /version: ${response.status === 200 ? 'no gitVersion' : statusMessage(response)})`,
    source: null,
  });
  return null;
}

/** The objects of one list page: items of a list, or the rows of a Table. `null` when it is neither. */
function pageObjects(body: Fields, mode: CollectMode, kind: string): { items: Fields[]; hadSecretValues: boolean } | null {
  if (body['kind'] === 'Table' && Array.isArray(body['rows'])) {
    const columns = Array.isArray(body['columnDefinitions']) ? body['columnDefinitions'] : [];
    const typeColumn = columns.findIndex((c) => isRecord(c) && typeof c['name'] === 'string' && c['name'].toLowerCase() === 'type');
    const items: Fields[] = [];
    for (const row of body['rows']) {
      if (!isRecord(row) || !isRecord(row['object'])) continue;
      const item: Fields = { metadata: row['object']['metadata'] };
      const cells = Array.isArray(row['cells']) ? row['cells'] : [];
      if (kind === 'Secret' && typeColumn >= 0 && typeof cells[typeColumn] === 'string') item['type'] = cells[typeColumn];
      items.push(item);
    }
    return { items, hadSecretValues: false };
  }
  if (!Array.isArray(body['items'])) return null;
  const items = body['items'].filter(isRecord);
  const hadSecretValues = mode === 'secret' && items.some((item) => 'data' in item || 'stringData' in item);
  return { items, hadSecretValues };
}

/** Reads in full the few ConfigMaps whose data the CNI rules check; the others stay metadata only. */
async function readConfigMaps(transport: Transport, entry: PlanEntry, items: Fields[], diagnostics: Diagnostic[]): Promise<Fields[]> {
  const out: Fields[] = [];
  for (const item of items) {
    const metadata = isRecord(item['metadata']) ? item['metadata'] : {};
    const name = metadata['name'];
    const namespace = metadata['namespace'];
    if (typeof name !== 'string' || typeof namespace !== 'string' || !configMapsRead.has(name)) {
      out.push(item);
      continue;
    }
    const response = await transport.get(pathOf({ ...entry, namespace }, name));
    if (response.status === 200 && isRecord(response.body)) {
      out.push(typed(response.body, entry.resource.apiVersion, 'ConfigMap', 'full'));
    } else {
      out.push(item);
      diagnostics.push({ severity: 'warning', message: `ConfigMap ${namespace}/${name} could not be read (${statusMessage(response)}); the CNI checks that use it see its metadata only`, source: null });
    }
  }
  return out;
}
