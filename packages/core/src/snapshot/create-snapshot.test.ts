import { describe, expect, it } from 'vitest';
import { createSnapshot } from './create-snapshot.js';

describe('createSnapshot smoke', () => {
  it('keeps valid objects', () => {
    const s = createSnapshot([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } }]);
    expect(s.objects).toHaveLength(1);
    expect(s.refOf(s.objects[0]!).namespace).toBe('default');
  });
});
