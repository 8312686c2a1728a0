// Finds the line of a field inside a JSON text that JSON.parse already accepted, without
// building any value: objects and arrays on the path are scanned once (keys and item offsets
// cached), everything else is skipped over, so locating every item of a large kubectl List
// costs one pass over the text.

import type { PathSegment } from '@kubecis/core';
import { LineIndex } from './lines.js';
import type { LocateResult } from './locate-yaml.js';

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

interface Member {
  readonly key: number;
  readonly value: number;
}

export class JsonLocator {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly objects = new Map<number, Map<string, Member>>();
  private readonly arrays = new Map<number, number[]>();

  constructor(text: string) {
    this.text = text;
    this.lines = new LineIndex(text);
  }

  private skipSpace(p: number): number {
    const text = this.text;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    return p;
  }

  /** The offset just past the string that opens at `p` (jumps from quote to quote). */
  private skipString(p: number): number {
    const text = this.text;
    let close = text.indexOf('"', p + 1);
    while (close !== -1) {
      let backslash = close - 1;
      while (text.charCodeAt(backslash) === BACKSLASH) backslash--;
      if ((close - 1 - backslash) % 2 === 0) return close + 1;
      close = text.indexOf('"', close + 1);
    }
    return text.length;
  }

  /** The offset just past the value that starts at `p`. */
  private skipValue(p: number): number {
    const text = this.text;
    const first = text.charCodeAt(p);
    if (first === QUOTE) return this.skipString(p);
    if (first !== 123 /* { */ && first !== 91 /* [ */) {
      let q = p;
      while (q < text.length) {
        const code = text.charCodeAt(q);
        if (code === 44 || code === 125 || code === 93 || isSpace(code)) break;
        q++;
      }
      return q;
    }
    let depth = 0;
    for (let q = p; q < text.length; q++) {
      const code = text.charCodeAt(q);
      if (code === QUOTE) q = this.skipString(q) - 1;
      else if (code === 123 || code === 91) depth++;
      else if (code === 125 || code === 93) {
        depth--;
        if (depth === 0) return q + 1;
      }
    }
    return text.length;
  }

  private scanObject(p: number): Map<string, Member> {
    const cached = this.objects.get(p);
    if (cached) return cached;
    const text = this.text;
    const members = new Map<string, Member>();
    let q = this.skipSpace(p + 1);
    while (q < text.length && text.charCodeAt(q) === QUOTE) {
      const keyEnd = this.skipString(q);
      const raw = text.slice(q, keyEnd);
      let key: string;
      try {
        key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      } catch {
        break;
      }
      let v = this.skipSpace(keyEnd);
      if (text.charCodeAt(v) !== 58 /* : */) break;
      v = this.skipSpace(v + 1);
      members.set(key, { key: q, value: v });
      q = this.skipSpace(this.skipValue(v));
      if (text.charCodeAt(q) !== 44 /* , */) break;
      q = this.skipSpace(q + 1);
    }
    this.objects.set(p, members);
    return members;
  }

  private scanArray(p: number): number[] {
    const cached = this.arrays.get(p);
    if (cached) return cached;
    const text = this.text;
    const items: number[] = [];
    let q = this.skipSpace(p + 1);
    if (text.charCodeAt(q) !== 93 /* ] */) {
      while (q < text.length) {
        items.push(q);
        q = this.skipSpace(this.skipValue(q));
        if (text.charCodeAt(q) !== 44) break;
        q = this.skipSpace(q + 1);
      }
    }
    this.arrays.set(p, items);
    return items;
  }

  private position(offset: number): { line: number; column: number } {
    const line = this.lines.lineOf(offset);
    return { line, column: offset - this.lines.start(line) };
  }

  /** The 0-based line of the root value. */
  rootLine(): number {
    return this.lines.lineOf(this.skipSpace(0));
  }

  locate(segments: readonly PathSegment[]): LocateResult {
    let at = this.skipSpace(0);
    let position = this.position(at);
    let resolved = 0;
    for (const segment of segments) {
      const code = this.text.charCodeAt(at);
      if (typeof segment === 'number') {
        if (code !== 91) break;
        const item = this.scanArray(at)[segment];
        if (item === undefined) break;
        position = this.position(item);
        at = item;
      } else {
        if (code !== 123) break;
        const member = this.scanObject(at).get(segment);
        if (member === undefined) break;
        position = this.position(member.key);
        at = member.value;
      }
      resolved++;
    }
    return { position, resolved };
  }
}
