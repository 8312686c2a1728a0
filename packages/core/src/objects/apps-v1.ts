// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector, ObjectMeta } from './meta.js';
import { PodTemplateSpec } from './core-v1.js';

const apiVersion = /* @__PURE__ */ z.string();
const workloadSpec = /* @__PURE__ */ z.looseObject({
  replicas: /* @__PURE__ */ z.number().int().optional(),
  selector: /* @__PURE__ */ LabelSelector.optional(),
  template: PodTemplateSpec,
});

export const Deployment = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('Deployment'), metadata: ObjectMeta, spec: workloadSpec });
export type Deployment = z.infer<typeof Deployment>;

export const ReplicaSet = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('ReplicaSet'), metadata: ObjectMeta, spec: workloadSpec });
export type ReplicaSet = z.infer<typeof ReplicaSet>;

export const StatefulSet = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('StatefulSet'), metadata: ObjectMeta, spec: workloadSpec });
export type StatefulSet = z.infer<typeof StatefulSet>;

export const DaemonSet = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('DaemonSet'), metadata: ObjectMeta, spec: workloadSpec });
export type DaemonSet = z.infer<typeof DaemonSet>;
