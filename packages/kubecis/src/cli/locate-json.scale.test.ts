// The JSON locator on texts large enough for its caches (a List's items, lines counted from each
// item) and for the structure scan's fallback, checked against answers found by plain search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonLocator, scanJsonStructure } from './locate-json.js';

/** The 0-based line of an offset, by counting. */
function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function dump(count: number, indent: number | undefined): { text: string; value: { items: unknown[] } } {
  const items = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${String(i)}`, labels: { 'app.kubernetes.io/name': `a${String(i)}` }, annotations: { note: 'has "quotes", {braces} and [brackets]' } },
    spec: { containers: [{ name: `c-${String(i)}`, image: 'x', ports: [{ containerPort: i }] }, { name: `d-${String(i)}` }] },
  }));
  const value = { apiVersion: 'v1', kind: 'List', items };
  return { text: JSON.stringify(value, null, indent), value };
}

describe('JsonLocator on a large List', () => {
  for (const indent of [2, 4, undefined]) {
    it(`finds every item's fields on the right line (${indent === undefined ? 'compact' : `indent ${String(indent)}`})`, () => {
      const { text } = dump(2000, indent);
      expect(text.length).toBeGreaterThan(16_384 * 4);
      const locator = new JsonLocator(text, scanJsonStructure(text, 256));
      const space = indent === undefined ? '' : ' ';
      for (let i = 0; i < 2000; i += 7) {
        const name = text.indexOf(`"name":${space}"pod-${String(i)}"`);
        expect(locator.locate(['items', i, 'metadata', 'name']), `items[${String(i)}].metadata.name`).toMatchObject({ resolved: 4, position: { line: lineAt(text, name) } });
        const second = text.indexOf(`"name":${space}"d-${String(i)}"`);
        expect(locator.locate(['items', i, 'spec', 'containers', 1, 'name']).position.line).toBe(lineAt(text, second));
        const port = text.indexOf(`"containerPort":${space}${String(i)}`, name);
        expect(locator.locate(['items', i, 'spec', 'containers', 0, 'ports', 0, 'containerPort']).position.line).toBe(lineAt(text, port));
        // A missing field resolves to its nearest existing parent.
        expect(locator.locate(['items', i, 'spec', 'containers', 0, 'securityContext', 'privileged'])).toMatchObject({ resolved: 5 });
      }
      expect(locator.locate(['items', 2000]).resolved).toBe(1);
      expect(locator.locate(['items', 1.5]).resolved).toBe(1);
      expect(locator.locate(['items', -1]).resolved).toBe(1);
      expect(locator.rootLine()).toBe(0);
    });
  }

  it('agrees with its structure-less form (which scans on demand)', () => {
    const { text } = dump(500, 2);
    const withStructure = new JsonLocator(text, scanJsonStructure(text, 256));
    const without = new JsonLocator(text);
    for (let i = 0; i < 500; i += 13) {
      const path = ['items', i, 'metadata', 'labels', 'app.kubernetes.io/name'];
      expect(withStructure.locate(path)).toEqual(without.locate(path));
    }
  });
});

describe('scanJsonStructure', () => {
  it('numbers containers in opening order with their closes and next siblings', () => {
    const text = '{"a": [1, {"b": "}"}], "c": {}}';
    const s = scanJsonStructure(text, 10);
    expect([...s.opens]).toEqual([0, 6, 10, 28]);
    expect([...s.closes]).toEqual([30, 20, 19, 29]);
    expect([...s.nexts]).toEqual([4, 3, 3, 4]);
    expect(s.tooDeepAt).toBe(-1);
    expect(scanJsonStructure('[[[1]]]', 2).tooDeepAt).toBe(2);
  });

  it('finds every bracket outside strings, and only those, in any JSON text', () => {
    /** Brackets outside strings, by walking the text a character at a time. */
    const reference = (text: string): { opens: number[]; closes: number[] } => {
      const opens: number[] = [];
      const closes: number[] = [];
      const stack: number[] = [];
      for (let p = 0; p < text.length; p++) {
        const c = text[p];
        if (c === '"') {
          for (p++; text[p] !== '"'; p++) if (text[p] === '\\') p++;
        } else if (c === '{' || c === '[') {
          stack.push(opens.length);
          opens.push(p);
          closes.push(-1);
        } else if (c === '}' || c === ']') closes[stack.pop()!] = p;
      }
      return { opens, closes };
    };
    const tricky = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', 'a', ' ', ':', ',', '\n', 'é', '😀'), maxLength: 12 });
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(tricky, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const s = scanJsonStructure(text, 1_000);
        const expected = reference(text);
        expect([...s.opens]).toEqual(expected.opens);
        expect([...s.closes]).toEqual(expected.closes);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to a hand scan when a string holds so many escapes that the regex gives up, with the same result', () => {
    const text = JSON.stringify({ a: '\\"'.repeat(2_000_000), b: [{ c: 1 }] });
    const s = scanJsonStructure(text, 10);
    expect(s.opens.length).toBe(3);
    expect(s.closes[0]).toBe(text.length - 1);
    expect(text.charCodeAt(s.opens[1]!)).toBe(91);
    const locator = new JsonLocator(text, s);
    expect(locator.locate(['b', 0, 'c']).resolved).toBe(3);
  });
});
