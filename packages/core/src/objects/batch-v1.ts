import { z } from 'zod';
import { ObjectMeta, TemplateMeta } from './meta.js';
import { PodTemplateSpec } from './core-v1.js';

const apiVersion = z.string();
const JobSpec = z.looseObject({ template: PodTemplateSpec });

export const Job = z.looseObject({ apiVersion, kind: z.literal('Job'), metadata: ObjectMeta, spec: JobSpec });
export type Job = z.infer<typeof Job>;

export const CronJob = z.looseObject({
  apiVersion,
  kind: z.literal('CronJob'),
  metadata: ObjectMeta,
  spec: z.looseObject({
    schedule: z.string().optional(),
    jobTemplate: z.looseObject({ metadata: TemplateMeta.optional(), spec: JobSpec }),
  }),
});
export type CronJob = z.infer<typeof CronJob>;
