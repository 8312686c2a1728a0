import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './schema.js';
import { parseConfig } from './parse.js';

describe('parseConfig', () => {
  it('accepts a complete configuration', () => {
    const { config, diagnostics } = parseConfig(
      [
        'benchmark: cis-1.10',
        'strict: false',
        'failOn: warn',
        'systemNamespaces: [kube-system, infra]',
        'rules:',
        '  disable: ["network/require-*"]',
        '  severity: { rbac/no-wildcards: low }',
        '  options: { rbac/no-cluster-admin-bindings: { allow: [ci-admin] } }',
        'packs: [./acme-pack.mjs]',
        'exemptions:',
        '  - rules: ["5.2.*"]',
        '    namespaces: [monitoring]',
        '    reason: node-exporter needs the host network',
        '    expires: 2027-01-31',
      ].join('\n'),
      'kubecis.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ benchmark: 'cis-1.10', failOn: 'warn', exemptions: [{ namespaces: ['monitoring'], expires: '2027-01-31' }] });
  });

  it('explains each error with its path, what was expected, what was found, and its line', () => {
    const { config, diagnostics } = parseConfig(
      ['failOn: sometimes', 'strict: "yes"', 'exemptions:', '  - rules: [x]', '    expires: tomorrow', 'colour: blue'].join('\n'),
      'kubecis.yaml',
    );
    expect(config).toBeNull();
    const messages = diagnostics.map((d) => `${String(d.source?.line)}: ${d.message}`);
    expect(messages).toContainEqual('1: failOn: expected one of "fail", "warn", "never", got the string "sometimes"');
    expect(messages).toContainEqual('2: strict: expected boolean, got the string "yes"');
    expect(messages).toContainEqual('4: exemptions[0].reason: expected string, got nothing');
    expect(messages.some((m) => m.startsWith('5: exemptions[0].expires:') && m.includes('YYYY-MM-DD'))).toBe(true);
    expect(messages.some((m) => m.includes('unknown key "colour"'))).toBe(true);
  });

  it('reports YAML syntax errors with their line and never applies a broken file', () => {
    const { config, diagnostics } = parseConfig('benchmark: cis-1.10\nrules: [\n', 'k.yaml');
    expect(config).toBeNull();
    expect(diagnostics[0]?.source?.file).toBe('k.yaml');
    expect(diagnostics[0]?.message).toMatch(/^Invalid YAML/);
  });

  it('treats an empty file as an empty configuration', () => {
    expect(parseConfig('', 'k.yaml')).toMatchObject({ config: {}, diagnostics: [] });
  });
});

describe('configJsonSchema', () => {
  it('describes every top-level key for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }>; additionalProperties: unknown };
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'benchmark', 'defaultNamespace', 'exemptions', 'failOn', 'packs', 'rules', 'strict', 'systemNamespaces']);
    expect(schema.properties['exemptions']?.description).toContain('reason');
    expect(schema.additionalProperties).toBe(false);
  });
});
