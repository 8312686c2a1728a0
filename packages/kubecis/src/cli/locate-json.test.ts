import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import type { PathSegment } from '@kubecis/core';
import { JsonLocator } from './locate-json.js';
import { AstYamlWalker } from './locate-yaml.js';

function pathsOf(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(prefix);
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

describe('JsonLocator', () => {
  it('finds keys, items and the items of a List', () => {
    const text = '{\n  "kind": "List",\n  "items": [\n    {\n      "metadata": {"name": "a"}\n    },\n    {"spec": {"x": [1,\n 2]}}\n  ]\n}\n';
    const locator = new JsonLocator(text);
    expect(locator.locate(['items', 0, 'metadata', 'name']).position.line).toBe(4);
    expect(locator.locate(['items', 1]).position.line).toBe(6);
    expect(locator.locate(['items', 1, 'spec', 'x', 1]).position.line).toBe(7);
    expect(locator.locate(['items', 2])).toEqual({ position: { line: 2, column: 2 }, resolved: 1 });
    expect(locator.rootLine()).toBe(0);
  });

  it('decodes escaped keys and lets the last duplicate win, as JSON.parse does', () => {
    const text = '{"a\\u0062": 1,\n"k": 1,\n"k": {"z": 2}}';
    const locator = new JsonLocator(text);
    expect(locator.locate(['ab']).resolved).toBe(1);
    expect(locator.locate(['k', 'z']).position.line).toBe(2);
  });

  // JSON is YAML: the `yaml` package's exact parse of the same text is the reference.
  test.prop([fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2, 4)])('agrees with the exact YAML parser on any JSON', (value, indent) => {
    const text = JSON.stringify(value, null, indent);
    fc.pre(!text.includes('\\u2028') && !text.includes('\u2028') && !text.includes('\u2029'));
    const locator = new JsonLocator(text);
    const exact = new AstYamlWalker(text);
    for (const path of pathsOf(value).slice(0, 300)) {
      const truth = exact.locate(path);
      if (truth?.resolved !== path.length) continue;
      expect({ path, line: locator.locate(path).position.line }).toEqual({ path, line: truth.position.line });
    }
  });
});
