import { describe, expect, it } from 'vitest';
import { formatProgress } from '../../src/collect/index.js';

describe('formatProgress', () => {
  it('describes each phase in one line', () => {
    expect(formatProgress({ phase: 'connect', server: 'https://api.prod.example:6443', context: 'prod' })).toBe('Connecting to https://api.prod.example:6443 (context prod)');
    expect(formatProgress({ phase: 'discovery', server: 'https://api.prod.example:6443' })).toBe('Discovering the APIs of https://api.prod.example:6443');
    expect(formatProgress({ phase: 'list', kind: 'Pod', group: '', namespace: null, index: 2, total: 30, page: 1, items: 500, objects: 1 })).toBe('Listing Pod (2/30): 1 object so far');
    expect(formatProgress({ phase: 'list', kind: 'ClusterPolicy', group: 'kyverno.io', namespace: null, index: 25, total: 30, page: 3, items: 1200, objects: 12_345 })).toBe(
      'Listing ClusterPolicy.kyverno.io (25/30), page 3: 12,345 objects so far',
    );
    expect(formatProgress({ phase: 'list', kind: 'Ingress', group: 'networking.k8s.io', namespace: 'default', index: 30, total: 30, page: 1, items: 0, objects: 9 })).toBe(
      'Listing Ingress.networking.k8s.io in default (30/30): 9 objects so far',
    );
    expect(formatProgress({ phase: 'done', objects: 1_204, missing: 0, requests: 77 })).toBe('Collected 1,204 objects in 77 requests');
    expect(formatProgress({ phase: 'done', objects: 3, missing: 1, requests: 1 })).toBe('Collected 3 objects in 1 request; 1 kind could not be listed');
  });
});
