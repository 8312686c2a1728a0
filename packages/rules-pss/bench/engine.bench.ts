// The engine on 100,000 generated pods. One iteration evaluates all of them, so
// pods per second = the reported hz × 100,000. Run: npx vitest bench --run --project @kubecis/rules-pss
// (The side-by-side with @monokle/validation's Pod Security plugin is not here yet.)
import { bench, describe } from 'vitest';
import { evaluatePodSecurity } from '../src/index.js';

const podCount = 100_000;

/** A seeded linear congruential generator: the same pods on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/** Realistic pods: mostly hardened, some with one or two of the usual violations, 1-3 containers, an init container now and then. */
function generatePods(count: number): Record<string, unknown>[] {
  const random = generator(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pods: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const hardened = random() < 0.6;
    const container = (name: string): Record<string, unknown> => {
      const sc: Record<string, unknown> = hardened ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } : {};
      if (random() < 0.05) sc['privileged'] = true;
      if (random() < 0.05) sc['capabilities'] = { add: [pick(['NET_ADMIN', 'NET_BIND_SERVICE', 'SYS_ADMIN'])] };
      if (random() < 0.05) sc['runAsUser'] = pick([0, 1000]);
      return {
        name,
        image: `registry.example.com/${name}:1.${String(i % 50)}`,
        ports: [{ containerPort: 8080, ...(random() < 0.03 ? { hostPort: 8080 } : {}) }],
        env: [{ name: 'MODE', value: 'production' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
        securityContext: sc,
      };
    };
    const containers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j) => container(`c${String(j)}`));
    const spec: Record<string, unknown> = {
      containers,
      volumes: [{ name: 'data', ...(random() < 0.03 ? { hostPath: { path: '/var/lib' } } : { emptyDir: {} }) }, { name: 'cfg', configMap: { name: 'cfg' } }],
      serviceAccountName: 'app',
    };
    if (random() < 0.3) spec['initContainers'] = [container('init')];
    if (hardened) spec['securityContext'] = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    if (random() < 0.02) spec['hostNetwork'] = true;
    pods.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${String(i)}`, namespace: `ns-${String(i % 40)}`, labels: { app: `app-${String(i % 500)}` } }, spec });
  }
  return pods;
}

const pods = generatePods(podCount);

describe(`evaluatePodSecurity on ${podCount.toLocaleString('en-US')} pods (pods/s = hz × ${String(podCount)})`, () => {
  bench(
    'restricted:latest',
    () => {
      for (const pod of pods) evaluatePodSecurity(pod, { level: 'restricted', version: 'latest' });
    },
    { iterations: 5, time: 0, warmupIterations: 1 },
  );
  bench(
    'baseline:v1.25',
    () => {
      for (const pod of pods) evaluatePodSecurity(pod, { level: 'baseline', version: 'v1.25' });
    },
    { iterations: 5, time: 0, warmupIterations: 1 },
  );
});
