import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMessage, placeholdersOf, renderCompiled, renderMessage } from './messages.js';

const name = fc.constantFrom('kind', 'name', 'namespace', 'verbs', 'x', 'constructor', '__proto__', 'toString');
const piece = fc.oneof(
  fc.string({ maxLength: 6 }),
  name.map((n) => `{${n}}`),
  fc.constantFrom('{', '}', '{}', '{ name }', '$&', "$'", '$1', '{{name}}'),
);
const template = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
const value = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constantFrom('$&', '{name}'));
const data = fc.dictionary(name, value, { maxKeys: 5 });

function outcome(render: () => string): string {
  try {
    return `ok:${render()}`;
  } catch (error) {
    return `error:${(error as Error).message}`;
  }
}

describe('compiled messages', () => {
  it('render exactly as renderMessage does, and fail with the same error for missing data', () => {
    fc.assert(
      fc.property(template, data, (t, d) => {
        expect(outcome(() => renderCompiled(compileMessage(t), d, 'r', 'm'))).toBe(outcome(() => renderMessage(t, d, 'r', 'm')));
      }),
      { numRuns: 2000 },
    );
  });

  it('split a template into its literals and placeholders', () => {
    expect(compileMessage('{kind} {namespace}/{name} uses {verbs}')).toEqual({ parts: ['', ' ', '/', ' uses ', ''], names: ['kind', 'namespace', 'name', 'verbs'] });
    expect(compileMessage('no placeholders')).toEqual({ parts: ['no placeholders'], names: [] });
    fc.assert(
      fc.property(template, (t) => {
        expect(compileMessage(t).names).toEqual(placeholdersOf(t));
      }),
    );
  });

  it('read only the data object\'s own fields (no prototype values)', () => {
    expect(() => renderCompiled(compileMessage('{toString}'), {}, 'r', 'm')).toThrow('needs data.toString');
    expect(renderCompiled(compileMessage('{constructor}!'), { constructor: 'ok' }, 'r', 'm')).toBe('ok!');
  });
});
