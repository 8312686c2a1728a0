import { defineRule, workloadContainers, type Rule } from '@kubecis/core';
import { list, record, str } from '../engine/read.js';

/** CIS 5.4.1: Secrets are mounted as files, not passed as environment variables. */
export const noSecretsInEnv: Rule = /* @__PURE__ */ defineRule({
  id: 'network/no-secrets-in-env',
  meta: {
    title: 'Prefer using Secrets as files over Secrets as environment variables',
    description: 'Containers must not take Secrets through env valueFrom.secretKeyRef or envFrom.secretRef',
    rationale:
      'Environment variables are easy to leak: applications print them in crash reports and debug output, child processes inherit them, and they show in process listings and container inspection. ' +
      'A Secret mounted as a file can be read only by the container that mounts it, can be rotated without a restart, and is kept in memory (tmpfs). ' +
      'The rule checks every container (init, regular and ephemeral) of every pod template (Pods, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers, PodTemplates), and reports the owning workload once per reference. Messages name the Secret and key, never a value.',
    remediation:
      'Mount the Secret as a volume (volumes[].secret.secretName with a volumeMount, optionally items to pick keys) and read the file in the application, instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
    severity: 'medium',
    type: 'automated',
    controls: {
      'cis-1.7': ['5.4.1'],
      'cis-1.8': ['5.4.1'],
      'cis-1.9': ['5.4.1'],
      'cis-1.10': ['5.4.1'],
      'cis-1.11': ['5.4.1'],
      'cis-1.12': ['5.4.1'],
      'cis-2.0': ['5.4.1'],
    },
    tags: ['secrets', 'workloads'],
    messages: {
      secretKeyRef: '{kind} {name}: {group} {container} takes key {key} of Secret {secret} as environment variable {variable}',
      secretEnvFrom: '{kind} {name}: {group} {container} takes every key of Secret {secret} as environment variables{prefix}',
      none: 'No container takes a Secret through its environment ({count} workloads checked)',
    },
  },
  *check(snapshot, context) {
    const workloads = snapshot.workloads();
    let found = false;
    for (const workload of workloads) {
      for (const c of workloadContainers(workload)) {
        const group = c.group === 'containers' ? 'container' : c.group === 'initContainers' ? 'init container' : 'ephemeral container';
        const base = { kind: workload.kind, name: workload.ref.name, group, container: typeof c.container.name === 'string' ? c.container.name : `#${String(c.index)}` };
        const env = list((c.container as { env?: unknown }).env);
        for (let i = 0; i < env.length; i++) {
          const ref = record(record(record(env[i])?.['valueFrom'])?.['secretKeyRef']);
          if (ref === undefined) continue;
          found = true;
          yield context.fail({
            messageId: 'secretKeyRef',
            data: { ...base, key: str(ref['key']) ?? '(none)', secret: str(ref['name']) ?? '(unnamed)', variable: str(record(env[i])?.['name']) ?? '(unnamed)' },
            resource: workload.object,
            path: `${c.path}.env[${String(i)}].valueFrom.secretKeyRef`,
          });
        }
        const envFrom = list((c.container as { envFrom?: unknown }).envFrom);
        for (let i = 0; i < envFrom.length; i++) {
          const source = record(envFrom[i]);
          const ref = record(source?.['secretRef']);
          if (ref === undefined) continue;
          found = true;
          const prefix = str(source?.['prefix']);
          yield context.fail({
            messageId: 'secretEnvFrom',
            data: { ...base, secret: str(ref['name']) ?? '(unnamed)', prefix: prefix === undefined || prefix === '' ? '' : ` (prefix ${prefix})` },
            resource: workload.object,
            path: `${c.path}.envFrom[${String(i)}].secretRef`,
          });
        }
      }
    }
    if (!found) yield context.pass({ messageId: 'none', data: { count: workloads.length } });
  },
});
