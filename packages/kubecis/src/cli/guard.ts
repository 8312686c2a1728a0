// Guards between the parsers and the rest of kubecis: YAML alias expansion (js-yaml shares an
// aliased node instead of copying it, so a "billion laughs" document parses in microseconds and
// explodes only when something walks it), `__proto__` keys, and nesting depth for JSON.

import type { PathSegment } from '@kubecis/core';
import { scanJsonStructure } from './locate-json.js';

/** Nodes that aliases may add to a document before it is refused. */
export const maxAliasExpansion = 100_000;

/** The nesting depth kubecis reads (js-yaml's maxDepth for YAML, a scan for JSON). */
export const maxDepth = 256;

export type AliasVerdict =
  | { readonly ok: true; readonly expanded: number; readonly unique: number }
  | { readonly ok: false; readonly reason: 'cycle' | 'expansion' };

interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  index: number;
  total: number;
}

function childrenOf(node: object): readonly unknown[] {
  return Array.isArray(node) ? node : Object.values(node);
}

/**
 * Counts the nodes a document would have with every alias expanded, without expanding it: a
 * memoised walk over the shared graph. Refuses cycles (`&a [*a]`) and documents whose aliases
 * add more than `limit` nodes, and stops as soon as either is certain.
 */
export function checkAliasExpansion(value: unknown, limit = maxAliasExpansion): AliasVerdict {
  if (value === null || typeof value !== 'object') return { ok: true, expanded: 1, unique: 1 };
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  let unique = 1;
  const stack: Frame[] = [{ node: value, children: childrenOf(value), index: 0, total: 1 }];
  onPath.add(value);
  let result = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index < frame.children.length) {
      const child = frame.children[frame.index++];
      if (child === null || typeof child !== 'object') {
        frame.total++;
        unique++;
        continue;
      }
      const known = sizes.get(child);
      if (known !== undefined) {
        frame.total += known;
        if (frame.total - unique > limit) return { ok: false, reason: 'expansion' };
        continue;
      }
      if (onPath.has(child)) return { ok: false, reason: 'cycle' };
      onPath.add(child);
      unique++;
      stack.push({ node: child, children: childrenOf(child), index: 0, total: 1 });
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    sizes.set(frame.node, frame.total);
    const parent = stack[stack.length - 1];
    if (parent === undefined) result = frame.total;
    else {
      parent.total += frame.total;
      if (parent.total - unique > limit) return { ok: false, reason: 'expansion' };
    }
  }
  return { ok: true, expanded: result, unique };
}

/**
 * Removes every own `__proto__` key (parsers keep it as a plain data key; code that copies
 * with assignment would turn it into a prototype). Returns the paths it removed, first seen.
 */
export function stripProtoKeys(value: unknown): PathSegment[][] {
  const removed: PathSegment[][] = [];
  if (value === null || typeof value !== 'object') return removed;
  const seen = new Set<object>();
  const stack: { node: object; path: PathSegment[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: object; path: PathSegment[] };
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object') stack.push({ node: child, path: [...path, i] });
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, '__proto__')) {
      delete record['__proto__'];
      removed.push([...path, '__proto__']);
    }
    const keys = Object.keys(record);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = record[key];
      if (child !== null && typeof child === 'object') stack.push({ node: child, path: [...path, key] });
    }
  }
  return removed;
}

/** An escape sequence (YAML `\x`, `\u`, `\U`; JSON `\u`) for one of the characters of `__proto__`. */
const protoCharEscape = /\\(?:x|u00|U000000)(?:5[fF]|6[fF]|7[024])/;

/**
 * `__proto__`, or an escape that may spell one of its characters, in one pattern: one scan of
 * the text (V8 scans the 182 MB of a 100k-object dump in ~25 ms this way, and took ~65 ms to
 * find the plain word alone).
 */
const protoSpelling = new RegExp(`__proto__|${protoCharEscape.source}`);

/** Whether a text may spell a `__proto__` key, directly or through escapes. */
export function mayHaveProtoKey(text: string): boolean {
  return protoSpelling.test(text);
}

/** Whether `indicator` starts a token somewhere: after a space, a line start or a flow indicator, before a name. */
function hasPropertyToken(text: string, indicator: string): boolean {
  for (let at = text.indexOf(indicator); at !== -1; at = text.indexOf(indicator, at + 1)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + 1);
    const startsToken = before === 32 || before === 9 || before === 10 || before === 91 || before === 123 || before === 44;
    const named = !(Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13 || after === 44 || after === 91 || after === 93 || after === 123 || after === 125);
    if (startsToken && named) return true;
  }
  return false;
}

/** Whether a YAML text may hold aliases: both an anchor (`&a`) and an alias (`*a`) token. */
export function mayHaveAliases(text: string): boolean {
  return hasPropertyToken(text, '&') && hasPropertyToken(text, '*');
}

/**
 * The offset where a JSON text first nests deeper than `limit`, or -1. JSON.parse itself copes
 * with any depth, but code that recurses over the result may not, so JSON gets the same bound as
 * YAML. The loader gets this from the structure scan it keeps for locating fields.
 */
export function jsonDepthExceeded(text: string, limit = maxDepth): number {
  return scanJsonStructure(text, limit).tooDeepAt;
}
