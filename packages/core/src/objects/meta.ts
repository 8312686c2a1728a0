// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';

/** A `key: value` string map such as labels or annotations. */
export const StringMap = /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string());

export const OwnerReference = /* @__PURE__ */ z.looseObject({
  apiVersion: /* @__PURE__ */ z.string(),
  kind: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  uid: /* @__PURE__ */ z.string().optional(),
  controller: /* @__PURE__ */ z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof OwnerReference>;

export const ObjectMeta = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string().min(1),
  /** An empty namespace is read as none, as kubectl does. */
  namespace: /* @__PURE__ */ z.string().optional(),
  uid: /* @__PURE__ */ z.string().optional(),
  labels: /* @__PURE__ */ StringMap.optional(),
  annotations: /* @__PURE__ */ StringMap.optional(),
  ownerReferences: /* @__PURE__ */ z.array(OwnerReference).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMeta>;

/** Template metadata: nothing is required. */
export const TemplateMeta = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string().optional(),
  labels: /* @__PURE__ */ StringMap.optional(),
  annotations: /* @__PURE__ */ StringMap.optional(),
});
export type TemplateMeta = z.infer<typeof TemplateMeta>;

export const LabelSelectorRequirement = /* @__PURE__ */ z.looseObject({
  key: /* @__PURE__ */ z.string(),
  operator: /* @__PURE__ */ z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()).optional(),
});
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirement>;

export const LabelSelector = /* @__PURE__ */ z.looseObject({
  matchLabels: /* @__PURE__ */ StringMap.optional(),
  matchExpressions: /* @__PURE__ */ z.array(LabelSelectorRequirement).optional(),
});
export type LabelSelector = z.infer<typeof LabelSelector>;

/** The envelope every object must have to be kept: apiVersion, kind and metadata.name. */
export const ObjectEnvelope = /* @__PURE__ */ z.looseObject({
  apiVersion: /* @__PURE__ */ z.string().min(1),
  kind: /* @__PURE__ */ z.string().min(1),
  metadata: ObjectMeta,
});
export type KubeObject = z.infer<typeof ObjectEnvelope>;
