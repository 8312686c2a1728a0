// Finds the line of a field inside one YAML document, only for documents that have findings.
//
// Two walkers share the work:
// - a fast one that reads block-style YAML (what kubectl, Helm and kustomize write) line by
//   line, using indentation, and caches what it learns about each mapping and sequence, so a
//   List of a thousand items is scanned once however many findings it has;
// - the `yaml` package's parser (exact, about ten times slower than js-yaml), used only when
//   the fast walker meets something it does not handle: flow collections on the path, aliases,
//   merge keys, explicit keys, keys written in a form it does not normalise.
// The fast walker never guesses: when in doubt it stops, and the exact parser takes over.

import { createRequire } from 'node:module';
import type * as YamlPackage from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { PathSegment } from '@kubecis/core';
import { LineIndex } from './lines.js';

/** A 0-based position inside the document's text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface LocateResult {
  readonly position: TextPosition;
  /** How many segments of the path were found (the position is that of the last one found). */
  readonly resolved: number;
  /** Set when the walk stopped because the next field is certainly absent (not merely unreadable here). */
  readonly definitive?: boolean;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;

type LineKind = 'blank' | 'comment' | 'marker' | 'content';

interface LineInfo {
  readonly kind: LineKind;
  /** Leading spaces. */
  readonly indent: number;
  /** Offset of the first character that is not a space or tab. */
  readonly first: number;
  readonly start: number;
  readonly end: number;
}

type ValueKind = 'nested' | 'compact-map' | 'compact-seq' | 'scalar' | 'alias' | 'flow' | 'block-scalar';

interface Value {
  readonly kind: ValueKind;
  /** Offset of the value's first character, after anchors and tags. */
  readonly at: number;
  /** The 0-based line where the value ends (multi-line quoted and flow values). */
  readonly endLine: number;
}

interface Entry {
  /** The line of the entry's key or dash. */
  readonly line: number;
  /** Where the entry is reported: its key, or its item's content. */
  readonly at: TextPosition;
  /** The column entries of this entry's collection start at (a key's or a dash's). */
  readonly indent: number;
  readonly value: Value;
  readonly inSequence: boolean;
}

interface MapScan {
  readonly entries: Map<string, Entry>;
  /** A merge key, or a plain key that js-yaml reads as a number, boolean or null. */
  readonly exotic: boolean;
}

/** Plain keys js-yaml turns into something else before they become object keys. */
const nonStringScalar = /^(?:[-+]?[.0-9]|~$|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$|FALSE$|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$)/;

interface Container {
  readonly kind: 'map' | 'seq';
  /** Offset of the first entry (its key, or its dash). */
  readonly offset: number;
  readonly line: number;
  readonly indent: number;
}

function isBreakOrEnd(code: number): boolean {
  return Number.isNaN(code) || code === LF || code === CR;
}

function isBlankChar(code: number): boolean {
  return code === SPACE || code === TAB || isBreakOrEnd(code);
}

/** The fast, line-based walker over one block-style YAML document. */
export class BlockYamlWalker {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly maps = new Map<number, MapScan | null>();
  private readonly seqs = new Map<number, Entry[] | null>();
  private rootCache: { container: Container | null; line: number } | undefined;

  constructor(text: string, lines: LineIndex = new LineIndex(text)) {
    this.text = text;
    this.lines = lines;
  }

  private info(line: number): LineInfo {
    const text = this.text;
    const start = this.lines.start(line);
    const end = this.lines.end(line);
    let p = start;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    const indent = p - start;
    while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
    let kind: LineKind = 'content';
    if (p >= end) kind = 'blank';
    else if (text.charCodeAt(p) === HASH) kind = 'comment';
    else if (indent === 0 && (text.startsWith('---', start) || text.startsWith('...', start)) && isBlankChar(text.charCodeAt(start + 3))) kind = 'marker';
    return { kind, indent, first: p, start, end };
  }

