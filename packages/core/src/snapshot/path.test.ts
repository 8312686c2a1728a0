import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, getAtPath, hasPath, parsePath } from './path.js';
import { matchesLabelSelector } from './label-selector.js';

describe('paths', () => {
  it('formats identifiers, indexes and quoted keys', () => {
    expect(formatPath(['spec', 'containers', 0, 'securityContext'])).toBe('spec.containers[0].securityContext');
    expect(formatPath(['metadata', 'labels', 'pod-security.kubernetes.io/enforce'])).toBe('metadata.labels["pod-security.kubernetes.io/enforce"]');
    expect(formatPath(['rules', 0, 'verbs', 1])).toBe('rules[0].verbs[1]');
  });

  it('round-trips any path', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ minLength: 1 }), fc.nat({ max: 50 }))), (segments) => {
      expect(parsePath(formatPath(segments))).toEqual(segments);
    }));
  });

  it('rejects malformed paths and resolves only existing fields', () => {
    expect(parsePath('a[')).toBeNull();
    expect(parsePath('a[x]')).toBeNull();
    const obj = { spec: { containers: [{ name: 'c', securityContext: null }] } };
    expect(getAtPath(obj, 'spec.containers[0].name')).toBe('c');
    expect(hasPath(obj, 'spec.containers[0].securityContext')).toBe(true);
    expect(hasPath(obj, 'spec.containers[1]')).toBe(false);
    expect(hasPath(obj, 'spec.containers.name')).toBe(false);
    expect(hasPath(obj, 'spec.__proto__')).toBe(false);
    expect(hasPath(obj, '')).toBe(true);
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'db' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['front', 'x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: ['front'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn' as const, values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' as const }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' as const }] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' as const }] }, false],
  ])('%j → %s', (selector, expected) => {
    expect(matchesLabelSelector(labels, selector)).toBe(expected);
  });

  it('treats a missing selector as matching nothing and missing labels as empty', () => {
    expect(matchesLabelSelector(labels, null)).toBe(false);
    expect(matchesLabelSelector(undefined, {})).toBe(true);
    expect(matchesLabelSelector({ constructor: 'x' }, { matchLabels: { toString: 'y' } })).toBe(false);
  });
});
