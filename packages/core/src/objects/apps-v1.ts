import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';
import { PodTemplateSpec } from './core-v1.js';

const apiVersion = z.string();
const workloadSpec = z.looseObject({
  replicas: z.number().int().optional(),
  selector: LabelSelector.optional(),
  template: PodTemplateSpec,
});

export const Deployment = z.looseObject({ apiVersion, kind: z.literal('Deployment'), metadata: ObjectMeta, spec: workloadSpec });
export type Deployment = z.infer<typeof Deployment>;

export const ReplicaSet = z.looseObject({ apiVersion, kind: z.literal('ReplicaSet'), metadata: ObjectMeta, spec: workloadSpec });
export type ReplicaSet = z.infer<typeof ReplicaSet>;

export const StatefulSet = z.looseObject({ apiVersion, kind: z.literal('StatefulSet'), metadata: ObjectMeta, spec: workloadSpec });
export type StatefulSet = z.infer<typeof StatefulSet>;

export const DaemonSet = z.looseObject({ apiVersion, kind: z.literal('DaemonSet'), metadata: ObjectMeta, spec: workloadSpec });
export type DaemonSet = z.infer<typeof DaemonSet>;