  /** The first line of the document's content, and the root collection (null when not block style). */
  root(): { container: Container | null; line: number } {
    if (this.rootCache) return this.rootCache;
    let result: { container: Container | null; line: number } = { container: null, line: 0 };
    for (let line = 0; line < this.lines.lineCount; line++) {
      const info = this.info(line);
      if (info.kind === 'blank' || info.kind === 'comment') continue;
      if (info.kind === 'marker') {
        // `---` followed by content (`--- !tag`, `--- {a: 1}`) is not handled here.
        const after = this.skipSpaces(info.start + 3, info.end);
        if (after < info.end && this.text.charCodeAt(after) !== HASH) {
          result = { container: null, line };
          break;
        }
        continue;
      }
      if (info.indent === 0 && this.text.charCodeAt(info.first) === 37 /* % */) continue;
      result = { container: this.containerAt(line, info.first, info.first - info.start), line };
      break;
    }
    this.rootCache = result;
    return result;
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && (this.text.charCodeAt(p) === SPACE || this.text.charCodeAt(p) === TAB)) p++;
    return p;
  }

  private containerAt(line: number, offset: number, indent: number): Container {
    const code = this.text.charCodeAt(offset);
    const seq = code === DASH && isBlankChar(this.text.charCodeAt(offset + 1));
    return { kind: seq ? 'seq' : 'map', offset, line, indent };
  }

  /** Offset of the closing `"` of a double-quoted scalar opened at `open`, or -1. */
  private doubleQuoteEnd(open: number): number {
    const text = this.text;
    for (let p = open + 1; p < text.length; p++) {
      const code = text.charCodeAt(p);
      if (code === 92 /* \ */) p++;
      else if (code === DQUOTE) return p;
    }
    return -1;
  }

  /** Offset of the closing `'` of a single-quoted scalar opened at `open`, or -1. */
  private singleQuoteEnd(open: number): number {
    const text = this.text;
    for (let p = open + 1; p < text.length; p++) {
      if (text.charCodeAt(p) === SQUOTE) {
        if (text.charCodeAt(p + 1) === SQUOTE) p++;
        else return p;
      }
    }
    return -1;
  }

  /** Offset of the bracket closing a flow collection opened at `open`, or -1. */
  private flowEnd(open: number): number {
    const text = this.text;
    let depth = 0;
    let tokenStart = true;
    for (let p = open; p < text.length; p++) {
      const code = text.charCodeAt(p);
      if (code === 91 /* [ */ || code === 123 /* { */) {
        depth++;
        tokenStart = true;
      } else if (code === 93 /* ] */ || code === 125 /* } */) {
        depth--;
        if (depth === 0) return p;
        tokenStart = false;
      } else if (code === DQUOTE && tokenStart) {
        p = this.doubleQuoteEnd(p);
        if (p === -1) return -1;
        tokenStart = false;
      } else if (code === SQUOTE && tokenStart) {
        p = this.singleQuoteEnd(p);
        if (p === -1) return -1;
        tokenStart = false;
      } else if (code === HASH && tokenStart) {
        const newline = text.indexOf('\n', p);
        if (newline === -1) return -1;
        p = newline;
        tokenStart = true;
      } else if (code === 44 /* , */ || code === COLON || code === SPACE || code === TAB || code === LF || code === CR) {
        tokenStart = true;
      } else {
        tokenStart = false;
      }
    }
    return -1;
  }

  /** Whether a plain scalar starting at `p` on this line is the key of a compact mapping. */
  private plainKeyEnd(p: number, end: number): number {
    const text = this.text;
    for (let q = p; q < end; q++) {
      const code = text.charCodeAt(q);
      if (code === COLON && isBlankChar(q + 1 < end ? text.charCodeAt(q + 1) : NaN)) return q;
      if ((code === SPACE || code === TAB) && text.charCodeAt(q + 1) === HASH) return -1;
    }
    return -1;
  }

  /** Classifies the value that starts at or after `p` on `line`; null when it cannot be read here. */
  private value(p: number, line: number, inSequence: boolean): Value | null {
    const text = this.text;
    const end = this.lines.end(line);
    p = this.skipSpaces(p, end);
    // Anchors and tags before the value.
    for (;;) {
      if (p >= end || text.charCodeAt(p) === HASH) return { kind: 'nested', at: p, endLine: line };
      const code = text.charCodeAt(p);
      if (code !== 38 /* & */ && code !== 33 /* ! */) break;
      while (p < end && !isBlankChar(text.charCodeAt(p))) p++;
      p = this.skipSpaces(p, end);
    }
    const code = text.charCodeAt(p);
    if (code === 42 /* * */) return { kind: 'alias', at: p, endLine: line };
    if (code === 124 /* | */ || code === 62 /* > */) return { kind: 'block-scalar', at: p, endLine: line };
    if (code === DQUOTE || code === SQUOTE) {
      const close = code === DQUOTE ? this.doubleQuoteEnd(p) : this.singleQuoteEnd(p);
      if (close === -1) return null;
      if (close < end) {
        const after = this.skipSpaces(close + 1, end);
        if (text.charCodeAt(after) === COLON && isBlankChar(after + 1 < end ? text.charCodeAt(after + 1) : NaN)) {
          return inSequence ? { kind: 'compact-map', at: p, endLine: line } : null;
        }
        return { kind: 'scalar', at: p, endLine: line };
      }
      return { kind: 'scalar', at: p, endLine: this.lines.lineOf(close) };
    }
    if (code === 91 /* [ */ || code === 123 /* { */) {
      const close = this.flowEnd(p);
      if (close === -1) return null;
      return { kind: 'flow', at: p, endLine: this.lines.lineOf(close) };
    }
    if (code === DASH && isBlankChar(p + 1 < end ? text.charCodeAt(p + 1) : NaN)) {
      return inSequence ? { kind: 'compact-seq', at: p, endLine: line } : null;
    }
    if (code === 63 /* ? */ && isBlankChar(p + 1 < end ? text.charCodeAt(p + 1) : NaN)) return null;
    if (inSequence && this.plainKeyEnd(p, end) !== -1) return { kind: 'compact-map', at: p, endLine: line };
    return { kind: 'scalar', at: p, endLine: line };
  }

  /** Reads the key that starts at `p`; null when it is not a simple key. */
  private key(p: number, end: number): { key: string; valueStart: number; plain: boolean } | null {
    const text = this.text;
    const code = text.charCodeAt(p);
    let keyEnd: number;
    let key: string;
    if (code === DQUOTE || code === SQUOTE) {
      const close = code === DQUOTE ? this.doubleQuoteEnd(p) : this.singleQuoteEnd(p);
      if (close === -1 || close >= end) return null;
      const raw = text.slice(p, close + 1);
      if (code === DQUOTE) {
        if (raw.includes('\\')) {
          try {
            key = JSON.parse(raw) as string;
          } catch {
            return null;
          }
        } else key = raw.slice(1, -1);
      } else key = raw.slice(1, -1).replaceAll("''", "'");
      keyEnd = this.skipSpaces(close + 1, end);
      if (text.charCodeAt(keyEnd) !== COLON) return null;
    } else {
      // Indicators that start something other than a plain key.
      if ('?&!*[]{}|>%@`#,'.includes(text[p] ?? '')) return null;
      if (code === DASH && isBlankChar(p + 1 < end ? text.charCodeAt(p + 1) : NaN)) return null;
      keyEnd = this.plainKeyEnd(p, end);
      if (keyEnd === -1) return null;
      key = text.slice(p, keyEnd).trimEnd();
    }
    if (!isBlankChar(keyEnd + 1 < end ? text.charCodeAt(keyEnd + 1) : NaN)) return null;
    return { key, valueStart: keyEnd + 1, plain: code !== DQUOTE && code !== SQUOTE };
  }

  /** The line after an entry whose value ends on `endLine`, skipping its more indented lines. */
  private nextEntryLine(endLine: number, indent: number, dashes: 'skip' | 'entry'): { line: number; info: LineInfo } | null {
    for (let line = endLine + 1; line < this.lines.lineCount; line++) {
      const info = this.info(line);
      if (info.kind === 'blank' || info.kind === 'comment') continue;
      if (info.kind === 'marker') return null;
      if (info.indent < indent) return null;
      if (info.indent > indent) continue;
      const dash = this.text.charCodeAt(info.first) === DASH && isBlankChar(info.first + 1 < info.end ? this.text.charCodeAt(info.first + 1) : NaN);
      if (dashes === 'skip') {
        // A sequence at the same indentation as the keys belongs to the previous key.
        if (dash) continue;
        return { line, info };
      }
      return dash ? { line, info } : null;
    }
    return null;
  }

  private scanMap(container: Container): MapScan | null {
    const cached = this.maps.get(container.offset);
    if (cached !== undefined) return cached;
    const entries = new Map<string, Entry>();
    let exotic = false;
    let line = container.line;
    let offset = container.offset;
    let result: MapScan | null = { entries, exotic: false };
    for (;;) {
      const end = this.lines.end(line);
      const key = this.key(offset, end);
      const value = key && this.value(key.valueStart, line, false);
      if (!key || !value) {
        result = null;
        break;
      }
      entries.set(key.key, { line, at: { line, column: container.indent }, indent: container.indent, value, inSequence: false });
      if (key.key === '<<' || (key.plain && nonStringScalar.test(key.key))) exotic = true;
      const next = this.nextEntryLine(value.endLine, container.indent, 'skip');
      if (next === null) break;
      line = next.line;
      offset = next.info.first;
    }
    if (result !== null) result = { entries, exotic };
    this.maps.set(container.offset, result);
    return result;
  }

  private scanSeq(container: Container): Entry[] | null {
    const cached = this.seqs.get(container.offset);
    if (cached !== undefined) return cached;
    const items: Entry[] = [];
    let line = container.line;
    let offset = container.offset;
    let result: Entry[] | null = items;
    for (;;) {
      const value = this.value(offset + 1, line, true);
      if (!value) {
        result = null;
        break;
      }
      const item: Entry = { line, at: { line, column: value.at - this.lines.start(line) }, indent: container.indent, value, inSequence: true };
      // An item whose content starts on a later line (`-` then an indented block) is where that content is.
      const nested = value.kind === 'nested' ? this.descend(item) : null;
      items.push(nested === null ? item : { ...item, at: { line: nested.line, column: nested.indent } });
      const next = this.nextEntryLine(value.endLine, container.indent, 'entry');
      if (next === null) break;
      line = next.line;
      offset = next.info.first;
    }
    this.seqs.set(container.offset, result);
    return result;
  }

  /** The collection an entry's value opens, or null for scalars, aliases, flow values and nulls. */
  private descend(entry: Entry): Container | null {
    const value = entry.value;
    if (value.kind === 'compact-map' || value.kind === 'compact-seq') {
      return this.containerAt(entry.line, value.at, value.at - this.lines.start(entry.line));
    }
    if (value.kind !== 'nested') return null;
    for (let line = entry.line + 1; line < this.lines.lineCount; line++) {
      const info = this.info(line);
      if (info.kind === 'blank' || info.kind === 'comment') continue;
      if (info.kind === 'marker') return null;
      const container = this.containerAt(line, info.first, info.indent);
      if (info.indent > entry.indent) return container;
      if (info.indent === entry.indent && !entry.inSequence && container.kind === 'seq') return container;
      return null;
    }
    return null;
  }

  /** Follows a path from the document root as far as the fast walker can. */
  locate(segments: readonly PathSegment[]): LocateResult | null {
    const root = this.root();
    let position: TextPosition = { line: root.line, column: 0 };
    let container = root.container;
    let resolved = 0;
    for (const segment of segments) {
      if (container === null) break;
      let entry: Entry | undefined;
      let absent: boolean;
      if (typeof segment === 'number') {
        if (container.kind !== 'seq') break;
        const items = this.scanSeq(container);
        entry = items?.[segment];
        absent = items !== null && entry === undefined;
      } else {
        if (container.kind !== 'map') break;
        const scan = this.scanMap(container);
        entry = scan?.entries.get(segment);
        // A key missing from a fully read mapping is absent, unless a merge or a key written
        // as a number, boolean or null could still produce it.
        absent = scan !== null && !scan.exotic && entry === undefined;
      }
      if (absent) return { position, resolved, definitive: true };
      if (entry === undefined) break;
      position = entry.at;
      resolved++;
      if (entry.value.kind === 'flow' && entry.value.endLine === entry.line) {
        // Everything inside a one-line flow collection (`verbs: ["get", "list"]`) is on its line.
        return { position, resolved: segments.length };
      }
      container = this.descend(entry);
    }
    return { position, resolved };
  }
}

