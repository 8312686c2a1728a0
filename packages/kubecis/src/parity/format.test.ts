// The parity report through kube-bench's JSON: core's formatter (statuses, types, reasons) and the
// parity formatter (kube-bench's scored, expected_result, IsMultiple and audit lines).
import { describe, expect, it } from 'vitest';
import { createSnapshot, formatKubeBench, type KubeBenchCheck, type KubeBenchOverall } from '@kubecis/core';
import { benchmarks } from '../index.js';
import { formatKubeBenchParity, kubeBenchParity } from './index.js';

const rbac = 'rbac.authorization.k8s.io/v1';
const objects = [
  { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: 'ops' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'a&b' }] },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'app' }, spec: { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } },
];

function checks(overall: KubeBenchOverall): Map<string, KubeBenchCheck> {
  return new Map((overall.Controls[0]?.tests ?? []).flatMap((g) => g.results).map((c) => [c.test_number, c]));
}

describe("core's kube-bench formatter on a parity report", () => {
  const benchmark = benchmarks['cis-1.10'];
  const report = kubeBenchParity(createSnapshot(objects), benchmark, { skip: ['5.4.2'] });
  const json = JSON.parse(formatKubeBench(report, { benchmark })) as KubeBenchOverall;
  const byId = checks(json);

  it("prints kube-bench's verdicts: every check's status, no FAIL, manual and skip types with kube-bench's reasons", () => {
    expect(json.Controls[0]).toMatchObject({ id: '5', version: 'cis-1.10', text: 'Kubernetes Policies', node_type: 'policies', total_fail: 0 });
    for (const control of report.controls) expect(byId.get(control.id)?.status).toBe(control.status);
    expect(byId.get('5.1.7')).toMatchObject({ type: 'manual', status: 'WARN', reason: 'Test marked as a manual test' });
    expect(byId.get('5.4.2')).toMatchObject({ type: 'skip', status: 'INFO', reason: 'Test marked as skip' });
    expect(byId.get('5.1.1')).toMatchObject({ type: '', status: 'WARN', test_desc: 'Ensure that the cluster-admin role is only used where required (Automated)' });
    expect(byId.get('5.2.2')).toMatchObject({ type: '', status: 'WARN', test_desc: 'Minimize the admission of privileged containers (Manual)' });
    expect(json.Totals).toEqual({ total_pass: 7, total_fail: 0, total_warn: 27, total_info: 1 });
  });
});

describe('formatKubeBenchParity', () => {
  const benchmark = benchmarks['cis-1.10'];
  const report = kubeBenchParity(createSnapshot(objects), benchmark);
  const text = formatKubeBenchParity(report, { benchmark });
  const byId = checks(JSON.parse(text) as KubeBenchOverall);

  it('scored: false on every check, as kube-bench has it; IsMultiple and expected_result per audit', () => {
    expect([...byId.values()].every((c) => !c.scored)).toBe(true);
    expect(byId.get('5.1.2')).toMatchObject({
      status: 'PASS',
      IsMultiple: false,
      expected_result: "'canGetListWatchSecretsAsSystemAuthenticated' is equal to 'no'",
      actual_value: 'canGetListWatchSecretsAsSystemAuthenticated: no',
    });
    expect(byId.get('5.1.3')).toMatchObject({ IsMultiple: true, expected_result: "'role_is_compliant' is equal to 'true' OR 'clusterrole_is_compliant' is equal to 'true'" });
    expect(byId.get('5.1.7')).toMatchObject({ type: 'manual', audit: '', actual_value: '', expected_result: '', scored: false });
    for (const c of byId.values()) expect(c.remediation).not.toBe('');
  });

  it("actual_value holds kube-bench's own audit lines, one per object", () => {
    const lines = byId.get('5.1.1')?.actual_value.split('\n') ?? [];
    expect(lines).toContain('**role_name: ops role_binding: cluster-admin subject: a&b is_compliant: false');
    expect(lines).toContain('**role_name: cluster-admin role_binding: cluster-admin subject: system:masters is_compliant: true');
    expect(byId.get('5.2.2')?.actual_value).toBe('***pod_name: p container_name: c pod_namespace: app is_container_privileged: true is_compliant: false');
    expect(byId.get('5.2.3')?.actual_value).toBe('***pod_name: p pod_namespace: app is_pod_hostpid: false is_compliant: true');
  });

  it("is printed as Go's encoding/json prints it: compact, HTML characters escaped", () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('subject: a\\u0026b');
    expect(text).not.toContain('a&b');
    expect(text.indexOf('"test_number"')).toBeLessThan(text.indexOf('"AuditEnv"'));
  });

  it('with pre-v0.14.0 scoring, 5.1.1-5.1.6 of cis-1.10 are scored and FAIL', () => {
    const scored = kubeBenchParity(createSnapshot(objects), benchmark, { scoring: 'pre-v0.14.0' });
    const parsed = checks(JSON.parse(formatKubeBenchParity(scored, { benchmark, scoring: 'pre-v0.14.0' })) as KubeBenchOverall);
    expect(parsed.get('5.1.1')).toMatchObject({ status: 'FAIL', scored: true });
    expect(parsed.get('5.2.2')).toMatchObject({ status: 'WARN', scored: false });
  });
});
