// The errors that stop a collection. Everything else (a kind that is forbidden, a group that
// cannot be discovered) is recorded in the result and the collection goes on.

/** Why a kubeconfig could not be used or a collection stopped. */
export type CollectErrorCode =
  /** No kubeconfig file at the path given, in KUBECONFIG, or at ~/.kube/config. */
  | 'kubeconfig-not-found'
  /** A kubeconfig that cannot be read or used: bad YAML, a context without a cluster, a missing certificate file. */
  | 'kubeconfig-invalid'
  /** No `--context` and no `current-context`. */
  | 'no-context'
  /** The context asked for is not in the kubeconfig. */
  | 'unknown-context'
  /** The user authenticates in a way kubecis cannot (an unknown auth provider). */
  | 'unsupported-auth'
  /** The credential plugin (exec, auth provider) failed or took too long. */
  | 'credentials-unavailable'
  /** The server could not be reached: connection refused, DNS failure, network down. */
  | 'unreachable'
  /** TLS failed: an unknown certificate authority, a name mismatch, a bad client certificate. */
  | 'tls'
  /** The server did not answer in time. */
  | 'timeout'
  /** The server answered 401: the credentials are expired or invalid. */
  | 'unauthorized'
  /** The server answered something that is not a Kubernetes API response. */
  | 'bad-response'
  /** The caller aborted the collection. */
  | 'aborted'
  /** A snapshot file that is not a kubectl List. */
  | 'bad-collection';

/**
 * An error that ends a collection or a kubeconfig load. The message is for people and never
 * quotes a credential or a kubeconfig line; `code` is for programs (the CLI exits 2 on any).
 */
export class CollectError extends Error {
  override readonly name = 'CollectError';
  readonly code: CollectErrorCode;
  /** The API server URL, when the error is about one. */
  readonly server: string | null;

  constructor(code: CollectErrorCode, message: string, options: { readonly server?: string | null; readonly cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.server = options.server ?? null;
  }
}

export function isCollectError(error: unknown): error is CollectError {
  return error instanceof CollectError;
}
