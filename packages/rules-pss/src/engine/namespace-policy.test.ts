import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@kubecis/core';
import { enforcedPodSecurity, namespacePodSecurity, namespacePodSecurityOf, podSecurityPolicyFromLabels } from './namespace-policy.js';

const label = (mode: string, suffix = ''): string => `pod-security.kubernetes.io/${mode}${suffix}`;
const ns = (name: string, labels?: Record<string, string>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(labels === undefined ? {} : { labels }) },
});

describe('podSecurityPolicyFromLabels (upstream PolicyToEvaluate)', () => {
  it('unlabelled: privileged at latest for every mode, or the given defaults', () => {
    const p = privilegedLatest();
    expect(podSecurityPolicyFromLabels(undefined).policy).toEqual({ enforce: p, audit: p, warn: p });
    const defaults = { enforce: { level: 'baseline', version: 'v1.30' }, warn: { level: 'restricted' } } as const;
    expect(podSecurityPolicyFromLabels({}, defaults).policy).toEqual({
      enforce: { level: 'baseline', version: 'v1.30' },
      audit: p,
      warn: { level: 'restricted', version: 'latest' },
    });
  });

  it('reads every label and version', () => {
    const { policy, errors } = podSecurityPolicyFromLabels({
      [label('enforce')]: 'baseline',
      [label('enforce', '-version')]: 'v1.25',
      [label('audit')]: 'restricted',
      [label('audit', '-version')]: 'latest',
      [label('warn')]: 'restricted',
      [label('warn', '-version')]: 'v1.37',
    });
    expect(errors).toEqual([]);
    expect(policy).toEqual({
      enforce: { level: 'baseline', version: 'v1.25' },
      audit: { level: 'restricted', version: 'latest' },
      warn: { level: 'restricted', version: 'v1.37' },
    });
  });

  it('an invalid enforce level fails closed, invalid audit and warn levels fail open, invalid versions are latest', () => {
    const { policy, errors } = podSecurityPolicyFromLabels({
      [label('enforce')]: 'Restricted',
      [label('enforce', '-version')]: 'v1.05',
      [label('audit')]: 'strict',
      [label('warn')]: '',
      [label('warn', '-version')]: '1.25',
    });
    expect(policy).toEqual({
      enforce: { level: 'restricted', version: 'latest' },
      audit: { level: 'privileged', version: 'latest' },
      warn: { level: 'privileged', version: 'latest' },
    });
    expect(errors.map((e) => e.path)).toEqual([
      'metadata.labels["pod-security.kubernetes.io/enforce"]',
      'metadata.labels["pod-security.kubernetes.io/enforce-version"]',
      'metadata.labels["pod-security.kubernetes.io/audit"]',
      'metadata.labels["pod-security.kubernetes.io/warn"]',
      'metadata.labels["pod-security.kubernetes.io/warn-version"]',
    ]);
  });

  it('warn follows a stricter, valid enforce level when warn is unset, with its version unless warn-version is set', () => {
    expect(podSecurityPolicyFromLabels({ [label('enforce')]: 'baseline', [label('enforce', '-version')]: 'v1.30' }).policy.warn).toEqual({ level: 'baseline', version: 'v1.30' });
    expect(
      podSecurityPolicyFromLabels({ [label('enforce')]: 'baseline', [label('enforce', '-version')]: 'v1.30', [label('warn', '-version')]: 'v1.20' }).policy.warn,
    ).toEqual({ level: 'baseline', version: 'v1.20' });
    // Not when warn is set, not when enforce is invalid, not when enforce is not stricter.
    expect(podSecurityPolicyFromLabels({ [label('enforce')]: 'restricted', [label('warn')]: 'privileged' }).policy.warn.level).toBe('privileged');
    expect(podSecurityPolicyFromLabels({ [label('enforce')]: 'bogus' }).policy.warn.level).toBe('privileged');
    expect(podSecurityPolicyFromLabels({ [label('enforce')]: 'baseline' }, { warn: { level: 'restricted', version: 'v1.1' } }).policy.warn).toEqual({
      level: 'restricted',
      version: 'v1.1',
    });
  });
});

describe('namespacePodSecurity (derived per snapshot)', () => {
  const snapshot = createSnapshot([
    ns('labelled', { [label('enforce')]: 'restricted', [label('enforce', '-version')]: 'v1.30' }),
    ns('plain'),
    ns('kube-system', { [label('enforce')]: 'privileged' }),
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'implicit' }, spec: { containers: [{ name: 'c' }] } },
  ]);

  it('lists declared and implicit namespaces with their effective enforce level', () => {
    const view = namespacePodSecurity(snapshot);
    expect(view.map((n) => [n.namespace, n.system, n.enforceLabelled, n.policy.enforce.level, n.policy.enforce.version, n.object === null])).toEqual([
      ['implicit', false, false, 'privileged', 'latest', true],
      ['kube-system', true, true, 'privileged', 'latest', false],
      ['labelled', false, true, 'restricted', 'v1.30', false],
      ['plain', false, false, 'privileged', 'latest', false],
    ]);
    expect(namespacePodSecurity(snapshot)).toBe(view);
  });

  it('applies a cluster default to unlabelled namespaces only, and exemptions', () => {
    const defaults = { enforce: { level: 'baseline' as const, version: 'latest' as const }, exemptNamespaces: ['plain'] };
    const enforced = enforcedPodSecurity(snapshot, defaults);
    expect(enforced.get('implicit')).toEqual({ level: 'baseline', version: 'latest' });
    expect(enforced.get('labelled')).toEqual({ level: 'restricted', version: 'v1.30' });
    expect(enforced.get('plain')).toEqual({ level: 'privileged', version: 'latest' });
    expect(namespacePodSecurityOf(snapshot, 'elsewhere', defaults).policy.enforce.level).toBe('baseline');
    expect(namespacePodSecurityOf(snapshot, 'elsewhere').policy.enforce.level).toBe('privileged');
  });
});

function privilegedLatest(): { level: 'privileged'; version: 'latest' } {
  return { level: 'privileged', version: 'latest' };
}
