// The snapshot file of `kubecis collect -o cluster.json`: a kubectl `List` (apiVersion v1,
// kind List, items), which `kubecis scan cluster.json` and `createSnapshot` read as any List,
// plus a top-level `kubecis` field with the collection's metadata. Kubernetes Lists have no
// such field, so every reader that does not know it ignores it.

import { z } from 'zod';
import type { Diagnostic } from '@kubecis/core';
import type { ClusterCollection, CollectedKind, MissingKind } from './collect.js';
import { CollectError } from './errors.js';

/** The top-level field that holds the collection's metadata. */
export const collectionField = 'kubecis';
/** The value of its `format` field; a reader refuses a later major format. */
export const collectionFormat = 'kubecis.collection/v1';

export interface CollectionMetadata {
  readonly format: typeof collectionFormat;
  /** ISO 8601, as given by the caller. */
  readonly collectedAt: string;
  readonly server: string;
  readonly context: string;
  readonly kubernetesVersion: string | null;
  readonly missing: readonly MissingKind[];
  readonly kinds: readonly CollectedKind[];
  /** The collector, e.g. `{ name: 'kubecis', version: '0.1.0' }`. */
  readonly tool?: { readonly name: string; readonly version: string } | undefined;
}

export interface WriteCollectionOptions {
  /** When the collection was made; the caller's clock (a Date or an ISO 8601 string). */
  readonly collectedAt: Date | string;
  readonly tool?: { readonly name: string; readonly version: string } | undefined;
}

/** A snapshot file read back: the objects for `createSnapshot`, and the metadata when present. */
export interface ReadCollection {
  readonly objects: unknown[];
  /** `null` for a plain kubectl List without kubecis metadata. */
  readonly metadata: CollectionMetadata | null;
  readonly kubernetesVersion: string | null;
  readonly missing: readonly MissingKind[];
  readonly diagnostics: Diagnostic[];
}

const secretValueFields = ['data', 'stringData'] as const;
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Secret never leaves the process with a value, whoever built the result. */
function withoutSecretValues(object: unknown): unknown {
  if (!isRecord(object) || object['kind'] !== 'Secret') return object;
  const copy: Fields = { ...object };
  for (const field of secretValueFields) delete copy[field];
  if (isRecord(copy['metadata']) && isRecord(copy['metadata']['annotations']) && lastApplied in copy['metadata']['annotations']) {
    const { [lastApplied]: _dropped, ...annotations } = copy['metadata']['annotations'];
    copy['metadata'] = { ...copy['metadata'], annotations };
  }
  return copy;
}

function isoOf(value: Date | string): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) throw new RangeError('collectedAt is not a valid date');
  return value.toISOString();
}

/**
 * The text of a snapshot file: a kubectl List with the collection metadata in the top-level
 * `kubecis` field, two-space indented, ending with a newline. Secret values are dropped again
 * here, whatever the result holds.
 */
export function writeCollection(result: ClusterCollection, options: WriteCollectionOptions): string {
  const metadata: CollectionMetadata = {
    format: collectionFormat,
    collectedAt: isoOf(options.collectedAt),
    server: result.server,
    context: result.context,
    kubernetesVersion: result.kubernetesVersion,
    missing: result.missing,
    kinds: result.kinds,
    ...(options.tool === undefined ? {} : { tool: options.tool }),
  };
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    [collectionField]: metadata,
    items: result.objects.map(withoutSecretValues),
  };
  return `${JSON.stringify(list, null, 2)}\n`;
}

const MissingSchema = z.looseObject({
  kind: z.string(),
  group: z.string().default(''),
  resource: z.string().default(''),
  namespace: z.string().nullable().default(null),
  status: z.number().nullable().default(null),
  reason: z.string(),
});

const KindSchema = z.looseObject({
  kind: z.string(),
  group: z.string(),
  apiVersion: z.string(),
  resource: z.string(),
  namespaced: z.boolean(),
  namespace: z.string().nullable(),
  mode: z.enum(['full', 'metadata', 'secret']),
  count: z.number(),
  complete: z.boolean(),
});

const MetadataSchema = z.looseObject({
  format: z.string(),
  collectedAt: z.string(),
  server: z.string(),
  context: z.string(),
  kubernetesVersion: z.string().nullable(),
  missing: z.array(MissingSchema).default([]),
  kinds: z.array(KindSchema).default([]),
  tool: z.object({ name: z.string(), version: z.string() }).optional(),
});

/**
 * The collection metadata of a parsed document, or `null` when it is not a kubecis snapshot
 * file (any other document). For the CLI, which parses files itself: find the snapshot file
 * among the inputs and read its Kubernetes version and missing kinds.
 */
export function collectionMetadataOf(document: unknown): CollectionMetadata | null {
  if (!isRecord(document) || document['kind'] !== 'List' || !(collectionField in document)) return null;
  const raw = document[collectionField];
  if (!isRecord(raw) || typeof raw['format'] !== 'string' || !raw['format'].startsWith('kubecis.collection/')) return null;
  if (raw['format'] !== collectionFormat) {
    throw new CollectError('bad-collection', `the snapshot file has format ${raw['format']}; this kubecis reads ${collectionFormat}`);
  }
  const parsed = MetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${collectionField}.${issue.path.join('.')}`;
    throw new CollectError('bad-collection', `the snapshot file's metadata is malformed${where}`);
  }
  const { tool, ...rest } = parsed.data;
  return {
    ...rest,
    format: collectionFormat,
    missing: rest.missing,
    kinds: rest.kinds,
    ...(tool === undefined ? {} : { tool }),
  };
}

/**
 * Reads a snapshot file's text. Throws {@link CollectError} (`bad-collection`) when it is not
 * a JSON kubectl List; a List without kubecis metadata (`kubectl get ... -o json`) is accepted.
 */
export function readCollection(text: string): ReadCollection {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    throw new CollectError('bad-collection', 'the snapshot file is not JSON');
  }
  if (!isRecord(value) || typeof value['kind'] !== 'string' || !value['kind'].endsWith('List') || !Array.isArray(value['items'])) {
    throw new CollectError('bad-collection', 'the snapshot file is not a kubectl List (expected kind List and an items array)');
  }
  const metadata = collectionMetadataOf(value);
  const diagnostics: Diagnostic[] = (metadata?.missing ?? []).map((m) => ({
    severity: 'warning' as const,
    message: `${m.kind}${m.group === '' ? '' : ` (${m.group})`}${m.namespace === null ? '' : ` in namespace ${m.namespace}`} was not collected: ${m.reason}`,
    source: null,
  }));
  // A typed list (PodList from the API) omits its items' kind and apiVersion.
  const listKind = value['kind'];
  const itemKind = listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
  const listVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : undefined;
  const items = (value['items'] as unknown[]).map((item) =>
    itemKind !== undefined && isRecord(item) && item['kind'] === undefined ? { apiVersion: listVersion, kind: itemKind, ...item } : item,
  );
  return {
    objects: items.map(withoutSecretValues),
    metadata,
    kubernetesVersion: metadata?.kubernetesVersion ?? null,
    missing: metadata?.missing ?? [],
    diagnostics,
  };
}
