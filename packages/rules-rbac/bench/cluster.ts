// A synthetic cluster of roles and bindings for the RBAC benchmark.

/** A seeded linear congruential generator: the same cluster on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

const rbac = 'rbac.authorization.k8s.io/v1';
const verbPool = [['get', 'list', 'watch'], ['get'], ['create', 'update', 'patch', 'delete'], ['*'], ['list', 'watch'], ['impersonate'], ['bind', 'escalate']];
const resourcePool = [['pods'], ['configmaps', 'services'], ['secrets'], ['deployments', 'replicasets'], ['*'], ['pods/log', 'pods/exec'], ['serviceaccounts/token'], ['nodes/proxy'], ['persistentvolumes'], ['*/scale']];
const groupPool = [[''], ['apps'], ['*'], ['', 'apps'], ['batch']];
const builtIns = ['view', 'edit', 'admin', 'cluster-admin'];

/**
 * `roles` roles (70% Roles spread over 250 namespaces, 30% ClusterRoles, 1 in 500 of them aggregated)
 * and 5 bindings per role (RoleBindings to a Role of their namespace, to a ClusterRole or to a
 * built-in role; one in five a ClusterRoleBinding), each with 1-3 subjects.
 */
function generateCopy(roles: number, seed: number, copy: string): Record<string, unknown>[] {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const objects: Record<string, unknown>[] = [];
  const namespaces = 250;
  const roleNames: [string, string][] = [];
  const clusterRoleNames: string[] = [];
  for (let i = 0; i < roles; i++) {
    const rules = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({ apiGroups: pick(groupPool), resources: pick(resourcePool), verbs: pick(verbPool) }));
    if (random() < 0.7) {
      const namespace = `ns-${String(i % namespaces)}`;
      const name = `role-${String(i)}${copy}`;
      roleNames.push([namespace, name]);
      objects.push({ apiVersion: rbac, kind: 'Role', metadata: { name, namespace }, rules });
    } else {
      const name = `clusterrole-${String(i)}${copy}`;
      clusterRoleNames.push(name);
      const labels = { 'example.com/aggregate-to': `agg-${String(i % 20)}${copy}` };
      if (i % 500 === 0) {
        const selector = { matchLabels: { 'example.com/aggregate-to': `agg-${String((i / 500) % 20)}${copy}` } };
        objects.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name, labels }, aggregationRule: { clusterRoleSelectors: [selector] } });
      } else {
        objects.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name, labels }, rules });
      }
    }
  }
  const subjects = (): Record<string, unknown>[] =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const r = random();
      if (r < 0.5) return { kind: 'ServiceAccount', name: `sa-${String(Math.floor(random() * 2000))}${copy}`, namespace: `ns-${String(Math.floor(random() * namespaces))}` };
      if (r < 0.8) return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `user-${String(Math.floor(random() * 5000))}${copy}` };
      return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: pick(['devs', 'ops', 'system:serviceaccounts', `team-${String(Math.floor(random() * 100))}${copy}`]) };
    });
  for (let i = 0; i < roles * 5; i++) {
    const r = random();
    if (r < 0.2) {
      const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: random() < 0.9 ? pick(clusterRoleNames) : pick(builtIns) };
      objects.push({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: `crb-${String(i)}${copy}` }, roleRef, subjects: subjects() });
    } else if (r < 0.7) {
      const [namespace, name] = pick(roleNames);
      objects.push({ apiVersion: rbac, kind: 'RoleBinding', metadata: { name: `rb-${String(i)}${copy}`, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: subjects() });
    } else {
      const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: random() < 0.8 ? pick(clusterRoleNames) : pick(builtIns) };
      objects.push({ apiVersion: rbac, kind: 'RoleBinding', metadata: { name: `rb-${String(i)}${copy}`, namespace: `ns-${String(Math.floor(random() * namespaces))}` }, roleRef, subjects: subjects() });
    }
  }
  return objects;
}

/** The cluster, `copies` times over. */
export function generateCluster(roles: number, seed: number, copies: number): Record<string, unknown>[] {
  return Array.from({ length: copies }, (_, c) => generateCopy(roles, seed, c === 0 ? '' : `-copy${String(c)}`)).flat();
}
