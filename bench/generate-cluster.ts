// A deterministic generator of realistic cluster dumps (kubectl List JSON) for benchmarks:
// namespaces with Deployments and their ReplicaSets and Pods, StatefulSets, DaemonSets, CronJobs,
// ServiceAccounts, Services, ConfigMaps, Secrets, Roles, bindings, aggregated ClusterRoles and
// NetworkPolicies, in the proportions of a busy production cluster.

/** mulberry32: a small, fast, seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

const images = ['registry.example.com/shop/web:2.4.1', 'registry.example.com/api:1.9.0', 'nginx:1.27', 'redis:7.4', 'postgres:16.4', 'busybox:1.36'];
const verbsPool = [['get', 'list', 'watch'], ['get'], ['*'], ['create', 'update', 'patch', 'delete'], ['get', 'list']];
const resourcesPool = [['pods'], ['configmaps'], ['secrets'], ['deployments'], ['*'], ['pods/log'], ['services', 'endpoints']];

export interface GenerateOptions {
  /** Roughly how many objects to generate. */
  readonly objects: number;
  readonly seed?: number;
}

/** Pod-spec builders drawing from `random`: realistic containers, mostly hardened, some with the usual violations. */
function podBuilders(random: () => number, pick: <T>(list: readonly T[]) => T): { podSpec: (sa: string) => Obj; template: (app: string, sa: string) => Obj } {
  const container = (name: string): Obj => {
    const hardened = random() < 0.6;
    return {
      name,
      image: pick(images),
      ports: [{ containerPort: 8080, protocol: 'TCP', ...(random() < 0.03 ? { hostPort: 8080 } : {}) }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        ...(random() < 0.3 ? [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] : []),
      ],
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
      securityContext: hardened
        ? { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } }
        : random() < 0.1
          ? { privileged: true }
          : {},
      volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
    };
  };
  const podSpec = (sa: string): Obj => ({
    serviceAccountName: sa,
    ...(random() < 0.05 ? { hostNetwork: true } : {}),
    securityContext: random() < 0.5 ? { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true } : {},
    containers: random() < 0.3 ? [container('app'), container('sidecar')] : [container('app')],
    ...(random() < 0.2 ? { initContainers: [container('init')] } : {}),
    volumes: [{ name: 'config', configMap: { name: 'app-config' } }, ...(random() < 0.02 ? [{ name: 'host', hostPath: { path: '/var/log' } }] : [])],
  });
  const template = (app: string, sa: string): Obj => ({ metadata: { labels: { app } }, spec: podSpec(sa) });
  return { podSpec, template };
}

export function generateCluster({ objects: target, seed = 42 }: GenerateOptions): { apiVersion: 'v1'; kind: 'List'; items: Obj[] } {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const items: Obj[] = [];
  const meta = (name: string, namespace?: string, extra: Obj = {}): Obj => ({
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: `uid-${String(items.length)}`,
    resourceVersion: String(1000 + items.length),
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { 'app.kubernetes.io/part-of': 'bench', ...(extra['labels'] as Obj | undefined) },
    ...(extra['annotations'] ? { annotations: extra['annotations'] } : {}),
    ...(extra['ownerReferences'] ? { ownerReferences: extra['ownerReferences'] } : {}),
  });
  const { podSpec, template } = podBuilders(random, pick);

  // Cluster-wide RBAC: aggregated roles and their parts.
  const aggregated = Math.max(1, Math.floor(target / 5000));
  for (let i = 0; i < aggregated; i++) {
    items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(`team-${String(i)}-aggregate`), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`aggregate-to-team-${String(i)}`]: 'true' } }] }, rules: [] });
    for (let j = 0; j < 3; j++) {
      items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(`team-${String(i)}-part-${String(j)}`, undefined, { labels: { [`aggregate-to-team-${String(i)}`]: 'true' } }), rules: [{ apiGroups: [''], resources: pick(resourcesPool), verbs: pick(verbsPool) }] });
    }
  }

  let n = 0;
  while (items.length < target) {
    const ns = `ns-${String(n++)}`;
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, random() < 0.5 ? { labels: { 'pod-security.kubernetes.io/enforce': pick(['baseline', 'restricted', 'privileged']) } } : {}) });
    items.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', ns), ...(random() < 0.3 ? { automountServiceAccountToken: false } : {}) });
    items.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('app-config', ns), data: { 'config.yaml': 'log: info\n'.repeat(5) } });
    items.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta('db', ns), type: 'Opaque', data: { password: 'c2VjcmV0' } });
    if (random() < 0.6) items.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('default-deny', ns), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    const apps = 8 + Math.floor(random() * 8);
    for (let a = 0; a < apps && items.length < target; a++) {
      const app = `app-${String(a)}`;
      const sa = random() < 0.7 ? app : 'default';
      if (sa !== 'default') items.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, ns) });
      items.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(app, ns), spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] } });
      const kind = random();
      if (kind < 0.75) {
        const deploymentUid = `uid-${String(items.length)}`;
        items.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(app, ns), spec: { replicas: 2, selector: { matchLabels: { app } }, template: template(app, sa) } });
        const rsName = `${app}-7d9f8b6c5`;
        const rsUid = `uid-${String(items.length)}`;
        items.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(rsName, ns, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deploymentUid, controller: true }] }), spec: { replicas: 2, selector: { matchLabels: { app } }, template: template(app, sa) } });
        for (let p = 0; p < 2; p++) {
          items.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta(`${rsName}-${String(p)}x`, ns, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid, controller: true }] }), spec: { ...podSpec(sa), nodeName: `node-${String(Math.floor(random() * 50))}` }, status: { phase: 'Running' } });
        }
      } else if (kind < 0.85) {
        items.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(app, ns), spec: { serviceName: app, selector: { matchLabels: { app } }, template: template(app, sa) } });
      } else if (kind < 0.95) {
        items.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta(app, ns), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { ...template(app, sa), spec: { ...podSpec(sa), restartPolicy: 'OnFailure' } } } } } });
      } else {
        items.push({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(app, ns), spec: { selector: { matchLabels: { app } }, template: template(app, sa) } });
      }
      if (random() < 0.5) {
        items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(app, ns), rules: [{ apiGroups: [''], resources: pick(resourcesPool), verbs: pick(verbsPool) }] });
        items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(app, ns), subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: app } });
      }
      if (random() < 0.05) {
        items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(`${app}-team`, ns), subjects: [{ kind: 'Group', name: `team-${String(a % aggregated)}` }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `team-${String(a % aggregated)}-aggregate` } });
      }
    }
    if (random() < 0.02) {
      items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(`${ns}-admin`), subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } });
    }
  }
  return { apiVersion: 'v1', kind: 'List', items };
}

/** `count` Pods with the pod specs of generateCluster's workloads (for the Pod Security engine benchmarks). */
export function generatePods({ objects: count, seed = 42 }: GenerateOptions): Obj[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const { podSpec } = podBuilders(random, pick);
  const pods: Obj[] = [];
  for (let i = 0; i < count; i++) {
    const namespace = `ns-${String(i % 400)}`;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${String(i)}`, namespace, uid: `uid-${String(i)}`, labels: { app: `app-${String(i % 16)}` } },
      spec: { ...podSpec(random() < 0.7 ? `app-${String(i % 16)}` : 'default'), nodeName: `node-${String(i % 50)}` },
      status: { phase: 'Running' },
    });
  }
  return pods;
}
