// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

const apiVersion = /* @__PURE__ */ z.string();
const strings = /* @__PURE__ */ z.array(/* @__PURE__ */ z.string());

export const PolicyRule = /* @__PURE__ */ z.looseObject({
  verbs: strings,
  apiGroups: /* @__PURE__ */ strings.optional(),
  resources: /* @__PURE__ */ strings.optional(),
  resourceNames: /* @__PURE__ */ strings.optional(),
  nonResourceURLs: /* @__PURE__ */ strings.optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

export const Subject = /* @__PURE__ */ z.looseObject({
  kind: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  namespace: /* @__PURE__ */ z.string().optional(),
  apiGroup: /* @__PURE__ */ z.string().optional(),
});
export type Subject = z.infer<typeof Subject>;

export const RoleRef = /* @__PURE__ */ z.looseObject({
  apiGroup: /* @__PURE__ */ z.string().optional(),
  kind: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
});
export type RoleRef = z.infer<typeof RoleRef>;

export const Role = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('Role'),
  metadata: ObjectMeta,
  rules: /* @__PURE__ */ z.array(PolicyRule).nullish(),
});
export type Role = z.infer<typeof Role>;

export const ClusterRole = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ClusterRole'),
  metadata: ObjectMeta,
  rules: /* @__PURE__ */ z.array(PolicyRule).nullish(),
  aggregationRule: /* @__PURE__ */ z
    .looseObject({ clusterRoleSelectors: /* @__PURE__ */ z.array(LabelSelector).nullish() })
    .nullish(),
});
export type ClusterRole = z.infer<typeof ClusterRole>;

export const RoleBinding = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('RoleBinding'),
  metadata: ObjectMeta,
  subjects: /* @__PURE__ */ z.array(Subject).nullish(),
  roleRef: RoleRef,
});
export type RoleBinding = z.infer<typeof RoleBinding>;

export const ClusterRoleBinding = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ClusterRoleBinding'),
  metadata: ObjectMeta,
  subjects: /* @__PURE__ */ z.array(Subject).nullish(),
  roleRef: RoleRef,
});
export type ClusterRoleBinding = z.infer<typeof ClusterRoleBinding>;
