import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { checkAliasExpansion, jsonDepthExceeded, mayHaveAliases, mayHaveProtoKey, stripProtoKeys } from './guard.js';

describe('checkAliasExpansion', () => {
  it('counts expanded and unique nodes of shared structures', () => {
    const leaf = { a: 1, b: 2 };
    expect(checkAliasExpansion({ x: leaf, y: leaf })).toEqual({ ok: true, expanded: 7, unique: 4 });
    expect(checkAliasExpansion('scalar')).toEqual({ ok: true, expanded: 1, unique: 1 });
  });

  it('refuses a billion laughs quickly, whatever its depth', () => {
    let node: unknown[] = ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol'];
    for (let i = 0; i < 40; i++) node = Array.from({ length: 10 }, () => node);
    const started = performance.now();
    expect(checkAliasExpansion(node)).toEqual({ ok: false, reason: 'expansion' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses cycles', () => {
    const value = load('a: &a\n  b: *a\n');
    expect(checkAliasExpansion(value)).toEqual({ ok: false, reason: 'cycle' });
  });

  test.prop([fc.jsonValue()])('accepts any tree (no sharing) and counts it exactly', (value) => {
    const verdict = checkAliasExpansion(value);
    expect(verdict.ok && verdict.expanded === verdict.unique).toBe(true);
  });
});

describe('stripProtoKeys', () => {
  it('removes own __proto__ keys at any depth and says where', () => {
    const value = JSON.parse('{"a": {"__proto__": {"x": 1}, "b": [{"__proto__": 2}]}, "__proto__": null}') as Record<string, unknown>;
    expect(stripProtoKeys(value)).toEqual([['__proto__'], ['a', '__proto__'], ['a', 'b', 0, '__proto__']]);
    expect(JSON.stringify(value)).toBe('{"a":{"b":[{}]}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('leaves other keys such as constructor alone', () => {
    const value = { constructor: { prototype: 1 } };
    expect(stripProtoKeys(value)).toEqual([]);
    expect(value).toEqual({ constructor: { prototype: 1 } });
  });
});

describe('prefilters', () => {
  it('spots alias and anchor tokens, not prose', () => {
    expect(mayHaveAliases('a: &x 1\nb: *x\n')).toBe(true);
    expect(mayHaveAliases('a: [&x 1, *x]\n')).toBe(true);
    expect(mayHaveAliases('description: match *.example.com & more\n')).toBe(false);
    expect(mayHaveAliases('a: "x&y" b*c\n')).toBe(false);
  });

  it('spots __proto__ spelt directly or through escapes', () => {
    expect(mayHaveProtoKey('__proto__: 1')).toBe(true);
    expect(mayHaveProtoKey('"\\x5f_proto__": 1')).toBe(true);
    expect(mayHaveProtoKey('{"\\u005f_proto__": 1}')).toBe(true);
    expect(mayHaveProtoKey('protocol: TCP')).toBe(false);
  });

  it('answers as the plain definition does: the word, or a backslash escape of one of its characters', () => {
    const escape = /\\(?:x|u00|U000000)(?:5[fF]|6[fF]|7[024])/;
    const text = fc.array(fc.constantFrom('__proto__', '_proto_', 'proto', '_', '\\', 'x', 'u00', 'U000000', '5f', '5F', '6f', '70', '72', '74', 'a', ' ', '"'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(mayHaveProtoKey(t)).toBe(t.includes('__proto__') || (t.includes('\\') && escape.test(t)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('jsonDepthExceeded', () => {
  it('finds the first offset past the limit, ignoring brackets in strings', () => {
    expect(jsonDepthExceeded('[[[1]]]', 2)).toBe(2);
    expect(jsonDepthExceeded('[[[1]]]', 3)).toBe(-1);
    expect(jsonDepthExceeded('["[[[[\\"[[["]', 2)).toBe(-1);
    expect(jsonDepthExceeded('["\\\\", [[1]]]', 2)).toBe(8);
  });

  const depthOf = (value: unknown): number =>
    value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
  test.prop([fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom(0, 2)])('agrees with the depth of the parsed value', (value, limit, indent) => {
    expect(jsonDepthExceeded(JSON.stringify(value, null, indent), limit) === -1).toBe(depthOf(value) <= limit);
  });
});
