import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

const apiVersion = z.string();
const strings = z.array(z.string());

export const PolicyRule = z.looseObject({
  verbs: strings,
  apiGroups: strings.optional(),
  resources: strings.optional(),
  resourceNames: strings.optional(),
  nonResourceURLs: strings.optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

export const Subject = z.looseObject({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  apiGroup: z.string().optional(),
});
export type Subject = z.infer<typeof Subject>;

export const RoleRef = z.looseObject({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
});
export type RoleRef = z.infer<typeof RoleRef>;

export const Role = z.looseObject({
  apiVersion,
  kind: z.literal('Role'),
  metadata: ObjectMeta,
  rules: z.array(PolicyRule).nullish(),
});
export type Role = z.infer<typeof Role>;

export const ClusterRole = z.looseObject({
  apiVersion,
  kind: z.literal('ClusterRole'),
  metadata: ObjectMeta,
  rules: z.array(PolicyRule).nullish(),
  aggregationRule: z
    .looseObject({ clusterRoleSelectors: z.array(LabelSelector).nullish() })
    .nullish(),
});
export type ClusterRole = z.infer<typeof ClusterRole>;

export const RoleBinding = z.looseObject({
  apiVersion,
  kind: z.literal('RoleBinding'),
  metadata: ObjectMeta,
  subjects: z.array(Subject).nullish(),
  roleRef: RoleRef,
});
export type RoleBinding = z.infer<typeof RoleBinding>;

export const ClusterRoleBinding = z.looseObject({
  apiVersion,
  kind: z.literal('ClusterRoleBinding'),
  metadata: ObjectMeta,
  subjects: z.array(Subject).nullish(),
  roleRef: RoleRef,
});
export type ClusterRoleBinding = z.infer<typeof ClusterRoleBinding>;
