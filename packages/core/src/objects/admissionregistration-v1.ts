// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

const apiVersion = /* @__PURE__ */ z.string();
const strings = /* @__PURE__ */ z.array(/* @__PURE__ */ z.string());

export const RuleWithOperations = /* @__PURE__ */ z.looseObject({
  operations: /* @__PURE__ */ strings.optional(),
  apiGroups: /* @__PURE__ */ strings.optional(),
  apiVersions: /* @__PURE__ */ strings.optional(),
  resources: /* @__PURE__ */ strings.optional(),
  scope: /* @__PURE__ */ z.string().optional(),
});

const Webhook = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string(),
  rules: /* @__PURE__ */ z.array(RuleWithOperations).nullish(),
  failurePolicy: /* @__PURE__ */ z.string().optional(),
  namespaceSelector: /* @__PURE__ */ LabelSelector.optional(),
  objectSelector: /* @__PURE__ */ LabelSelector.optional(),
});

export const ValidatingWebhookConfiguration = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ValidatingWebhookConfiguration'),
  metadata: ObjectMeta,
  webhooks: /* @__PURE__ */ z.array(Webhook).nullish(),
});
export type ValidatingWebhookConfiguration = z.infer<typeof ValidatingWebhookConfiguration>;

export const MutatingWebhookConfiguration = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('MutatingWebhookConfiguration'),
  metadata: ObjectMeta,
  webhooks: /* @__PURE__ */ z.array(Webhook).nullish(),
});
export type MutatingWebhookConfiguration = z.infer<typeof MutatingWebhookConfiguration>;

export const ValidatingAdmissionPolicy = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ValidatingAdmissionPolicy'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z
    .looseObject({
      failurePolicy: /* @__PURE__ */ z.string().optional(),
      matchConstraints: /* @__PURE__ */ z.looseObject({ resourceRules: /* @__PURE__ */ z.array(RuleWithOperations).optional() }).optional(),
      validations: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ expression: /* @__PURE__ */ z.string() })).optional(),
    })
    .optional(),
});
export type ValidatingAdmissionPolicy = z.infer<typeof ValidatingAdmissionPolicy>;

export const ValidatingAdmissionPolicyBinding = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ValidatingAdmissionPolicyBinding'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z
    .looseObject({
      policyName: /* @__PURE__ */ z.string().optional(),
      validationActions: /* @__PURE__ */ strings.optional(),
    })
    .optional(),
});
export type ValidatingAdmissionPolicyBinding = z.infer<typeof ValidatingAdmissionPolicyBinding>;
