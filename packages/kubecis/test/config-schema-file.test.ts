// The JSON Schema of kubecis.yaml ships as a file, for editors (`# yaml-language-server: $schema=…`
// or the `$schema` key). It is generated from the zod schema; this test keeps it current.
// KUBECIS_UPDATE_DOCS=1 rewrites it (`pnpm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/config/schema.js';

const file = new URL('../schema/kubecis.schema.json', import.meta.url);
const expected = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;

describe('schema/kubecis.schema.json', () => {
  it('is the JSON Schema generated from the zod schema', () => {
    if (process.env['KUBECIS_UPDATE_DOCS'] === '1') writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8'), 'run `pnpm run docs` to regenerate it').toBe(expected);
  });
});
