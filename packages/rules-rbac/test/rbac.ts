// Small builders for RBAC objects in rule tests.
import type { PolicyRule } from '@kubecis/core';
import { build, subject } from '@kubecis/testkit';

export { subject };

export const ref = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

type Subject = Record<string, unknown>;

export const role = (namespace: string, name: string, rules: PolicyRule[], extra: Record<string, unknown> = {}) => build.role({ name, namespace, rules, ...extra });
export const clusterRole = (name: string, rules: PolicyRule[], extra: Record<string, unknown> = {}) => build.clusterRole({ name, rules, ...extra });
export const roleBinding = (namespace: string, name: string, roleRef: ReturnType<typeof ref>, subjects: Subject[]) =>
  build.roleBinding({ name, namespace, roleRef, subjects });
export const clusterRoleBinding = (name: string, roleRef: ReturnType<typeof ref>, subjects: Subject[]) => build.clusterRoleBinding({ name, roleRef, subjects });

export const allow = (verbs: string[], resources: string[], apiGroups: string[] = [''], resourceNames?: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
  ...(resourceNames ? { resourceNames } : {}),
});

export const aggregatedClusterRole = (name: string, matchLabels: Record<string, string>, extra: Record<string, unknown> = {}) =>
  build.clusterRole({ name, aggregationRule: { clusterRoleSelectors: [{ matchLabels }] }, rules: [], ...extra });

export const serviceAccount = (namespace: string, name: string, automountServiceAccountToken?: boolean) =>
  build.serviceAccount({ name, namespace, ...(automountServiceAccountToken === undefined ? {} : { automountServiceAccountToken }) });

/** testkit's RBAC arbitraries, for checkRuleProperties. */
export { arb } from '@kubecis/testkit';
