// Container image references, read the way the container runtime reads them.

/** An image reference split into its parts, with Docker Hub's defaults filled in. */
export interface ImageReference {
  /** `registry.acme.example`, `ghcr.io`, `localhost:5000`; `docker.io` when the reference names none. */
  readonly registry: string;
  /** `team/app`; `library/nginx` for a Docker Hub official image. */
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/**
 * Parses an image reference (`nginx`, `nginx:1.27`, `ghcr.io/acme/api@sha256:…`,
 * `localhost:5000/tool:dev`). The first path component is a registry when it holds a dot or a
 * port, or is `localhost`; otherwise the image is on Docker Hub. Returns `null` for an empty
 * or malformed reference.
 */
export function parseImageReference(reference: string): ImageReference | null {
  const text = reference.trim();
  if (text === '' || /\s/.test(text)) return null;
  const at = text.indexOf('@');
  const digest = at === -1 ? null : text.slice(at + 1);
  const named = at === -1 ? text : text.slice(0, at);
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : null;
  const name = colon > slash ? named.slice(0, colon) : named;
  if (name === '' || tag === '' || digest === '') return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '')) return null;
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  const path = hasRegistry ? parts.slice(1) : parts;
  const repository = registry === 'docker.io' && path.length === 1 ? `library/${path[0]!}` : path.join('/');
  return { registry: registry === 'index.docker.io' ? 'docker.io' : registry, repository, tag, digest };
}

/** `registry/repository`, the name registry allow-lists are written against. */
export function imageName(image: ImageReference): string {
  return `${image.registry}/${image.repository}`;
}
