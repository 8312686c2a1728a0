// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { ObjectMeta, TemplateMeta } from './meta.js';
import { PodTemplateSpec } from './core-v1.js';

const apiVersion = /* @__PURE__ */ z.string();
const JobSpec = /* @__PURE__ */ z.looseObject({ template: PodTemplateSpec });

export const Job = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('Job'), metadata: ObjectMeta, spec: JobSpec });
export type Job = z.infer<typeof Job>;

export const CronJob = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('CronJob'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z.looseObject({
    schedule: /* @__PURE__ */ z.string().optional(),
    jobTemplate: /* @__PURE__ */ z.looseObject({ metadata: /* @__PURE__ */ TemplateMeta.optional(), spec: JobSpec }),
  }),
});
export type CronJob = z.infer<typeof CronJob>;
