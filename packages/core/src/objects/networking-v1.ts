import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

export const NetworkPolicy = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('NetworkPolicy'),
  metadata: ObjectMeta,
  spec: z.looseObject({
    podSelector: LabelSelector.nullish(),
    policyTypes: z.array(z.string()).optional(),
    ingress: z.array(z.looseObject({})).nullish(),
    egress: z.array(z.looseObject({})).nullish(),
  }),
});
export type NetworkPolicy = z.infer<typeof NetworkPolicy>;
