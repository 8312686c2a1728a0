// A fast reader for the YAML that manifests are made of, in front of js-yaml.
//
// Rendered manifests (Helm, kustomize, kubectl) use a small part of YAML: block mappings and
// sequences indented with spaces, plain and quoted scalars (folded over lines), literal and
// folded block scalars, one-line flow sequences and `{}`. `readSimpleYaml` reads exactly that,
// about 1.5x as fast as js-yaml, and gives up (returns `undefined`) on everything else: anchors,
// aliases, tags, merge keys, flow mappings, tabs, CR line ends, directives, complex keys,
// duplicate and `__proto__` keys, empty sequence entries, anything unusual in a block scalar, and
// any text js-yaml would reject. The caller then reads the document with js-yaml, so a document is
// never read differently: what this reader accepts, js-yaml reads to the same value (tested on the
// corpus and on generated, damaged and random documents: fast-yaml.test.ts, and `pnpm fuzz`).
// Scalars are resolved by js-yaml's own core-schema types, in its order.

import * as jsyaml from 'js-yaml';
import type { Type } from 'js-yaml';

// js-yaml exports its types at run time, but @types/js-yaml does not declare them.
const bundled = (jsyaml as unknown as { types?: Readonly<Record<string, Type | undefined>> }).types ?? {};
const coreTypes: readonly Type[] = ['null', 'bool', 'int', 'float'].flatMap((name) => (bundled[name] ? [bundled[name]] : []));
const coreComplete = coreTypes.length === 4;

/** Thrown (and caught by `readSimpleYaml`) when the text is not in the subset this reader knows; made once, so throwing it costs no stack trace. */
const giveUp = new Error('not in the YAML subset kubecis reads itself');

/**
 * Characters this reader leaves to js-yaml: those js-yaml refuses (its PATTERN_NON_PRINTABLE),
 * every surrogate (js-yaml refuses unpaired ones), CR, tab and the byte order mark. One class, so
 * the test is a single fast scan.
 */
