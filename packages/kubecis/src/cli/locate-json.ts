// Finds the line of a field inside a JSON text that JSON.parse already accepted, without
// building any value.
//
// One pass over the text (which the loader makes anyway, to bound the nesting depth) numbers
// every object and array in order of opening and records where each closes and which container
// opens after it. Walking a path then reads only the members of the objects on it: a member that
// is an object or array is skipped in one step (its close and its next sibling are known), and
// the memory it touches is read in order. Large arrays and objects (a List's `items`) are scanned
// once and cached, with the line of each item, so that the line of a field is counted from the
// start of its item rather than looked up among millions of lines.

import type { PathSegment } from '@kubecis/core';
import { countLines, LineIndex } from './lines.js';
import type { LocateResult } from './locate-yaml.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Every object and array of a JSON text, numbered in order of opening. */
export interface JsonStructure {
  /** Offsets of `{` and `[`, ascending. */
  readonly opens: Int32Array;
  /** The offset of the `}` or `]` that closes container `i`. */
  readonly closes: Int32Array;
  /** The number of the first container opened after container `i` closes (its next sibling, or a later one). */
  readonly nexts: Int32Array;
  /** The offset of the first bracket nested deeper than the limit, or -1. */
  readonly tooDeepAt: number;
}

class StructureBuilder {
  opens = new Int32Array(1024);
  closes = new Int32Array(1024);
  nexts = new Int32Array(1024);
  count = 0;
  private stack = new Int32Array(64);
  private depth = 0;
  tooDeepAt = -1;

  constructor(private readonly limit: number) {}

  private grow(): void {
    const size = this.count * 2;
    for (const name of ['opens', 'closes', 'nexts'] as const) {
      const grown = new Int32Array(size);
      grown.set(this[name]);
      this[name] = grown;
    }
  }

  /** Records an opening bracket; false when it nests deeper than the limit (the scan stops). */
  open(offset: number): boolean {
    if (this.count === this.opens.length) this.grow();
    if (this.depth === this.stack.length) {
      const stack = new Int32Array(this.depth * 2);
      stack.set(this.stack);
      this.stack = stack;
    }
    this.stack[this.depth++] = this.count;
    this.opens[this.count++] = offset;
    if (this.depth > this.limit) {
      this.tooDeepAt = offset;
      return false;
    }
    return true;
  }

  close(offset: number): void {
    if (this.depth === 0) return;
    const index = this.stack[--this.depth]!;
    this.closes[index] = offset;
    this.nexts[index] = this.count;
  }

  result(): JsonStructure {
    return {
      opens: this.opens.subarray(0, this.count),
      closes: this.closes.subarray(0, this.count),
      nexts: this.nexts.subarray(0, this.count),
      tooDeepAt: this.tooDeepAt,
    };
  }
}

/** The offset just past the string that opens at `p` (jumps from quote to quote). */
function skipString(text: string, p: number): number {
  let close = text.indexOf('"', p + 1);
  while (close !== -1) {
    let backslash = close - 1;
    while (text.charCodeAt(backslash) === BACKSLASH) backslash--;
    if ((close - 1 - backslash) % 2 === 0) return close + 1;
    close = text.indexOf('"', close + 1);
  }
  return text.length;
}

/** The same scan with indexOf over strings, for texts whose strings hold so many escapes that the regex runs out of stack. */
function scanSlowly(text: string, builder: StructureBuilder): void {
  for (let p = 0; p < text.length; p++) {
    const code = text.charCodeAt(p);
    if (code === QUOTE) p = skipString(text, p) - 1;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (!builder.open(p)) return;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) builder.close(p);
  }
}

/**
 * Scans a JSON text that JSON.parse accepted: its objects and arrays, and whether it nests deeper
 * than `limit` (the scan stops there). About a quarter of the time of a JSON.parse of the text.
 */
export function scanJsonStructure(text: string, limit: number): JsonStructure {
  const builder = new StructureBuilder(limit);
  // One `test` per bracket: each match runs over whatever is not a bracket, strings whole (with
  // the brackets inside them), and ends at the next bracket outside a string. Sticky, so that a
  // search never starts again inside a string: once no bracket follows, the scan is over. (A
  // `test` per string and bracket took 1.4x as long on a 100k-object dump.)
  const tokens = /[^"{}[\]]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"{}[\]]*)*[{}[\]]/y;
  try {
    while (tokens.test(text)) {
      const at = tokens.lastIndex - 1;
      const code = text.charCodeAt(at);
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (!builder.open(at)) break;
      } else builder.close(at);
    }
  } catch {
    // A string with millions of escapes overflows the regex's backtracking stack: scan by hand.
    const slow = new StructureBuilder(limit);
    scanSlowly(text, slow);
    return slow.result();
  }
  return builder.result();
}

