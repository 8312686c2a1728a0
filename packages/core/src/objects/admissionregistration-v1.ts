import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

const apiVersion = z.string();
const strings = z.array(z.string());

export const RuleWithOperations = z.looseObject({
  operations: strings.optional(),
  apiGroups: strings.optional(),
  apiVersions: strings.optional(),
  resources: strings.optional(),
  scope: z.string().optional(),
});

const Webhook = z.looseObject({
  name: z.string(),
  rules: z.array(RuleWithOperations).nullish(),
  failurePolicy: z.string().optional(),
  namespaceSelector: LabelSelector.optional(),
  objectSelector: LabelSelector.optional(),
});

export const ValidatingWebhookConfiguration = z.looseObject({
  apiVersion,
  kind: z.literal('ValidatingWebhookConfiguration'),
  metadata: ObjectMeta,
  webhooks: z.array(Webhook).nullish(),
});
export type ValidatingWebhookConfiguration = z.infer<typeof ValidatingWebhookConfiguration>;

export const MutatingWebhookConfiguration = z.looseObject({
  apiVersion,
  kind: z.literal('MutatingWebhookConfiguration'),
  metadata: ObjectMeta,
  webhooks: z.array(Webhook).nullish(),
});
export type MutatingWebhookConfiguration = z.infer<typeof MutatingWebhookConfiguration>;

export const ValidatingAdmissionPolicy = z.looseObject({
  apiVersion,
  kind: z.literal('ValidatingAdmissionPolicy'),
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      failurePolicy: z.string().optional(),
      matchConstraints: z.looseObject({ resourceRules: z.array(RuleWithOperations).optional() }).optional(),
      validations: z.array(z.looseObject({ expression: z.string() })).optional(),
    })
    .optional(),
});
export type ValidatingAdmissionPolicy = z.infer<typeof ValidatingAdmissionPolicy>;

export const ValidatingAdmissionPolicyBinding = z.looseObject({
  apiVersion,
  kind: z.literal('ValidatingAdmissionPolicyBinding'),
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      policyName: z.string().optional(),
      validationActions: strings.optional(),
    })
    .optional(),
});
export type ValidatingAdmissionPolicyBinding = z.infer<typeof ValidatingAdmissionPolicyBinding>;
