import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { stringify as yamlStringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { corpus, corpusPresent, yamlFiles } from '../../test/corpus-files.js';
import { readSimpleYaml } from './fast-yaml.js';
import { schema } from './load.js';
import { splitYamlDocuments } from './split.js';

/** What js-yaml reads, as kubecis calls it; `undefined` when it refuses the text. */
function reference(text: string): unknown[] | undefined {
  try {
    return loadAll(text, null, { schema });
  } catch {
    return undefined;
  }
}

/** The same value, with every mapping's keys in the same order (JSON output and paths depend on it). */
function same(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (typeof a !== 'object' || a === null) return true;
  if (Array.isArray(a)) return a.every((item, i) => same(item, (b as unknown[])[i]));
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return isDeepStrictEqual(keys, Object.keys(other)) && keys.every((k) => same((a as Record<string, unknown>)[k], other[k]));
}

/** The fast reader's answer for each document of `text`: agrees with js-yaml, or leaves it to js-yaml. */
function check(text: string): { fast: number; slow: number } {
  let fast = 0;
  let slow = 0;
  for (const chunk of splitYamlDocuments(text)) {
    const got = readSimpleYaml(chunk.text);
    if (got === undefined) {
      slow++;
      continue;
    }
    fast++;
    const expected = reference(chunk.text);
    if (expected === undefined || !same(got, expected)) {
      expect.fail(`the fast reader read a document differently from js-yaml:\n${chunk.text}\nfast: ${JSON.stringify(got)}\njs-yaml: ${expected === undefined ? 'refused it' : JSON.stringify(expected)}`);
    }
  }
  return { fast, slow };
}

describe('readSimpleYaml: manifest YAML read as js-yaml reads it', () => {
  const read: [string, string][] = [
    ['mappings and sequences', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n'],
    ['a sequence at its key\'s column', 'rules:\n- apiGroups:\n  - ""\n  resources: [pods, "pods/log"]\n  verbs: [get, list]\n- nonResourceURLs: ["/healthz"]\n  verbs: ["*"]\n'],
    ['scalars resolved by the core schema', 'a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5\nf: .inf\ng: -.Inf\nh: .NaN\ni: true\nj: False\nk: null\nl: ~\nm:\nn: "1"\no: \'true\'\np: 1e3\nq: 012\nr: +12\ns: 1_000\n'],
    ['keys resolved, then made strings', '1: a\ntrue: b\n~: c\n0x10: e\n1.50: f\n.inf: g\n'],
    ['comments everywhere', '# head\na: 1 # one\n\n  # indented\nb:   # nothing\n  - x # ex\n# between\n  - "y" # why\nc: \'z\'  # zed\n'],
    ['blank lines that open a literal block scalar', 'a: |\n\n  \n  x\nb: |-\n\n  y\n'],
    ['literal block scalars and chomping', 'a: |\n  line 1\n\n    indented\n  line 3\n\n\nb: |-\n  stripped\n\n\nc: |+\n  kept\n\n\nd: |\n  # not a comment\n  x\ne: end\n'],
    ['folded block scalars', 'a: >\n  one\n  two\n  three\nb: >-\n  x\n  y\nc: >+\n  k\n\nd: 1\n'],
    ['block scalars in sequences and at the end', 'args:\n  - |\n    echo hello\n    exit 0\n  - >-\n    --flag\n    value\nlast: |\n  tail\n\n'],
    ['multi-line plain scalars', 'description: This is a long\n  description that goes on\n\n  after an empty line\n  - with a dash and `code`\nnext: 1\nlist:\n  - first part\n    second part\n'],
    ['multi-line quoted scalars', 'a: "double quoted\n  continued \\\n  joined\n\n  para"\nb: \'single quoted\n  it\'\'s continued\'\nc: 2\n'],
    ['escapes in double quotes', 'a: "tab\\tnew\\nline \\"q\\" \\\\ \\/ \\x41\\u00e9\\U0001F600 \\0 \\e \\N \\_ \\L \\P"\nb: \'\'\'single\'\'\'\n'],
    ['flow sequences and empty collections', 'a: []\nb: {}\nc: [ ]\nd: [1, two, "three", \'four\', true, null]\ne: [ a b , c ]\n'],
    ['a document marker and keys with odd characters', '---\n"quoted key": 1\n\'single key\': 2\nkey with spaces: 3\nurl: http://example.com:8080/x\nkubernetes.io/name: 4\n"a: b": 5\nconstructor: 6\ntoString: 7\n'],
    ['a root sequence', '- a\n- b:\n    c: 1\n-\n  - nested\n- ""\n'],
    ['deep compact nesting', 'a:\n- b:\n  - c:\n    - d: 1\n      e: 2\n'],
  ];
  it.each(read)('reads %s', (_, text) => {
    expect(readSimpleYaml(text), 'the fast reader gave this document to js-yaml').toBeDefined();
    expect(check(text)).toEqual({ fast: 1, slow: 0 });
  });

  const leftToJsYaml: [string, string][] = [
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['merge keys', 'base: {}\nc:\n  <<: {}\n'],
    ['tags', 'a: !!str 1\n'],
    ['binary', 'a: !!binary aGVsbG8=\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['__proto__ keys', '__proto__:\n  polluted: true\n'],
    ['tabs', 'a:\n\tb: 1\n'],
    ['CR line ends', 'a: 1\r\nb: 2\r\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['two documents in one text', 'a: 1\n---\nb: 2\n'],
    ['flow mappings', 'a: {b: 1}\n'],
    ['nested flow sequences', 'a: [[1], 2]\n'],
    ['complex keys', '? a\n: b\n'],
    ['a mapping value on a key\'s line', 'a: b: c\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a scalar document', 'just text\n'],
    ['an empty document', '# nothing\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n    x\n'],
    ['a folded scalar with more indented lines', 'a: >\n  x\n    y\n'],
    ['a folded scalar that opens with a blank line', 'a: >\n\n  x\n'],
    ['a lone dash as a value (a sequence indicator, not text)', 'a: -\n'],
    ['no final newline', 'a: 1'],
    ['unpaired surrogates', 'a: "\ud800"\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a quoted scalar that never ends', 'a: "open\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['an empty sequence entry (js-yaml reads a less indented entry after it into the same sequence)', 'a:\n-\n  - x\n  -\n- y\n'],
  ];
  it.each(leftToJsYaml)('leaves %s to js-yaml', (_, text) => {
    expect(readSimpleYaml(text)).toBeUndefined();
  });

  it('resolves plain scalars and keys with js-yaml\'s own core types, whatever their characters', () => {
    const scalar = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789+-._eExXoObBabcdfinNtTrulsFAL~: #'.split('')), minLength: 1, maxLength: 8 }),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    let fast = 0;
    fc.assert(
      fc.property(scalar, (text) => {
        fast += check(`v: ${text}\n${text}: k\nl:\n  - ${text}\n`).fast;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(1000);
  });
});

// Generated documents: js-yaml's and the yaml package's output in their different styles, then
// damaged. Whatever the fast reader accepts, js-yaml must read to the same value.
const key = fc.oneof(fc.constantFrom('name', 'image', 'a b', 'x:y', '1', 'true', 'null', '~', 'on', '-k', 'k#', '"q"', "'s'", ''), fc.string({ maxLength: 6 }));
const leaf = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'x: y', 'a #b', '#c', '- d', '|', '>', "it's", 'say "hi"', 'back\\slash', 'multi\nline\n', 'trail  \n\n', '  lead', '\ttab', 'ü', '😀', '0x1F', '1e3', '.5', 'True', 'NULL', '~'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const nodes = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
// Mostly manifest-like (a mapping of plain keys), sometimes anything.
const manifestKey = fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'containers', 'name', 'image', 'args', 'data', 'labels');
const document = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(manifestKey, nodes, { minKeys: 1, maxKeys: 5 }) },
  { weight: 1, arbitrary: nodes },
).map((root) => ({ root }));

const styles = fc.oneof(
  fc.record({ indent: fc.constantFrom(1, 2, 4), noArrayIndent: fc.boolean(), flowLevel: fc.constantFrom(-1, 1, 2), lineWidth: fc.constantFrom(-1, 10, 40, 80), quotingType: fc.constantFrom<"'" | '"'>("'", '"'), forceQuotes: fc.boolean() }).map(
    (options) => (value: unknown) => dump(value, { ...options, skipInvalid: true }),
  ),
  fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 20, 80), defaultStringType: fc.constantFrom<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') }).map(
    (options) => (value: unknown) => yamlStringify(value, { ...options, aliasDuplicateObjects: false }),
  ),
);

const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.constantFrom('', ' ', '  ', '\n', '\n  ', ': ', '- ', '#', ' #', '"', "'", '|', '>', '-', '+', '[', ']', '{}', ',', '\\', '&a ', '*a', '!', '? ', ':', 'x', '1', '\n\n', '---\n', '...'),
});

describe('readSimpleYaml on generated and damaged documents', () => {
  it('reads what it accepts as js-yaml does, and accepts most of what serialisers write', () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(document, styles, ({ root }, style) => {
        let text: string;
        try {
          text = style(root);
        } catch {
          return;
        }
        const result = check(text);
        fast += result.fast;
        total += result.fast + result.slow;
      }),
      { numRuns: 2000 },
    );
    // The property is not vacuous: a good part of the serialisers' output takes the fast path
    // (generated keys and strings are odd on purpose; the corpus test measures real manifests).
    expect(fast / total).toBeGreaterThan(0.2);
  });

  it('accepts only what js-yaml reads the same way after random damage', () => {
    fc.assert(
      fc.property(document, styles, fc.array(edit, { minLength: 1, maxLength: 4 }), ({ root }, style, edits) => {
        let text: string;
        try {
          text = style(root);
        } catch {
          return;
        }
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        check(text);
      }),
      { numRuns: 4000 },
    );
  });
});