/** A value inside the text: where it starts, and its container number when it is an object or array (else -1). */
interface Place {
  readonly at: number;
  readonly container: number;
}

interface Member {
  readonly key: number;
  readonly value: Place;
}

/** A large array's items, with the line each starts on. */
interface ArrayScan {
  readonly items: Place[];
  readonly lines: Int32Array;
}

/** A line whose number is known: the line of a field is counted from the nearest one before it. */
interface Checkpoint {
  readonly offset: number;
  readonly line: number;
  /** Where the value that starts at the checkpoint ends (its lines are the ones counted from it). */
  readonly end: number;
}

export class JsonLocator {
  /** Objects and arrays this long (in characters) are scanned once and cached: a List's `items`, the root of a dump. */
  private static readonly cacheSpan = 16_384;
  /** Lines are counted from a checkpoint at most this far back; beyond, the line index answers. */
  private static readonly countSpan = 1 << 16;

  private readonly text: string;
  private readonly objects = new Map<number, Map<string, Member>>();
  private readonly arrays = new Map<number, ArrayScan>();
  /**
   * Members of small objects, by container number, for the object being located now: core asks
   * for the findings of one object after another, so a few hundred entries are enough, and the
   * cache is emptied when it grows past them.
   */
  private readonly recent = new Map<number, Map<string, Member>>();
  /** Line starts inside the item of the last checkpoint. */
  private itemLines: { readonly checkpoint: Checkpoint; readonly starts: Int32Array } | null = null;
  private structureValue: JsonStructure | undefined;
  private linesValue: LineIndex | undefined;

  /** `structure` is the loader's scan of the same text, when it made one. */
  constructor(text: string, structure?: JsonStructure) {
    this.text = text;
    this.structureValue = structure;
  }

  private get structure(): JsonStructure {
    this.structureValue ??= scanJsonStructure(this.text, Number.MAX_SAFE_INTEGER);
    return this.structureValue;
  }

  private get lines(): LineIndex {
    this.linesValue ??= new LineIndex(this.text);
    return this.linesValue;
  }

  private skipSpace(p: number): number {
    const text = this.text;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    return p;
  }