// eslint-disable-next-line no-control-regex
const refused = /[\x00-\x08\t\x0B\x0C\r\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;

/** Nesting deeper than this is left to js-yaml (it enforces kubecis's maxDepth with a clear error). */
const depthLimit = 64;

/** Can a plain scalar starting with this character be a core-schema null, bool, int or float? */
function mayResolve(code: number): boolean {
  switch (code) {
    case 126: // ~
    case 110: // n
    case 78: // N
    case 116: // t
    case 84: // T
    case 102: // f
    case 70: // F
    case 45: // -
    case 43: // +
    case 46: // .
      return true;
    default:
      return code >= 48 && code <= 57;
  }
}

/** A plain scalar's value, as js-yaml's core schema resolves it. */
function resolvePlain(text: string): unknown {
  if (text.length > 0 && !mayResolve(text.charCodeAt(0))) return text;
  for (const type of coreTypes) {
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
}

const escapes: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const hexLength: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

class Reader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Leading spaces of each line; -1 for a line that holds only spaces or a comment. */
  private readonly indents: number[] = [];
  /** Leading spaces of each line (a blank line's length). */
  private readonly spaces: number[] = [];
  /** The next line to look at. */
  private next = 0;

  constructor(private readonly text: string) {
    const length = text.length;
    for (let start = 0; start < length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = length;
      let p = start;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(p === end || text.charCodeAt(p) === HASH ? -1 : p - start);
      this.spaces.push(p - start);
      start = end + 1;
    }
  }

  read(): unknown {
    const count = this.starts.length;
    let line = 0;
    // An optional `---` on the first line, with nothing but a comment after it.
    if (this.text.startsWith('---')) {
      this.trailing(3, this.ends[0]!);
      line = 1;
    }
    for (let i = line; i < count; i++) {
      const start = this.starts[i]!;
      const code = this.text.charCodeAt(start);
      // Directives, and document markers other than the first line's, are js-yaml's to read.
      if (code === 37 /* % */ || ((code === DASH || code === 46) && this.text.startsWith(code === DASH ? '---' : '...', start))) throw giveUp;
    }
    const first = this.skip(line);
    if (first === count) throw giveUp; // An empty document: js-yaml knows what it is.
    const value = this.node(first, this.starts[first]! + this.indents[first]!, this.indents[first]!, 1);
    if (this.skip(this.next) !== count) throw giveUp;
    return value;
  }

  /** The first line at or after `line` that holds content (not blank, not a comment). */
  private skip(line: number): number {
    const count = this.starts.length;
    while (line < count && this.indents[line] === -1) line++;
    return line;
  }

  /** Only spaces, or spaces and a comment, from `p` to `end`. */
  private trailing(p: number, end: number): void {
    const text = this.text;
    if (p === end) return;
    if (text.charCodeAt(p) !== SPACE) throw giveUp;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    if (p < end && text.charCodeAt(p) !== HASH) throw giveUp;
  }

  private isEntry(p: number, end: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === end || this.text.charCodeAt(p + 1) === SPACE);
  }

  /** The block node whose first content is at offset `p` of `line`, at column `column`. */
  private node(line: number, p: number, column: number, depth: number): unknown {
    if (depth > depthLimit) throw giveUp;
    if (this.isEntry(p, this.ends[line]!)) return this.sequence(line, p, column, depth);
    return this.mapping(line, p, column, depth);
  }

  private sequence(line: number, p: number, column: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const end = this.ends[line]!;
      if (!this.isEntry(p, end)) throw giveUp;
      out.push(this.value(line, p + 1, column, depth, false));
      const nextLine = this.skip(this.next);
      this.next = nextLine;
      if (nextLine === this.starts.length) return out;
      const indent = this.indents[nextLine]!;
      if (indent < column) return out;
      if (indent > column) throw giveUp;
      p = this.starts[nextLine]! + indent;
      // A line at this column that is not an entry ends the sequence: its parent (a mapping whose
      // key is at the same column) reads it, or refuses it.
      if (!this.isEntry(p, this.ends[nextLine]!)) return out;
      line = nextLine;
    }
  }

  private mapping(line: number, p: number, column: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const end = this.ends[line]!;
      const [key, after] = this.key(p, end);
      if (Object.hasOwn(out, key)) throw giveUp; // js-yaml refuses duplicates; kubecis then warns.
      out[key] = this.value(line, after, column, depth, true);
      const nextLine = this.skip(this.next);
      this.next = nextLine;
      if (nextLine === this.starts.length) return out;
      const indent = this.indents[nextLine]!;
      if (indent < column) return out;
      if (indent > column) throw giveUp;
      line = nextLine;
      p = this.starts[line]! + indent;
    }
  }

  /** A mapping key at `p`: its text and the offset after its `:`. */
  private key(p: number, end: number): [string, number] {
    const text = this.text;
    const code = text.charCodeAt(p);
    let key: string;
    let colon: number;
    if (code === DQUOTE || code === SQUOTE) {
      const quoted = code === DQUOTE ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
      if (quoted === null) throw giveUp;
      const [value, close] = quoted;
      if (text.charCodeAt(close) !== COLON) throw giveUp;
      key = value;
      colon = close;
    } else {
      // Keys starting with `-`, `?` or `:` are valid but rare: js-yaml reads them.
      if (code === DASH || code === 63 || code === COLON || !plainStart(code, text.charCodeAt(p + 1))) throw giveUp;
      colon = p + 1;
      while (colon < end && !(text.charCodeAt(colon) === COLON && (colon + 1 === end || text.charCodeAt(colon + 1) === SPACE))) colon++;
      if (colon === end) throw giveUp;
      const raw = text.slice(p, colon);
      if (raw.includes(' #')) throw giveUp;
      const trimmed = raw.trimEnd();
      const resolved = resolvePlain(trimmed);
      key = typeof resolved === 'string' ? resolved : String(resolved);
      if (key === '<<') throw giveUp;
    }
    if (key === '__proto__' || key.length === 0) throw giveUp;
    const after = colon + 1;
    if (after < end && text.charCodeAt(after) !== SPACE) throw giveUp;
    return [key, after];
  }

  /**
   * The value that follows a key's `:` or an entry's `-` at `p` (the line's remaining text), and
   * whatever nested lines it owns; `column` is the key's or dash's column.
   */
  private value(line: number, p: number, column: number, depth: number, inMapping: boolean): unknown {
    const text = this.text;
    const end = this.ends[line]!;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    this.next = line + 1;
    if (p === end || text.charCodeAt(p) === HASH) {
      // Nothing on this line: a nested block, or null.
      const nextLine = this.skip(line + 1);
      if (nextLine === this.starts.length) {
        if (!inMapping) throw giveUp;
        this.next = nextLine;
        return null;
      }
      const indent = this.indents[nextLine]!;
      const start = this.starts[nextLine]! + indent;
      if (indent > column) return this.node(nextLine, start, indent, depth + 1);
      // `key:` followed by `- item` at the key's own column.
      if (inMapping && indent === column && this.isEntry(start, this.ends[nextLine]!)) return this.sequence(nextLine, start, indent, depth + 1);
      // An empty entry: js-yaml then takes a less indented `- ` line as this sequence's next entry.
      if (!inMapping) throw giveUp;
      this.next = nextLine;
      return null;
    }
    const code = text.charCodeAt(p);
    let value: unknown;
    let rest: number;
    switch (code) {
      case 124: // |
      case 62: // >
        return this.blockScalar(line, p, column);
      case DQUOTE:
      case SQUOTE: {
        const one = code === DQUOTE ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
        if (one === null) return this.quotedLines(line, p, column, code === DQUOTE);
        const [string, close] = one;
        if (!inMapping && this.keyFollows(close, end)) return this.mapping(line, p, p - this.starts[line]!, depth + 1);
        value = string;
        rest = close;
        break;
      }
      case 91: // [
        [value, rest] = this.flowSequence(p, end);
        break;
      case 123: // {
        if (text.charCodeAt(p + 1) !== 125) throw giveUp;
        value = {};
        rest = p + 2;
        break;
      default: {
        if (!plainStart(code, text.charCodeAt(p + 1))) throw giveUp;
        // An entry whose content is a mapping: `- name: web`.
        if (!inMapping && this.keyAhead(p, end)) return this.mapping(line, p, p - this.starts[line]!, depth + 1);
        let raw = text.slice(p, end);
        const comment = raw.indexOf(' #');
        raw = (comment === -1 ? raw : raw.slice(0, comment)).trimEnd();
        if (raw.endsWith(':') || raw.includes(': ')) throw giveUp;
        // A comment ends the scalar; otherwise more indented lines continue it.
        if (comment === -1) return resolvePlain(this.plainLines(line, column, raw));
        value = resolvePlain(raw);
        rest = end;
      }
    }
    this.trailing(rest, end);
    this.scalarEnds(line, column);
    return value;
  }

  /** After a one-line scalar, the next content line must not be more indented (a continuation). */
  private scalarEnds(line: number, column: number): void {
    const nextLine = this.skip(line + 1);
    if (nextLine < this.starts.length && this.indents[nextLine]! > column) throw giveUp;
    this.next = line + 1;
  }

  /**
   * A plain scalar's first line `first` and the more indented lines that continue it, folded as
   * YAML folds them: one space per line break, one newline per empty line between. Leaves `next`
   * at the line that ends it.
   */
  private plainLines(line: number, column: number, first: string): string {
    const text = this.text;
    const count = this.starts.length;
    let out = first;
    let empty = 0;
    let i = line + 1;
    for (; i < count; i++) {
      const start = this.starts[i]!;
      const end = this.ends[i]!;
      const width = this.spaces[i]!;
      if (width === end - start) {
        empty++;
        continue;
      }
      const p = start + width;
      const code = text.charCodeAt(p);
      if (width <= column || code === HASH) break;
      // Any character but `:` may start a continuation line (`- `, quotes and brackets are text here).
      if (code === COLON) throw giveUp;
      const content = text.slice(p, end).trimEnd();
      if (content.endsWith(':') || content.includes(': ') || content.includes(' #')) throw giveUp;
      out += empty === 0 ? ` ${content}` : '\n'.repeat(empty) + content;
      empty = 0;
    }
    this.next = i;
    return out;
  }

  /**
   * A quoted scalar that goes on past its first line, at `p` of `line`: its lines are folded
   * (trailing and leading spaces dropped, a space per line break, a newline per empty line, no
   * space for an escaped line break in double quotes). Leaves `next` after its closing line.
   */
  private quotedLines(line: number, p: number, column: number, double: boolean): string {
    const text = this.text;
    const count = this.starts.length;
    const quote = double ? DQUOTE : SQUOTE;
    const parts: string[] = [text.slice(p + 1, this.ends[line])];
    const empties: number[] = [];
    let empty = 0;
    for (let i = line + 1; i < count; i++) {
      const start = this.starts[i]!;
      const end = this.ends[i]!;
      const width = this.spaces[i]!;
      if (width === end - start) {
        empty++;
        continue;
      }
      if (width <= column) throw giveUp;
      const q = start + width;
      empties.push(empty);
      empty = 0;
      // The closing quote, if it is on this line.
      let close = -1;
      for (let k = q; k < end; k++) {
        const code = text.charCodeAt(k);
        if (double && code === 92) {
          k++;
          continue;
        }
        if (code !== quote) continue;
        if (!double && text.charCodeAt(k + 1) === SQUOTE) {
          k++;
          continue;
        }
        close = k;
        break;
      }
      if (close === -1) {
        parts.push(text.slice(q, end));
        continue;
      }
      parts.push(text.slice(q, close));
      let out = '';
      for (let n = 0; n < parts.length; n++) {
        let part = parts[n]!;
        if (n < parts.length - 1) {
          const trimmed = part.replace(/ +$/, '');
          const backslashes = double ? trailingBackslashes(trimmed) : 0;
          let separator = empties[n]! > 0 ? '\n'.repeat(empties[n]!) : ' ';
          if (backslashes % 2 === 1) {
            // An escaped space (kept) or an escaped line break (joins the lines): js-yaml's.
            if (trimmed !== part || empties[n]! > 0) throw giveUp;
            part = trimmed.slice(0, -1);
            separator = '';
          } else {
            part = trimmed;
          }
          out += (double ? unescapeDouble(part) : part.replaceAll("''", "'")) + separator;
        } else {
          out += double ? unescapeDouble(part) : part.replaceAll("''", "'");
        }
      }
      this.trailing(close + 1, end);
      this.scalarEnds(i, column);
      return out;
    }
    throw giveUp;
  }

  /** Is there a `: ` (or a final `:`) after a plain scalar starting at `p`, before any comment? */
  private keyAhead(p: number, end: number): boolean {
    const text = this.text;
    for (let i = p; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return true;
      if (code === HASH && text.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  private keyFollows(close: number, end: number): boolean {
    return close < end && this.text.charCodeAt(close) === COLON && (close + 1 === end || this.text.charCodeAt(close + 1) === SPACE);
  }

  /** `"…"` on one line: its value and the offset after the closing quote; null when it goes on. */
  private doubleQuoted(p: number, end: number): [string, number] | null {
    const text = this.text;
    for (let i = p + 1; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 92 /* \ */) i++; // An escaped character never closes the scalar.
      else if (code === DQUOTE) return [unescapeDouble(text.slice(p + 1, i)), i + 1];
    }
    return null;
  }

  /** `'…'` on one line; null when it goes on. */
  private singleQuoted(p: number, end: number): [string, number] | null {
    const text = this.text;
    let out = '';
    let from = p + 1;
    for (let i = p + 1; i < end; i++) {
      if (text.charCodeAt(i) !== SQUOTE) continue;
      if (i + 1 < end && text.charCodeAt(i + 1) === SQUOTE) {
        out += text.slice(from, i + 1);
        i += 1;
        from = i + 1;
        continue;
      }
      return [out + text.slice(from, i), i + 1];
    }
    return null;
  }

  /** `[a, "b", 'c']` on one line, without nested collections. */
  private flowSequence(p: number, end: number): [unknown[], number] {
    const text = this.text;
    const out: unknown[] = [];
    let i = p + 1;
    const spaces = (): void => {
      while (i < end && text.charCodeAt(i) === SPACE) i++;
    };
    spaces();
    if (text.charCodeAt(i) === 93 /* ] */) return [out, i + 1];
    for (;;) {
      spaces();
      if (i >= end) throw giveUp;
      const code = text.charCodeAt(i);
      if (code === DQUOTE || code === SQUOTE) {
        const quoted = code === DQUOTE ? this.doubleQuoted(i, end) : this.singleQuoted(i, end);
        if (quoted === null) throw giveUp;
        out.push(quoted[0]);
        i = quoted[1];
      } else {
        if (!plainStart(code, text.charCodeAt(i + 1)) || code === DASH) throw giveUp;
        const start = i;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === 44 /* , */ || c === 93 /* ] */) break;
          // Flow indicators, `:` and `#` inside a flow scalar are js-yaml's to read.
          if (c === 91 || c === 123 || c === 125 || c === COLON || c === HASH || c === DQUOTE || c === SQUOTE) throw giveUp;
          i++;
        }
        const raw = text.slice(start, i).trimEnd();
        if (raw.length === 0) throw giveUp;
        out.push(resolvePlain(raw));
      }
      spaces();
      const separator = text.charCodeAt(i);
      if (i >= end) throw giveUp;
      if (separator === 93) return [out, i + 1];
      if (separator !== 44) throw giveUp;
      i++;
      spaces();
      if (text.charCodeAt(i) === 93) throw giveUp; // A trailing comma.
    }
  }

  /** `|` or `>`, with `-` or `+`, at `p` of `line`; its content lines are more indented than `column`. */
  private blockScalar(line: number, p: number, column: number): string {
    const text = this.text;
    const end = this.ends[line]!;
    const folded = text.charCodeAt(p) === 62;
    let q = p + 1;
    const chomp = text.charCodeAt(q);
    const keep = chomp === 43; // +
    const strip = chomp === DASH;
    if (keep || strip) q++;
    this.trailing(q, end);
    const count = this.starts.length;
    const { starts, ends, spaces } = this;
    // The block's indentation: that of its first line with content.
    let first = line + 1;
    let emptyWidth = 0;
    while (first < count && spaces[first] === ends[first]! - starts[first]!) {
      emptyWidth = Math.max(emptyWidth, spaces[first]!);
      first++;
    }
    if (first === count) throw giveUp;
    const indent = spaces[first]!;
    if (indent <= column || emptyWidth > indent) throw giveUp;
    // Its lines: blank ones, and those indented at least as much.
    let last = first; // The last line with content.
    let i = first + 1;
    for (; i < count; i++) {
      const width = spaces[i]!;
      if (width === ends[i]! - starts[i]!) {
        if (width > indent) throw giveUp; // Spaces beyond the indentation are content.
        continue;
      }
      if (width < indent) break;
      if (folded && (last !== i - 1 || text.charCodeAt(starts[i]! + indent) === SPACE)) throw giveUp;
      last = i;
    }
    if (folded && (first !== line + 1 || text.charCodeAt(starts[first]! + indent) === SPACE)) throw giveUp;
    // Blank lines that end the block belong to it; what follows must not be more indented.
    const trailingEmpty = i - 1 - last;
    this.next = i;
    if (i < count && this.indents[i] !== -1 && this.indents[i]! > column) throw giveUp;
    // Every line loses the block's indentation (blank lines are at most that wide); blank lines
    // before the first line with content are newlines of the value.
    const raw = text.slice(starts[line + 1], ends[last]);
    let body = raw.replace(indentPattern(indent), '');
    if (folded) body = body.replaceAll('\n', ' ');
    if (strip) return body;
    return keep ? `${body}\n${'\n'.repeat(trailingEmpty)}` : `${body}\n`;
  }
}

