import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from 'kubecis';

// The README's examples are what users copy: they must be valid.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows a kubecis.yaml that validates without a single diagnostic', () => {
    const blocks = [...readme.matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]!);
    const config = blocks.find((b) => b.includes('exemptions:'));
    expect(config, 'the kubecis.yaml example').toBeDefined();
    const parsed = parseConfig(config!, 'README.md');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.config?.packs).toHaveLength(2);
  });
});
