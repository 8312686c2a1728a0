// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';

export const NetworkPolicy = /* @__PURE__ */ z.looseObject({
  apiVersion: /* @__PURE__ */ z.string(),
  kind: /* @__PURE__ */ z.literal('NetworkPolicy'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z.looseObject({
    podSelector: /* @__PURE__ */ LabelSelector.nullish(),
    policyTypes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()).optional(),
    ingress: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({})).nullish(),
    egress: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({})).nullish(),
  }),
});
export type NetworkPolicy = z.infer<typeof NetworkPolicy>;
