import { describe, expect, it } from 'vitest';
import { createSnapshot } from '../snapshot/create-snapshot.js';
import { defineRule } from '../rule/define-rule.js';
import { evaluate } from '../evaluate/evaluate.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';

const rule = defineRule({
  id: 'test/no-wildcards',
  meta: {
    title: 'Minimize wildcard use in Roles and ClusterRoles',
    description: 'd',
    rationale: 'r',
    remediation: 'x',
    severity: 'medium',
    type: 'automated',
    controls: {},
    messages: { wildcard: '{kind} {name} uses a wildcard' },
  },
  *check(snapshot, context) {
    for (const r of snapshot.ofKind('ClusterRole')) {
      yield context.fail({ messageId: 'wildcard', data: { kind: 'ClusterRole', name: r.metadata.name }, resource: r, path: 'rules[0].verbs[0]' });
    }
  },
});

const snapshot = createSnapshot(
  [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' }, rules: [{ verbs: ['*'], apiGroups: [''], resources: ['pods'] }] }],
  { sources: [{ file: 'a.yaml', line: 12 }] },
);
const report = evaluate(snapshot, rule, { tool: { name: 'kubecis', version: '0.1.0' } });

describe('formatJson', () => {
  it('prints the DESIGN.md report shape', () => {
    const json = JSON.parse(formatJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['tool', 'benchmark', 'summary', 'controls', 'diagnostics']);
    expect(json).toMatchObject({
      tool: { name: 'kubecis', version: '0.1.0' },
      benchmark: null,
      summary: { pass: 0, fail: 1, warn: 0, info: 0, error: 0 },
      controls: [
        {
          id: 'test/no-wildcards',
          title: 'Minimize wildcard use in Roles and ClusterRoles',
          type: 'automated',
          status: 'FAIL',
          findings: [
            {
              ruleId: 'test/no-wildcards',
              status: 'FAIL',
              message: 'ClusterRole x uses a wildcard',
              resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespace: null, name: 'x' },
              path: 'rules[0].verbs[0]',
              source: { file: 'a.yaml', line: 12 },
              exempted: false,
              exemption: null,
            },
          ],
        },
      ],
      diagnostics: [],
    });
  });
});

describe('formatText', () => {
  it('groups findings under their control without colour by default', () => {
    const text = formatText(report);
    expect(text).toContain('[FAIL]  test/no-wildcards Minimize wildcard use in Roles and ClusterRoles (Automated)');
    expect(text).toContain('ClusterRole x rules[0].verbs[0] (a.yaml:12)');
    expect(text).toContain('Summary: 0 pass, 1 fail');
    expect(text).not.toContain('\u001b[');
  });

  it('colours statuses only when asked', () => {
    expect(formatText(report, { color: true })).toContain('\u001b[31m');
  });
});