  /** The offset just past a scalar that starts at `p`. */
  private skipScalar(p: number): number {
    const text = this.text;
    if (text.charCodeAt(p) === QUOTE) return skipString(text, p);
    let q = p;
    while (q < text.length) {
      const code = text.charCodeAt(q);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isSpace(code)) break;
      q++;
    }
    return q;
  }

  /**
   * Walks the values of the container `place` (members of an object, items of an array) in order.
   * `visit` gets each value (and, for objects, where its key starts and ends) and returns true to stop.
   */
  private walk(place: Place, visit: (value: Place, keyAt: number, keyEnd: number) => boolean): void {
    const { closes, nexts } = this.structure;
    const text = this.text;
    const isObject = text.charCodeAt(place.at) === OPEN_BRACE;
    const end = closes[place.container]!;
    // The next container opened inside this one: the first member or item that is an object or array.
    let nextContainer = place.container + 1;
    let q = this.skipSpace(place.at + 1);
    while (q < end) {
      let keyAt = -1;
      let keyEnd = -1;
      if (isObject) {
        if (text.charCodeAt(q) !== QUOTE) return;
        keyAt = q;
        keyEnd = skipString(text, q);
        const colon = this.skipSpace(keyEnd);
        if (text.charCodeAt(colon) !== COLON) return;
        q = this.skipSpace(colon + 1);
      }
      const code = text.charCodeAt(q);
      let value: Place;
      let after: number;
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        value = { at: q, container: nextContainer };
        after = closes[nextContainer]! + 1;
        nextContainer = nexts[nextContainer]!;
      } else {
        value = { at: q, container: -1 };
        after = this.skipScalar(q);
      }
      if (visit(value, keyAt, keyEnd)) return;
      q = this.skipSpace(after);
      if (text.charCodeAt(q) !== COMMA) return;
      q = this.skipSpace(q + 1);
    }
  }

  private span(place: Place): number {
    return this.structure.closes[place.container]! - place.at;
  }

  private scanObject(place: Place, cache = true): Map<string, Member> {
    const cached = cache ? this.objects.get(place.at) : undefined;
    if (cached) return cached;
    const text = this.text;
    const members = new Map<string, Member>();
    this.walk(place, (value, keyAt, keyEnd) => {
      const raw = text.slice(keyAt, keyEnd);
      try {
        members.set(raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1), { key: keyAt, value });
      } catch {
        // An unreadable key cannot be asked for.
      }
      return false;
    });
    if (cache) this.objects.set(place.at, members);
    return members;
  }

  /** The member `key` of the object at `place` (the last one, as JSON.parse keeps the last duplicate). */
  private member(place: Place, key: string): Member | undefined {
    if (this.span(place) >= JsonLocator.cacheSpan) return this.scanObject(place).get(key);
    let members = this.recent.get(place.container);
    if (members === undefined) {
      if (this.recent.size >= 512) this.recent.clear();
      members = this.scanObject(place, false);
      this.recent.set(place.container, members);
    }
    return members.get(key);
  }

  private scanArray(place: Place): ArrayScan {
    const cached = this.arrays.get(place.at);
    if (cached) return cached;
    const items: Place[] = [];
    this.walk(place, (value) => {
      items.push(value);
      return false;
    });
    // The line of every item, counted from the array's own line in one pass.
    const lines = new Int32Array(items.length);
    let previous = place.at;
    let line = this.lineOf(place.at, { offset: 0, line: 0, end: 0 });
    items.forEach((item, i) => {
      line += countLines(this.text, previous, item.at);
      previous = item.at;
      lines[i] = line;
    });
    const scan = { items, lines };
    this.arrays.set(place.at, scan);
    return scan;
  }

  /** Item `index` of the array at `place`, with a checkpoint at its start when the array is cached. */
  private item(place: Place, index: number): { place: Place; checkpoint: Checkpoint | null } | undefined {
    if (this.span(place) >= JsonLocator.cacheSpan) {
      const scan = this.scanArray(place);
      const found = scan.items[index];
      if (found === undefined) return undefined;
      const end = found.container === -1 ? this.skipScalar(found.at) : this.structure.closes[found.container]! + 1;
      return { place: found, checkpoint: { offset: found.at, line: scan.lines[index]!, end } };
    }
    let found: Place | undefined;
    let i = 0;
    this.walk(place, (value) => {
      if (i++ === index) found = value;
      return found !== undefined;
    });
    return found === undefined ? undefined : { place: found, checkpoint: null };
  }

  /** The 0-based line of an offset: counted from a nearby checkpoint, or from the line index. */
  private lineOf(offset: number, checkpoint: Checkpoint): number {
    const distance = offset - checkpoint.offset;
    if (distance < 0 || distance > JsonLocator.countSpan) return this.lines.lineOf(offset);
    if (offset > checkpoint.end || checkpoint.end - checkpoint.offset > JsonLocator.countSpan) return checkpoint.line + countLines(this.text, checkpoint.offset, offset);
    // A checkpoint is an item's start: its line starts are found once, for every finding in it.
    let item = this.itemLines;
    if (item?.checkpoint.offset !== checkpoint.offset) {
      const starts: number[] = [];
      for (let at = this.text.indexOf('\n', checkpoint.offset); at !== -1 && at < checkpoint.end; at = this.text.indexOf('\n', at + 1)) starts.push(at + 1);
      item = { checkpoint, starts: Int32Array.from(starts) };
      this.itemLines = item;
    }
    // The number of line starts at or before the offset.
    let lo = 0;
    let hi = item.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (item.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return checkpoint.line + lo;
  }

  private position(offset: number, checkpoint: Checkpoint): { line: number; column: number } {
    const line = this.lineOf(offset, checkpoint);
    // The line's start: a short look back, or the line index for very long lines (compact JSON).
    const text = this.text;
    let lineStart = offset;
    while (lineStart > 0 && offset - lineStart < 4096 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart = this.lines.start(line);
    return { line, column: offset - lineStart };
  }

  /** The 0-based line of the root value. */
  rootLine(): number {
    return this.lineOf(this.skipSpace(0), { offset: 0, line: 0, end: 0 });
  }

  locate(segments: readonly PathSegment[]): LocateResult {
    const text = this.text;
    const rootAt = this.skipSpace(0);
    const rootCode = text.charCodeAt(rootAt);
    let place: Place = { at: rootAt, container: rootCode === OPEN_BRACE || rootCode === OPEN_BRACKET ? 0 : -1 };
    // The position reported: the last segment found (a key, or an item's first character).
    let reported = rootAt;
    let checkpoint: Checkpoint = { offset: 0, line: 0, end: 0 };
    let resolved = 0;
    for (const segment of segments) {
      if (place.container === -1) break;
      const code = text.charCodeAt(place.at);
      if (typeof segment === 'number') {
        if (code !== OPEN_BRACKET || !Number.isInteger(segment) || segment < 0) break;
        const found = this.item(place, segment);
        if (found === undefined) break;
        place = found.place;
        reported = place.at;
        if (found.checkpoint !== null) checkpoint = found.checkpoint;
      } else {
        if (code !== OPEN_BRACE) break;
        const found = this.member(place, segment);
        if (found === undefined) break;
        place = found.value;
        reported = found.key;
      }
      resolved++;
    }
    return { position: this.position(reported, checkpoint), resolved };
  }
}
