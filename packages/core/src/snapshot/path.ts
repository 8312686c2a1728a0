/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Formats a field path the way findings print it: `spec.containers[0].securityContext`.
 * Keys that are not plain identifiers are quoted: `metadata.labels["app.kubernetes.io/name"]`.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${String(segment)}]`;
    else if (identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Parses a path printed by {@link formatPath} back into segments. Returns `null` when malformed. */
export function parsePath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (i === 0 || i === path.length - 1) return null;
      i++;
      continue;
    }
    if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) return null;
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) {
        segments.push(Number(inner));
        i = close + 1;
        continue;
      }
      // Quoted key: find the closing quote that is followed by ']'.
      if (inner.startsWith('"')) {
        let end = i + 2;
        while (end < path.length) {
          if (path[end] === '\\') {
            end += 2;
            continue;
          }
          if (path[end] === '"') break;
          end++;
        }
        if (path[end + 1] !== ']') return null;
        try {
          segments.push(JSON.parse(path.slice(i + 1, end + 1)) as string);
        } catch {
          return null;
        }
        i = end + 2;
        continue;
      }
      return null;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    segments.push(path.slice(i, end));
    i = end;
  }
  return segments;
}

/** The value at a path inside a value, or `undefined` when the path does not resolve. */
export function getAtPath(value: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  if (segments === null) return undefined;
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** Whether the path names a field that exists in the value. */
export function hasPath(value: unknown, path: string | readonly PathSegment[]): boolean {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  if (segments === null) return false;
  if (segments.length === 0) return true;
  const parent = getAtPath(value, segments.slice(0, -1));
  const last = segments[segments.length - 1]!;
  if (parent === null || typeof parent !== 'object') return false;
  if (typeof last === 'number') return Array.isArray(parent) && last < parent.length;
  return !Array.isArray(parent) && Object.prototype.hasOwnProperty.call(parent, last);
}
