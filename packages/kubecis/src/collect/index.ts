// Live-cluster collection for the kubecis CLI (Node only; not part of the browser-safe
// library entry). Explicit named exports only.

export { loadKubeconfig } from './kubeconfig.js';
export type { AuthMethod, LoadedKubeconfig, LoadKubeconfigOptions } from './kubeconfig.js';
export { collectCluster } from './collect.js';
export type { ClusterCollection, CollectedKind, CollectOptions, CollectProgress, MissingKind } from './collect.js';
export { collectionField, collectionFormat, collectionMetadataOf, readCollection, writeCollection } from './collection-file.js';
export type { CollectionMetadata, ReadCollection, WriteCollectionOptions } from './collection-file.js';
export { CollectError, isCollectError } from './errors.js';
export type { CollectErrorCode } from './errors.js';
export { formatProgress } from './progress.js';
export { catalogue } from './catalogue.js';
export type { CollectMode, KindSpec } from './catalogue.js';
