import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { dump, loadAll, type DumpOptions } from 'js-yaml';
import { stringify } from 'yaml';
import type { PathSegment } from '@kubecis/core';
import { AstYamlWalker, BlockYamlWalker, firstContentLine, YamlLocator } from './locate-yaml.js';

function pathsOf(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = [], seen = new Set<unknown>()): PathSegment[][] {
  out.push(prefix);
  if (value === null || typeof value !== 'object' || seen.has(value) || out.length > 2000) return out;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out, seen));
  else for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out, seen);
  seen.delete(value);
  return out;
}

function readable(text: string): boolean {
  try {
    loadAll(text);
    return true;
  } catch {
    return false;
  }
}

interface Comparison {
  checked: number;
  fastAnswers: number;
}

/**
 * Every path of the document: the locator's line equals the `yaml` package's exact answer, and
 * whenever the fast walker claims a full answer it agrees with the exact one.
 */
function compareWithExact(text: string): Comparison {
  const [value] = loadAll(text);
  const exact = new AstYamlWalker(text);
  const fast = new BlockYamlWalker(text);
  const locator = new YamlLocator(text);
  let checked = 0;
  let fastAnswers = 0;
  for (const path of pathsOf(value)) {
    const truth = exact.locate(path);
    if (truth?.resolved !== path.length) continue;
    checked++;
    const quick = fast.locate(path);
    if (quick?.resolved === path.length) {
      fastAnswers++;
      expect({ path, line: quick.position.line }).toEqual({ path, line: truth.position.line });
    }
    expect({ path, line: locator.locate(path)?.position.line }).toEqual({ path, line: truth.position.line });
  }
  return { checked, fastAnswers };
}

const tricky: Record<string, string> = {
  'block scalars that look like YAML': `a: |
  b: not a key
  - not an item
  # not a comment
c: >-
  folded
    more
d: 1
`,
  'comments and blank lines everywhere': `# top

a:   # after a
  # inside

  b: 1
    # oddly indented comment
  c:
  - 1
  # between items
  - 2
e: 3
`,
  'multi-line quoted scalars': `a: "first
  second: not a key
  third"
b: 'it''s
  c: still the string'
d:
  - "x
    y: z"
  - e: 1
`,
  'multi-line flow collections': `a: [1,
  2, {x: 1,
  y: 2}]
b: {p: [1, 2],
  q: "s: t"}
c: 3
`,
  'one-line flow collections': `rules:
- apiGroups: [""]
  resources: ["pods", "secrets"]
  verbs: ['get', "list"]
- {apiGroups: [apps], verbs: ["*"]}
`,
  'anchors, aliases and merge keys': `base: &base
  x: 1
  y: [1, 2]
other: &other {z: 3}
merged:
  <<: [*base, *other]
  own: 2
single:
  <<: *base
alias: *base
seq:
- &item {a: 1}
- *item
`,
  'quoted and unusual keys': `"quoted key": 1
'single ''quoted''': 2
"escaped\\tkey": 3
key with spaces: 4
http://example.com/x: 5
80: http
true: yes
null: nothing
0x10: hex
"a:b": 6
`,
  'compact and nested sequences': `a:
- - 1
  - 2
- -
    - 3
-
  b: 1
- # comment
  c: 2
-   d: 3
    e: 4
f:
  - g:
    - h: 1
`,
  'tags and properties': `a: !!str 5
b: !!map
  c: 1
d: &anchor !!seq
- 1
e: &e
  f: 1
`,
  'explicit keys': `? a
: 1
? [b, c]
: 2
d: 3
`,
  'tabs after indicators and CRLF': 'a:\t1\r\nb:\r\n  c:\t2\r\n  d:\r\n  - 3\r\n',
  'document markers and directives': `%YAML 1.2
--- # the document
a: 1
b:
  c: 2
...
`,
  'a document that starts on the marker line': '--- {a: 1, b: [2, 3]}\n',
  'multi-line plain scalars': `a: this is
  a long plain
  scalar
b:
- this one
  too
- c: and
    this
`,
  'keys repeated with json semantics handled by the exact parser': `metadata:
  name: x
  labels:
    app: y
spec:
  containers:
  - name: a
    securityContext:
      privileged: true
  - name: b
`,
};