const indentPatterns: RegExp[] = [];
/** Up to `n` spaces at the start of every line. */
function indentPattern(n: number): RegExp {
  return (indentPatterns[n] ??= new RegExp(`^ {0,${String(n)}}`, 'gm'));
}

function trailingBackslashes(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(text.length - 1 - n) === 92) n++;
  return n;
}

/** The escapes of a double-quoted scalar's text (no quotes in it), as js-yaml reads them. */
function unescapeDouble(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 92) continue;
    out += text.slice(from, i);
    const escape = text[i + 1];
    if (escape === undefined) throw giveUp;
    const simple = escapes[escape];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else {
      const length = hexLength[escape];
      if (length === undefined) throw giveUp;
      const digits = text.slice(i + 2, i + 2 + length);
      if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) throw giveUp;
      const codePoint = Number.parseInt(digits, 16);
      if (codePoint > 0x10ffff) throw giveUp;
      out += String.fromCodePoint(codePoint);
      i += 1 + length;
    }
    from = i + 1;
  }
  return out + text.slice(from);
}

/**
 * Can a plain scalar start with `code` (followed by `next`)? Indicators cannot start one, and
 * `-`, `?` and `:` only when followed by a non-space.
 */
function plainStart(code: number, next: number): boolean {
  switch (code) {
    case 45: // -
    case 63: // ?
    case 58: // :
      return !Number.isNaN(next) && next !== SPACE && next !== 10;
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return false;
    default:
      return !Number.isNaN(code) && code !== SPACE && code !== 10;
  }
}

/**
 * One YAML document (a chunk of `splitYamlDocuments`) read as js-yaml's `loadAll` would read it,
 * or `undefined` when it uses YAML this reader leaves to js-yaml.
 */
export function readSimpleYaml(text: string): unknown[] | undefined {
  if (!coreComplete || !text.endsWith('\n') || refused.test(text)) return undefined;
  try {
    return [new Reader(text).read()];
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}
