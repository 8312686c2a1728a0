import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, parseImage, semver } from './images.js';
import { gatekeeperKindsCoverPods, kyvernoKindCoversPods, podKindsCoveredBy, selectorAllows } from './pod-kinds.js';
import { isTrue, readSelector, wildcardMatch } from './read.js';
import { flagValue } from './workload-images.js';

describe('parseImage', () => {
  it.each([
    ['quay.io/calico/node:v3.28.0', { registry: 'quay.io', path: 'calico/node', tag: 'v3.28.0', digest: undefined }],
    ['calico/node', { registry: undefined, path: 'calico/node', tag: undefined, digest: undefined }],
    ['nginx:1.25', { registry: undefined, path: 'nginx', tag: '1.25', digest: undefined }],
    ['localhost:5000/team/app:dev@sha256:abc', { registry: 'localhost:5000', path: 'team/app', tag: 'dev', digest: 'sha256:abc' }],
    ['602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0-eksbuild.1', { registry: '602401143452.dkr.ecr.us-west-2.amazonaws.com', path: 'amazon-k8s-cni', tag: 'v1.18.0-eksbuild.1' }],
    ['Docker.io/Flannel/Flannel:v0.25.1', { registry: 'Docker.io', path: 'flannel/flannel', tag: 'v0.25.1' }],
  ])('%s', (raw, expected) => {
    expect(parseImage(raw)).toMatchObject(expected);
  });

  it('reads semantic versions and compares them', () => {
    expect(semver('v1.3.0')).toEqual([1, 3, 0]);
    expect(semver('1.2')).toEqual([1, 2, 0]);
    expect(semver('latest')).toBeUndefined();
    expect(compareVersions([1, 10, 0], [1, 3, 0])).toBeGreaterThan(0);
  });
});

describe('wildcardMatch', () => {
  it('matches like a shell glob over the whole string', () => {
    expect(wildcardMatch('team-*', 'team-a')).toBe(true);
    expect(wildcardMatch('team-*', 'xteam-a')).toBe(false);
    expect(wildcardMatch('*-system', 'kube-system')).toBe(true);
    expect(wildcardMatch('t?am', 'team')).toBe(true);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('a*b*c', 'aXbYbZc')).toBe(true);
  });

  it('agrees with a regular-expression model', () => {
    const chars = fc.constantFrom('a', 'b', '-', '*', '?');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 6 }), fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 6 }), (pattern, value) => {
        const model = new RegExp(`^${pattern.replace(/[-]/g, '\\-').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
        expect(wildcardMatch(pattern, value)).toBe(model.test(value));
      }),
    );
  });
});

describe('Kyverno kinds', () => {
  it.each([
    ['Pod', true],
    ['v1/Pod', true],
    ['*/Pod', true],
    ['apps/v1/Deployment', true],
    ['batch/*/CronJob', true],
    ['*', true],
    ['apps/v1/*', true],
    ['Pod/exec', false],
    ['apps/v1/Deployment/scale', false],
    ['ConfigMap', false],
    ['apps/v1/Pod', false],
    ['pods', false],
  ])('%s covers pods: %s', (kind, expected) => {
    expect(kyvernoKindCoversPods(kind)).toBe(expected);
  });
});

describe('webhook rules and Gatekeeper kinds', () => {
  it('reads resources, groups and operations', () => {
    expect(podKindsCoveredBy({ apiGroups: [''], resources: ['pods'], operations: ['CREATE'] })).toEqual(['Pod']);
    expect(podKindsCoveredBy({ apiGroups: ['*'], resources: ['*'], operations: ['*'] })).toHaveLength(8);
    expect(podKindsCoveredBy({ apiGroups: ['apps'], resources: ['pods'], operations: ['CREATE'] })).toEqual([]);
    expect(podKindsCoveredBy({ apiGroups: [''], resources: ['pods/exec'], operations: ['CONNECT'] })).toEqual([]);
    expect(podKindsCoveredBy({ apiGroups: [''], resources: ['pods'] })).toEqual([]);
    expect(podKindsCoveredBy({ apiGroups: [''], resources: ['pods'] }, true)).toEqual(['Pod']);
    expect(podKindsCoveredBy('junk')).toEqual([]);
  });

  it('treats absent Gatekeeper kinds as every kind', () => {
    expect(gatekeeperKindsCoverPods(undefined)).toBe(true);
    expect(gatekeeperKindsCoverPods([{ apiGroups: [''], kinds: ['Pod'] }])).toBe(true);
    expect(gatekeeperKindsCoverPods([{ apiGroups: ['apps'], kinds: ['Pod'] }])).toBe(false);
    expect(gatekeeperKindsCoverPods([{ apiGroups: ['*'], kinds: ['*'] }])).toBe(true);
  });
});

describe('selectors from untyped data', () => {
  it('reads valid selectors and rejects malformed ones', () => {
    expect(readSelector(undefined)).toBeNull();
    expect(readSelector({ matchLabels: { a: 'b' } })).toEqual({ matchLabels: { a: 'b' } });
    expect(readSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toEqual({ matchExpressions: [{ key: 'a', operator: 'Exists', values: [] }] });
    expect(readSelector('x')).toBe('invalid');
    expect(readSelector({ matchLabels: { a: 1 } })).toBe('invalid');
    expect(readSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] })).toBe('invalid');
  });

  it('lets an absent selector through and stops a malformed one', () => {
    expect(selectorAllows(undefined, {})).toBe(true);
    expect(selectorAllows({}, {})).toBe(true);
    expect(selectorAllows({ matchLabels: { env: 'prod' } }, { env: 'dev' })).toBe(false);
    expect(selectorAllows({ matchExpressions: 3 }, {})).toBe(false);
  });
});

describe('flags and booleans', () => {
  it('reads the last value of a flag in every form', () => {
    expect(flagValue(['--enable-network-policy=true'], 'enable-network-policy')).toBe('true');
    expect(flagValue(['--run-firewall', 'false'], 'run-firewall')).toBe('false');
    expect(flagValue(['-run-firewall=false', '--run-firewall=true'], 'run-firewall')).toBe('true');
    expect(flagValue(['--network-policy'], 'network-policy')).toBe('true');
    expect(flagValue(['network-policy=false'], 'network-policy')).toBeUndefined();
    expect(flagValue([], 'x')).toBeUndefined();
  });

  it('parses booleans as Go does', () => {
    expect(['true', 'True', '1', 't'].every(isTrue)).toBe(true);
    expect(['false', 'yes', 'on', ''].some(isTrue)).toBe(false);
  });
});