let yamlPackage: typeof YamlPackage | undefined;

/** The `yaml` package, loaded on first use: most scans never need it (about 30 ms of start-up). */
function yaml(): typeof YamlPackage {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof YamlPackage;
  return yamlPackage;
}

/** The exact walker: the `yaml` package's parse of the one document. */
export class AstYamlWalker {
  private readonly doc: Document.Parsed;
  private readonly lines: LineIndex;
  private readonly yaml = yaml();

  constructor(text: string, lines: LineIndex = new LineIndex(text)) {
    this.lines = lines;
    this.doc = this.yaml.parseDocument(text, { merge: true, uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false });
  }

  private position(offset: number): TextPosition {
    const line = this.lines.lineOf(offset);
    return { line, column: offset - this.lines.start(line) };
  }

  private resolve(node: unknown): unknown {
    let current = node;
    for (let hops = 0; hops < 64 && this.yaml.isAlias(current); hops++) current = current.resolve(this.doc);
    return current;
  }

  /** The pair for `key` in a mapping, looking into `<<` merges when the mapping lacks it. */
  private findPair(map: unknown, key: string, depth: number): { keyOffset: number; value: unknown } | null {
    const node = this.resolve(map);
    if (!this.yaml.isMap(node) || depth > 16) return null;
    const merges: unknown[] = [];
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i];
      if (pair === undefined) continue;
      const keyNode = pair.key;
      const name = this.yaml.isScalar(keyNode) ? String(keyNode.value) : null;
      if (name === key && this.yaml.isScalar(keyNode) && keyNode.range) return { keyOffset: keyNode.range[0], value: pair.value };
      if (name === '<<' || (this.yaml.isScalar(keyNode) && keyNode.source === '<<')) merges.push(pair.value);
    }
    for (const merge of merges) {
      const target = this.resolve(merge);
      const sources = this.yaml.isSeq(target) ? target.items : [target];
      for (const source of sources) {
        const found = this.findPair(source, key, depth + 1);
        if (found) return found;
      }
    }
    return null;
  }

  locate(segments: readonly PathSegment[]): LocateResult | null {
    const root = this.doc.contents as YamlNode | null;
    if (!root?.range) return null;
    let position = this.position(root.range[0]);
    let node: unknown = root;
    let resolved = 0;
    for (const segment of segments) {
      const current = this.resolve(node);
      if (typeof segment === 'number') {
        if (!this.yaml.isSeq(current)) break;
        const item = current.items[segment] as YamlNode | null | undefined;
        if (item?.range == null) break;
        position = this.position(item.range[0]);
        node = item;
      } else {
        const pair = this.findPair(current, segment, 0);
        if (pair === null) break;
        position = this.position(pair.keyOffset);
        node = pair.value;
      }
      resolved++;
    }
    return { position, resolved };
  }
}

