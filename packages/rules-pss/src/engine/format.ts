// Upstream's message helpers (pss.md §2.2), reimplemented.

/** Go's byte-wise string order (UTF-8 order, which is code-point order). */
export function compareGo(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Distinct values in Go's sorted order (`sets.List`). */
export function sortedDistinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGo);
}

/** `singular` for a count of 1, `plural` otherwise. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Items in plain double quotes, joined by `", "`, without escaping: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

/** `containers "a", "b"` */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

const printable = (cp: number): boolean => cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp !== 0x2028 && cp !== 0x2029 && cp !== 0xfeff;

/** Go's `%q` for a string: double-quoted with Go escapes. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd'; // Go decodes a lone surrogate as U+FFFD
    else if (printable(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
