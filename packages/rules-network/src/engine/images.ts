/** A container image reference, split into its parts. */
export interface ImageName {
  /** The reference as written. */
  readonly raw: string;
  /** The registry host, when the reference names one (`quay.io`). */
  readonly registry: string | undefined;
  /** The repository path without the registry, lower-cased (`calico/node`). */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** Splits an image reference (`quay.io/calico/node:v3.28.0@sha256:…`). */
export function parseImage(raw: string): ImageName {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const segments = rest.split('/');
  let registry: string | undefined;
  const first = segments[0] ?? '';
  if (segments.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    segments.shift();
  }
  return { raw, registry, path: segments.join('/').toLowerCase(), tag: tag === '' ? undefined : tag, digest };
}

/** A semantic version `vX.Y.Z` (leading `v` optional, suffixes ignored), or `undefined`. */
export function semver(tag: string | undefined): readonly [number, number, number] | undefined {
  if (tag === undefined) return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
}

/** Compares two versions: negative when `a` is older than `b`. */
export function compareVersions(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