/** Locates fields in one YAML document: the fast walker first, the exact parser when it stops short. */
export class YamlLocator {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly fast: BlockYamlWalker;
  private exact: AstYamlWalker | undefined;
  /** How often the exact parser was needed (for tests and the benchmark). */
  fallbacks = 0;

  constructor(text: string) {
    this.text = text;
    this.lines = new LineIndex(text);
    this.fast = new BlockYamlWalker(text, this.lines);
  }

  /** The 0-based line of the document's first content line. */
  rootLine(): number {
    return this.fast.root().line;
  }

  locate(segments: readonly PathSegment[]): LocateResult | null {
    const quick = this.fast.locate(segments);
    if (quick !== null && (quick.resolved === segments.length || quick.definitive === true)) return quick;
    this.fallbacks++;
    this.exact ??= new AstYamlWalker(this.text, this.lines);
    const exact = this.exact.locate(segments);
    if (exact === null) return quick;
    if (quick === null) return exact;
    return exact.resolved >= quick.resolved ? exact : quick;
  }
}

/**
 * The 0-based line of a document's first content line (skipping blank lines, comments,
 * directives and a bare `---`). Reads only the lines it skips.
 */
export function firstContentLine(text: string): number {
  let line = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let p = start;
    while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB || text.charCodeAt(p) === CR)) p++;
    const code = p < end ? text.charCodeAt(p) : NaN;
    const marker = p === start && (text.startsWith('---', start) || text.startsWith('...', start)) && isBlankChar(text.charCodeAt(start + 3));
    if (marker) {
      let q = start + 3;
      while (q < end && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB || text.charCodeAt(q) === CR)) q++;
      if (q < end && text.charCodeAt(q) !== HASH) return line;
    } else if (!Number.isNaN(code) && code !== HASH && !(p === start && code === 37 /* % */)) {
      return line;
    }
    if (newline === -1) break;
    start = newline + 1;
    line++;
  }
  return 0;
}
