import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { formatPath as coreFormatPath, parsePath } from '@kubecis/core';
import { formatPath } from './path.js';

const segment = fc.oneof(fc.nat({ max: 20 }), fc.constantFrom('spec', 'containers', 'pod-security.kubernetes.io/enforce', 'a.b', '', '$x', '_y', 'we"ird', '0'), fc.string({ maxLength: 6 }));

test.prop([fc.array(segment, { maxLength: 6 })])('the engine formats paths exactly as core does, and core parses them back', (segments) => {
  const path = formatPath(segments);
  expect(path).toBe(coreFormatPath(segments));
  if (segments.length > 0 && segments.every((s) => typeof s === 'number' || s !== '')) expect(parsePath(path)).toEqual(segments);
});