describe('YamlLocator', () => {
  for (const [name, text] of Object.entries(tricky)) {
    it(`agrees with the exact parser: ${name}`, () => {
      const { checked } = compareWithExact(text);
      expect(checked).toBeGreaterThan(1);
    });
  }

  it('answers block-style Kubernetes manifests without the exact parser', () => {
    const text = tricky['keys repeated with json semantics handled by the exact parser']!;
    const locator = new YamlLocator(text);
    expect(locator.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])?.position.line).toBe(8);
    expect(locator.locate(['spec', 'containers', 1])?.position.line).toBe(9);
    expect(locator.fallbacks).toBe(0);
    const flow = new YamlLocator(tricky['one-line flow collections']!);
    expect(flow.locate(['rules', 0, 'verbs', 1])?.position.line).toBe(3);
    expect(flow.fallbacks).toBe(0);
  });

  it('falls back to the exact parser for merge keys and aliases', () => {
    const locator = new YamlLocator(tricky['anchors, aliases and merge keys']!);
    expect(locator.locate(['merged', 'x'])?.position.line).toBe(1);
    expect(locator.locate(['alias', 'y', 1])?.position.line).toBe(2);
    expect(locator.fallbacks).toBe(2);
  });

  it('stops at the nearest existing field when the path goes further than the document', () => {
    const locator = new YamlLocator('a:\n  b: 1\n');
    expect(locator.locate(['a', 'missing', 'deeper'])).toMatchObject({ position: { line: 0, column: 0 }, resolved: 1 });
    // A key absent from a plain mapping is certain: no need for the exact parser.
    expect(locator.fallbacks).toBe(0);
    const numeric = new YamlLocator('a:\n  0x10: 1\n');
    expect(numeric.locate(['a', '16'])?.position.line).toBe(1);
    expect(numeric.fallbacks).toBe(1);
  });

  it('finds the first content line of a document', () => {
    expect(firstContentLine('---\n# c\n\nkey: 1\n')).toBe(3);
    expect(firstContentLine('%YAML 1.2\n--- # x\n\na: 1\n')).toBe(3);
    expect(firstContentLine('--- {a: 1}\n')).toBe(0);
    expect(firstContentLine('# only comments\n')).toBe(0);
  });

  // Objects shaped like manifests, with awkward strings, written in many styles.
  const key = fc.oneof(
    fc.constantFrom('name', 'image', 'spec', 'labels', 'app.kubernetes.io/name', 'a b', '80', 'x:y', '- dash', '#hash', "it's", 'quote"d', ''),
    fc.string({ minLength: 1, maxLength: 6 }),
  );
  const text = fc.oneof(
    fc.constantFrom('plain', 'with: colon', 'with # hash', '- dash', '"quoted"', "it's", 'multi\nline\ntext', '  leading', 'trailing  ', '*star', '&amp', '!bang', '---', '...', 'true', '12', ''),
    fc.string({ maxLength: 30 }),
  );
  const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    seq: fc.array(tie('node'), { maxLength: 4 }),
  }));
  const root = fc.dictionary(key, tree.node, { minKeys: 1, maxKeys: 5 });
  const jsYamlStyle: fc.Arbitrary<DumpOptions> = fc.record({
    indent: fc.integer({ min: 1, max: 4 }),
    noArrayIndent: fc.boolean(),
    flowLevel: fc.constantFrom(-1, -1, 1, 2, 3),
    lineWidth: fc.constantFrom(-1, 20, 80),
    forceQuotes: fc.boolean(),
    quotingType: fc.constantFrom("'" as const, '"' as const),
    condenseFlow: fc.boolean(),
  });

  test.prop([root, jsYamlStyle, fc.boolean()])('agrees with the exact parser on js-yaml output in any style', (value, style, share) => {
    const shared = share && Object.keys(value).length > 1 ? { ...value, [`${Object.keys(value)[0] ?? ''}-again`]: value[Object.keys(value)[0] ?? ''] } : value;
    const text = dump(shared, { ...style, noRefs: false });
    // js-yaml's condenseFlow can write quoted keys it cannot read back.
    fc.pre(readable(text));
    compareWithExact(text);
  });

  test.prop([root, fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 20, 80), flowCollectionPadding: fc.boolean() })])(
    'agrees with the exact parser on the yaml package output',
    (value, options) => {
      const text = stringify(value, { ...options, aliasDuplicateObjects: false });
      // A generated `<<` key with a scalar value is a merge js-yaml refuses.
      fc.pre(readable(text));
      compareWithExact(text);
    },
  );
});
