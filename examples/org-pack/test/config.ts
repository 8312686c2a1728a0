import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ExemptionSchema, type Exemption } from '@kubecis/core';
import { RuleTester, type TestFramework } from '@kubecis/testkit';
import { pack } from '../src/index.js';

const here = new URL('../', import.meta.url);

interface AcmeConfig {
  readonly rules: { readonly options: Readonly<Record<string, unknown>> };
  readonly exemptions: readonly Exemption[];
}

/** kubecis.yaml, with its rule options and exemptions checked. */
export function readAcmeConfig(): AcmeConfig {
  const config = parse(readFileSync(new URL('kubecis.yaml', here), 'utf8')) as AcmeConfig;
  for (const exemption of config.exemptions) ExemptionSchema.parse(exemption);
  for (const [id, options] of Object.entries(config.rules.options)) {
    const rule = pack.rules.find((r) => r.id === id);
    if (rule) rule.parseOptions(options);
  }
  return config;
}

/** The rendered manifests of manifests/ (all, or the files named), as one YAML stream. */
export function manifests(...files: string[]): string {
  const dir = new URL('manifests/', here);
  return (files.length > 0 ? files : readdirSync(dir).filter((f) => f.endsWith('.yaml')))
    .sort()
    .map((f) => readFileSync(new URL(f, dir), 'utf8'))
    .join('\n---\n');
}

/** The whole pack over manifests/ with kubecis.yaml's options and exemptions: what `kubecis scan --config kubecis.yaml manifests` reports for Acme's rules. */
export function testConfig(framework?: TestFramework): void {
  const config = readAcmeConfig();
  const evaluateOptions = { exemptions: config.exemptions, now: '2026-11-27' };
  new RuleTester({ ...(framework ? { framework } : {}), evaluateOptions }).run(pack, {
    valid: [{ name: 'kubecis.yaml: the storefront and the ingress controller are clean', yaml: manifests('storefront.yaml', 'ingress-nginx.yaml'), options: config.rules.options }],
    invalid: [
      {
        name: 'kubecis.yaml: the rendered manifests, with the billing exemption applied',
        yaml: manifests(),
        options: config.rules.options,
        findings: [
          { ruleId: 'acme/require-approved-registry', resource: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' }, path: 'spec.template.spec.containers[0].image', exempted: false },
          { ruleId: 'acme/require-team-label', messageId: 'unknownTeam', resource: { kind: 'Deployment', namespace: 'monitoring', name: 'grafana' }, exempted: false },
          { ruleId: 'acme/no-public-load-balancer', resource: { kind: 'Service', namespace: 'payments', name: 'api-public' }, path: 'spec.type', exempted: false },
          { ruleId: 'acme/require-approved-registry', resource: { kind: 'Deployment', namespace: 'billing', name: 'invoice-legacy' }, exempted: true },
          { ruleId: 'acme/require-team-label', messageId: 'missing', resource: { kind: 'Deployment', namespace: 'billing', name: 'invoice-legacy' }, path: 'metadata.labels', exempted: true },
        ],
      },
      {
        name: 'kubecis.yaml: an expired exemption no longer applies',
        yaml: manifests('billing.yaml'),
        options: config.rules.options,
        evaluateOptions: { exemptions: config.exemptions, now: '2027-10-01' },
        findings: [
          { ruleId: 'acme/require-approved-registry', resource: { name: 'invoice-legacy' }, exempted: false },
          { ruleId: 'acme/require-team-label', resource: { name: 'invoice-legacy' }, exempted: false },
        ],
      },
    ],
  });
}
