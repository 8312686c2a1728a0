import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, evaluate, workloadContainers } from '@kubecis/core';
import { arb, checkRuleProperties, RuleTester, workloadKindNames, type InvalidCase } from '@kubecis/testkit';
import { noSecretsInEnv } from './no-secrets-in-env.js';
import { networkArbitraries } from '../../test/arbitraries.js';
import { findingsOf, workload } from '../../test/helpers.js';

const secretEnv = { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };
const secretEnvFrom = { secretRef: { name: 'api-keys' } };
const plain = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'registry.example.com/app:1', ...extra });

const specPaths: Record<(typeof workloadKindNames)[number], string> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
  ReplicationController: 'spec.template.spec',
  PodTemplate: 'template.spec',
};

// Every workload kind, with a secretKeyRef in an init container, an envFrom secretRef in a regular
// container and a secretKeyRef in an ephemeral container, each at a different index.
const everyKind: InvalidCase[] = workloadKindNames.map((kind) => {
  const spec = {
    initContainers: [plain('setup', { env: [{ name: 'A', value: 'x' }, secretEnv] })],
    containers: [plain('app', { env: [{ name: 'B', value: 'y' }] }), plain('sidecar', { envFrom: [{ configMapRef: { name: 'cfg' } }, secretEnvFrom] })],
    ephemeralContainers: [plain('debug', { env: [secretEnv] })],
  };
  const base = specPaths[kind];
  return {
    name: `${kind}: init, regular and ephemeral containers`,
    objects: [workload(kind, `w-${kind.toLowerCase()}`, 'shop', spec)],
    findings: [
      { messageId: 'secretKeyRef', resource: { kind, namespace: 'shop', name: `w-${kind.toLowerCase()}` }, path: `${base}.initContainers[0].env[1].valueFrom.secretKeyRef` },
      { messageId: 'secretEnvFrom', resource: { kind, namespace: 'shop', name: `w-${kind.toLowerCase()}` }, path: `${base}.containers[1].envFrom[1].secretRef` },
      { messageId: 'secretKeyRef', resource: { kind, namespace: 'shop', name: `w-${kind.toLowerCase()}` }, path: `${base}.ephemeralContainers[0].env[0].valueFrom.secretKeyRef` },
    ],
  };
});

const owned = (kind: string, name: string, owner: string, ownerKind: string, extra: Record<string, unknown>) => ({
  ...extra,
  metadata: { name, namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: ownerKind, name: owner, controller: true }] },
  kind,
});

new RuleTester().run(noSecretsInEnv, {
  valid: [
    { name: 'no workloads', objects: [] },
    {
      name: 'literal values, ConfigMap references and Secret volumes',
      objects: [
        workload('Deployment', 'web', 'shop', {
          containers: [plain('app', { env: [{ name: 'MODE', value: 'prod' }, { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }, { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }], envFrom: [{ configMapRef: { name: 'cfg' } }], volumeMounts: [{ name: 'creds', mountPath: '/etc/creds' }] })],
          volumes: [{ name: 'creds', secret: { secretName: 'db' } }],
        }),
      ],
    },
  ],
  invalid: [
    ...everyKind,
    {
      name: 'two workloads in two namespaces',
      objects: [
        workload('Deployment', 'web', 'shop', { containers: [plain('app', { env: [secretEnv] })] }),
        workload('CronJob', 'report', 'ops', { containers: [plain('job', { envFrom: [{ prefix: 'API_', secretRef: { name: 'api' } }] })] }),
      ],
      findings: [
        { messageId: 'secretKeyRef', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef' },
        { messageId: 'secretEnvFrom', resource: { kind: 'CronJob', namespace: 'ops', name: 'report' }, path: 'spec.jobTemplate.spec.template.spec.containers[0].envFrom[0].secretRef' },
      ],
    },
    {
      name: 'objects without a namespace are reported in default',
      objects: [workload('Pod', 'p', undefined, { containers: [plain('app', { env: [secretEnv] })] })],
      findings: [{ messageId: 'secretKeyRef', resource: { kind: 'Pod', namespace: 'default', name: 'p' }, path: 'spec.containers[0].env[0].valueFrom.secretKeyRef' }],
    },
    {
      name: 'a ReplicaSet and Pod owned by a Deployment are reported once, on the Deployment',
      objects: [
        workload('Deployment', 'web', 'shop', { containers: [plain('app', { env: [secretEnv] })] }),
        owned('ReplicaSet', 'web-5d4f', 'web', 'Deployment', { apiVersion: 'apps/v1', spec: { selector: {}, template: { spec: { containers: [plain('app', { env: [secretEnv] })] } } } }),
        owned('Pod', 'web-5d4f-x2', 'web-5d4f', 'ReplicaSet', { apiVersion: 'v1', spec: { containers: [plain('app', { env: [secretEnv] })] } }),
      ],
      findings: [{ messageId: 'secretKeyRef', resource: { kind: 'Deployment', name: 'web' } }],
    },
    {
      name: 'a system workload is reported (and exempted by evaluate outside strict mode)',
      objects: [workload('DaemonSet', 'agent', 'kube-system', { containers: [plain('agent', { env: [secretEnv] })] })],
      findings: [{ messageId: 'secretKeyRef', resource: { kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' } }],
    },
  ],
});

describe('network/no-secrets-in-env messages', () => {
  it('names the Secret, key and variable, never a value', () => {
    const [f] = findingsOf(noSecretsInEnv, [workload('Deployment', 'web', 'shop', { containers: [plain('app', { env: [{ name: 'TOKEN', value: 's3cr3t-literal' }, secretEnv] })] })]);
    expect(f?.message).toBe('Deployment web: container app takes key password of Secret db as environment variable DB_PASSWORD');
    expect(JSON.stringify(f)).not.toContain('s3cr3t-literal');
  });

  it('gives PASS evidence when no container takes a Secret', () => {
    const findings = findingsOf(noSecretsInEnv, [workload('Pod', 'p', 'shop', { containers: [plain('app')] })]);
    expect(findings.map((f) => [f.status, f.messageId])).toEqual([['PASS', 'none']]);
  });
});

checkRuleProperties(noSecretsInEnv, { arbitraries: networkArbitraries });

describe('network/no-secrets-in-env properties', () => {
  it('reports exactly one FAIL per secretKeyRef and envFrom secretRef of every top-level workload', () => {
    fc.assert(
      fc.property(fc.array(arb.workload(), { maxLength: 8 }), (objects) => {
        const snapshot = createSnapshot(objects);
        let expected = 0;
        for (const w of snapshot.workloads()) {
          for (const c of workloadContainers(w)) {
            expected += (c.container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef !== undefined).length;
            expected += (c.container.envFrom ?? []).filter((e) => e.secretRef !== undefined).length;
          }
        }
        const fails = evaluate(snapshot, noSecretsInEnv, { strict: true }).controls.flatMap((c) => c.findings).filter((f) => f.status === 'FAIL');
        expect(fails).toHaveLength(expected);
      }),
    );
  });
});
