import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { formatPath, type Diagnostic, type PathSegment } from '@kubecis/core';
import { ConfigSchema, type Config } from './schema.js';

export interface ParsedConfig {
  /** `null` when the file has errors; nothing of a broken config is applied. */
  readonly config: Config | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The 1-based line of a path in the file (of its nearest existing parent), for later diagnostics. */
  readonly lineOf: (path: readonly PathSegment[]) => number;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function nodeAt(root: Node | null, path: readonly PathSegment[]): Node | null {
  let current: Node | null = root;
  let last: Node | null = root;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      current = (pair?.value as Node | null | undefined) ?? (pair?.key as Node | null | undefined) ?? null;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = (current.items[segment] as Node | undefined) ?? null;
    } else {
      current = null;
    }
    if (current === null) return last;
    last = current;
  }
  return current;
}

/** Explains one zod issue as `path: expected X, got Y`, for people. */
function explain(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const where = path.length === 0 ? '(top level)' : formatPath(path);
  const got = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : issue.expected}, got ${got === undefined ? 'nothing' : typeName(got)}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${typeName(got)}`;
    case 'unrecognized_keys':
      return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return `${where}: must not be empty`;
    case 'invalid_format':
      return `${where}: ${issue.message}, got ${typeName(got)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Parses and validates `kubecis.yaml` text. Every problem is a diagnostic with file and line. */
export function parseConfig(text: string, file: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const linePath = (path: readonly PathSegment[]): number => lineOf(nodeAt(doc.contents, path)?.range?.[0]);
  if (doc.errors.length > 0) {
    return {
      lineOf: linePath,
      config: null,
      diagnostics: doc.errors.map((e) => ({ severity: 'error' as const, source: { file, line: lineOf(e.pos[0]) }, message: `Invalid YAML: ${e.code}` })),
    };
  }
  let data: unknown;
  try {
    // A bounded alias count stops "billion laughs" documents from expanding without limit.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return {
      lineOf: linePath,
      config: null,
      diagnostics: [{ severity: 'error', source: { file, line: 1 }, message: `Invalid YAML: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  const result = ConfigSchema.safeParse(data);
  if (result.success) return { config: result.data, diagnostics: [], lineOf: linePath };
  return {
    lineOf: linePath,
    config: null,
    diagnostics: result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const node = nodeAt(doc.contents, path);
      return { severity: 'error' as const, source: { file, line: lineOf(node?.range?.[0]) }, message: explain(issue, data) };
    }),
  };
}