// Lines made of YAML's pieces at random indentations: structures no serialiser writes.
const piece = fc.constantFrom('key:', 'k2:', 'a b:', '"q k":', "'s k':", '- ', '-', 'value', 'v w', '1', '-1', '0x1F', '.5', 'true', '~', 'null', '"dq"', '"d\\"q"', '"open', "'sq'", "'it''s'", "'open", 'close"', "close'", '|', '|-', '|+', '>', '>-', '#c', ' #c', '[a, b]', '[]', '{}', '[x', ': ', ':', 'x:y', 'http://h:1', '&a', '*a', '!t', '? ', '---', '...', '%', ' ', '  ');
const soup = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.array(piece, { minLength: 0, maxLength: 3 })), { minLength: 1, maxLength: 12 })
  .map((lines) => `${lines.map(([indent, pieces]) => ' '.repeat(indent) + pieces.join(' ')).join('\n')}\n`);

describe('readSimpleYaml on lines of YAML pieces at random indentations', () => {
  it('accepts only what js-yaml reads the same way', () => {
    let fast = 0;
    fc.assert(
      fc.property(soup, (text) => {
        fast += check(text).fast;
      }),
      { numRuns: 6000 },
    );
    // Not vacuous: some of these random texts are plain YAML (about 100 in 6,000 runs).
    expect(fast).toBeGreaterThan(30);
  });
});

describe.skipIf(!corpusPresent)('readSimpleYaml on ../shared/corpus', () => {
  it('reads every corpus document it accepts as js-yaml does, and accepts over 90% of the corpus by size', () => {
    let fastBytes = 0;
    let allBytes = 0;
    for (const file of yamlFiles(corpus)) {
      for (const chunk of splitYamlDocuments(readFileSync(file, 'utf8'))) {
        allBytes += chunk.text.length;
        const before = check(chunk.text);
        if (before.fast > 0) fastBytes += chunk.text.length;
      }
    }
    expect(fastBytes / allBytes).toBeGreaterThan(0.9);
  }, 60_000);
});
