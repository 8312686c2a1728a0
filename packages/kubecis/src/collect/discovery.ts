// API discovery: which groups, versions and resources this server serves (/api, /apis and one
// APIResourceList per group version), so that absent custom resources are never requested
// and old clusters are listed at the versions they have.

import type { Diagnostic } from '@kubecis/core';
import { CollectError } from './errors.js';
import { statusMessage, type Transport } from './http.js';

export interface DiscoveredResource {
  readonly group: string;
  readonly version: string;
  /** `v1`, `apps/v1`. */
  readonly apiVersion: string;
  /** The plural resource name used in paths: `pods`. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface DiscoveredGroup {
  readonly name: string;
  /** Versions in the server's order of preference (the preferred one first). */
  readonly versions: readonly string[];
}

export interface Discovery {
  /** Groups the server serves (`''` is the core group), or `null` when discovery was refused. */
  readonly groups: ReadonlyMap<string, DiscoveredGroup> | null;
  /** Resources of the group versions read, in server order per group version. */
  resourcesOf(group: string): Promise<readonly DiscoveredResource[]>;
  /** Only the preferred version's resources (for the inventory of every group). */
  preferredResourcesOf(group: string): Promise<readonly DiscoveredResource[]>;
  /** Reads group versions ahead, a few at a time (results are cached for the two methods above). */
  prefetch(groups: readonly string[], which: 'all' | 'preferred'): Promise<void>;
  /** Why the discovery of a group (one of its versions) failed, or `undefined`. */
  failureOf(group: string): { readonly status: number; readonly reason: string } | undefined;
  /** Problems met so far (group versions that failed), sorted, so parallel reads stay deterministic. */
  diagnostics(): Diagnostic[];
}

/** Group versions read at the same time. */
const discoveryConcurrency = 4;

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parseResourceList(body: unknown, group: string, version: string): DiscoveredResource[] {
  if (!isRecord(body) || !Array.isArray(body['resources'])) return [];
  const apiVersion = group === '' ? version : `${group}/${version}`;
  const out: DiscoveredResource[] = [];
  for (const raw of body['resources']) {
    if (!isRecord(raw)) continue;
    const resource = raw['name'];
    const kind = raw['kind'];
    if (typeof resource !== 'string' || typeof kind !== 'string' || resource.includes('/')) continue; // subresources
    out.push({ group, version, apiVersion, resource, kind, namespaced: raw['namespaced'] === true, verbs: strings(raw['verbs']) });
  }
  return out;
}

/** Reads /api and /apis; group versions are read on demand and cached. */
export async function discover(transport: Transport): Promise<Discovery> {
  const found: Diagnostic[] = [];
  const warn = (message: string): void => {
    found.push({ severity: 'warning', message, source: null });
  };
  let groups: Map<string, DiscoveredGroup> | null = new Map();

  const core = await transport.get('/api');
  if (core.status === 200 && isRecord(core.body)) {
    const versions = strings(core.body['versions']);
    groups.set('', { name: '', versions: versions.length > 0 ? versions : ['v1'] });
  } else if (core.status === 403 || core.status === 404) {
    warn(`API discovery was refused (GET /api: ${statusMessage(core)}); built-in kinds are listed at their usual versions and custom resources are not collected`);
    groups = null;
  } else {
    throw new CollectError('bad-response', `the API server at ${transport.server} answered GET /api with ${statusMessage(core)}; is it a Kubernetes API server?`, { server: transport.server });
  }

  if (groups !== null) {
    const apis = await transport.get('/apis');
    if (apis.status === 200 && isRecord(apis.body) && Array.isArray(apis.body['groups'])) {
      for (const raw of apis.body['groups']) {
        if (!isRecord(raw) || typeof raw['name'] !== 'string') continue;
        const listed = Array.isArray(raw['versions']) ? raw['versions'].filter(isRecord).map((v) => v['version']).filter((v): v is string => typeof v === 'string') : [];
        const preferred = isRecord(raw['preferredVersion']) && typeof raw['preferredVersion']['version'] === 'string' ? raw['preferredVersion']['version'] : listed[0];
        const versions = preferred === undefined ? listed : [preferred, ...listed.filter((v) => v !== preferred)];
        groups.set(raw['name'], { name: raw['name'], versions });
      }
    } else {
      warn(`API discovery of groups was refused (GET /apis: ${statusMessage(apis)}); built-in kinds are listed at their usual versions and custom resources are not collected`);
      groups = null;
    }
  }

  const cache = new Map<string, Promise<DiscoveredResource[]>>();
  const failures = new Map<string, { status: number; reason: string }>();
  const groupVersion = (group: string, version: string): Promise<DiscoveredResource[]> => {
    const key = `${group}/${version}`;
    let found = cache.get(key);
    if (found === undefined) {
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      found = transport.get(path).then((response) => {
        if (response.status === 200) return parseResourceList(response.body, group, version);
        // An aggregated API whose backend is down answers 503: its resources are skipped, the rest goes on.
        if (!failures.has(group)) failures.set(group, { status: response.status, reason: `API discovery failed (GET ${path}: ${statusMessage(response)})` });
        warn(`API discovery of ${group === '' ? 'core' : group}/${version} failed (GET ${path}: ${statusMessage(response)}); its resources were not collected`);
        return [];
      });
      cache.set(key, found);
    }
    return found;
  };

  return {
    groups,
    async resourcesOf(group) {
      const entry = groups?.get(group);
      if (entry === undefined) return [];
      const out: DiscoveredResource[] = [];
      for (const version of entry.versions) out.push(...(await groupVersion(group, version)));
      return out;
    },
    async preferredResourcesOf(group) {
      const version = groups?.get(group)?.versions[0];
      return version === undefined ? [] : groupVersion(group, version);
    },
    async prefetch(names, which) {
      const pairs = names.flatMap((group) => {
        const versions = groups?.get(group)?.versions ?? [];
        return (which === 'all' ? versions : versions.slice(0, 1)).map((version) => [group, version] as const);
      });
      await forEachLimit(pairs, discoveryConcurrency, ([group, version]) => groupVersion(group, version));
    },
    failureOf(group) {
      return failures.get(group);
    },
    diagnostics() {
      return [...found].sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    },
  };
}
