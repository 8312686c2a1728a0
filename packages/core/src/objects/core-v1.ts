// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector, ObjectMeta, StringMap, TemplateMeta } from './meta.js';

const apiVersion = /* @__PURE__ */ z.string();
const optBool = /* @__PURE__ */ z.boolean().optional();
const optInt = /* @__PURE__ */ z.number().int().optional();

export const SeccompProfile = /* @__PURE__ */ z.looseObject({
  type: /* @__PURE__ */ z.string(),
  localhostProfile: /* @__PURE__ */ z.string().optional(),
});
export const AppArmorProfile = /* @__PURE__ */ z.looseObject({
  type: /* @__PURE__ */ z.string(),
  localhostProfile: /* @__PURE__ */ z.string().optional(),
});
export const SELinuxOptions = /* @__PURE__ */ z.looseObject({
  user: /* @__PURE__ */ z.string().optional(),
  role: /* @__PURE__ */ z.string().optional(),
  type: /* @__PURE__ */ z.string().optional(),
  level: /* @__PURE__ */ z.string().optional(),
});
export const WindowsOptions = /* @__PURE__ */ z.looseObject({
  gmsaCredentialSpecName: /* @__PURE__ */ z.string().optional(),
  gmsaCredentialSpec: /* @__PURE__ */ z.string().optional(),
  runAsUserName: /* @__PURE__ */ z.string().optional(),
  hostProcess: optBool,
});
export const Capabilities = /* @__PURE__ */ z.looseObject({
  add: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()).nullish(),
  drop: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()).nullish(),
});

export const SecurityContext = /* @__PURE__ */ z.looseObject({
  privileged: optBool,
  allowPrivilegeEscalation: optBool,
  runAsNonRoot: optBool,
  runAsUser: optInt,
  runAsGroup: optInt,
  readOnlyRootFilesystem: optBool,
  procMount: /* @__PURE__ */ z.string().optional(),
  capabilities: /* @__PURE__ */ Capabilities.optional(),
  seccompProfile: /* @__PURE__ */ SeccompProfile.optional(),
  appArmorProfile: /* @__PURE__ */ AppArmorProfile.optional(),
  seLinuxOptions: /* @__PURE__ */ SELinuxOptions.optional(),
  windowsOptions: /* @__PURE__ */ WindowsOptions.optional(),
});
export type SecurityContext = z.infer<typeof SecurityContext>;

export const PodSecurityContext = /* @__PURE__ */ z.looseObject({
  runAsNonRoot: optBool,
  runAsUser: optInt,
  runAsGroup: optInt,
  fsGroup: optInt,
  supplementalGroups: /* @__PURE__ */ z.array(/* @__PURE__ */ z.number().int()).optional(),
  sysctls: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string(), value: /* @__PURE__ */ z.string().optional() })).optional(),
  seccompProfile: /* @__PURE__ */ SeccompProfile.optional(),
  appArmorProfile: /* @__PURE__ */ AppArmorProfile.optional(),
  seLinuxOptions: /* @__PURE__ */ SELinuxOptions.optional(),
  windowsOptions: /* @__PURE__ */ WindowsOptions.optional(),
});
export type PodSecurityContext = z.infer<typeof PodSecurityContext>;

const KeyRef = /* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string().optional(), key: /* @__PURE__ */ z.string(), optional: optBool });
export const EnvVar = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string(),
  value: /* @__PURE__ */ z.string().optional(),
  valueFrom: /* @__PURE__ */ z
    .looseObject({
      secretKeyRef: /* @__PURE__ */ KeyRef.optional(),
      configMapKeyRef: /* @__PURE__ */ KeyRef.optional(),
    })
    .optional(),
});
export const EnvFromSource = /* @__PURE__ */ z.looseObject({
  prefix: /* @__PURE__ */ z.string().optional(),
  secretRef: /* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string().optional(), optional: optBool }).optional(),
  configMapRef: /* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string().optional(), optional: optBool }).optional(),
});

const Port = /* @__PURE__ */ z.union([/* @__PURE__ */ z.number().int(), /* @__PURE__ */ z.string()]);
const Handler = /* @__PURE__ */ z.looseObject({
  httpGet: /* @__PURE__ */ z.looseObject({ host: /* @__PURE__ */ z.string().optional(), port: /* @__PURE__ */ Port.optional() }).optional(),
  tcpSocket: /* @__PURE__ */ z.looseObject({ host: /* @__PURE__ */ z.string().optional(), port: /* @__PURE__ */ Port.optional() }).optional(),
});
export const ContainerPort = /* @__PURE__ */ z.looseObject({
  containerPort: /* @__PURE__ */ z.number().int(),
  hostPort: optInt,
  hostIP: /* @__PURE__ */ z.string().optional(),
  protocol: /* @__PURE__ */ z.string().optional(),
  name: /* @__PURE__ */ z.string().optional(),
});

export const Container = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string(),
  image: /* @__PURE__ */ z.string().optional(),
  securityContext: /* @__PURE__ */ SecurityContext.optional(),
  ports: /* @__PURE__ */ z.array(ContainerPort).optional(),
  env: /* @__PURE__ */ z.array(EnvVar).optional(),
  envFrom: /* @__PURE__ */ z.array(EnvFromSource).optional(),
  livenessProbe: /* @__PURE__ */ Handler.optional(),
  readinessProbe: /* @__PURE__ */ Handler.optional(),
  startupProbe: /* @__PURE__ */ Handler.optional(),
  lifecycle: /* @__PURE__ */ z
    .looseObject({ postStart: /* @__PURE__ */ Handler.optional(), preStop: /* @__PURE__ */ Handler.optional() })
    .optional(),
  volumeMounts: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string(), mountPath: /* @__PURE__ */ z.string() })).optional(),
});
export type Container = z.infer<typeof Container>;

export const Volume = /* @__PURE__ */ z.looseObject({
  name: /* @__PURE__ */ z.string(),
  hostPath: /* @__PURE__ */ z.looseObject({ path: /* @__PURE__ */ z.string(), type: /* @__PURE__ */ z.string().optional() }).optional(),
  secret: /* @__PURE__ */ z.looseObject({ secretName: /* @__PURE__ */ z.string().optional() }).optional(),
  csi: /* @__PURE__ */ z.looseObject({ driver: /* @__PURE__ */ z.string() }).optional(),
  projected: /* @__PURE__ */ z.looseObject({}).optional(),
});
export type Volume = z.infer<typeof Volume>;

export const PodSpec = /* @__PURE__ */ z.looseObject({
  containers: /* @__PURE__ */ z.array(Container),
  initContainers: /* @__PURE__ */ z.array(Container).optional(),
  ephemeralContainers: /* @__PURE__ */ z.array(Container).optional(),
  volumes: /* @__PURE__ */ z.array(Volume).optional(),
  hostNetwork: optBool,
  hostPID: optBool,
  hostIPC: optBool,
  hostUsers: optBool,
  securityContext: /* @__PURE__ */ PodSecurityContext.optional(),
  serviceAccountName: /* @__PURE__ */ z.string().optional(),
  serviceAccount: /* @__PURE__ */ z.string().optional(),
  automountServiceAccountToken: optBool,
  nodeName: /* @__PURE__ */ z.string().optional(),
  os: /* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string() }).optional(),
});
export type PodSpec = z.infer<typeof PodSpec>;

export const PodTemplateSpec = /* @__PURE__ */ z.looseObject({
  metadata: /* @__PURE__ */ TemplateMeta.optional(),
  spec: PodSpec,
});
export type PodTemplateSpec = z.infer<typeof PodTemplateSpec>;

export const Pod = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('Pod'), metadata: ObjectMeta, spec: PodSpec });
export type Pod = z.infer<typeof Pod>;

export const PodTemplate = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('PodTemplate'),
  metadata: ObjectMeta,
  template: PodTemplateSpec,
});
export type PodTemplate = z.infer<typeof PodTemplate>;

export const ReplicationController = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ReplicationController'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z.looseObject({
    replicas: optInt,
    selector: /* @__PURE__ */ StringMap.optional(),
    template: /* @__PURE__ */ PodTemplateSpec.optional(),
  }),
});
export type ReplicationController = z.infer<typeof ReplicationController>;

export const Namespace = /* @__PURE__ */ z.looseObject({ apiVersion, kind: /* @__PURE__ */ z.literal('Namespace'), metadata: ObjectMeta });
export type Namespace = z.infer<typeof Namespace>;

export const ServiceAccount = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('ServiceAccount'),
  metadata: ObjectMeta,
  automountServiceAccountToken: optBool,
  secrets: /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ name: /* @__PURE__ */ z.string().optional() })).optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

export const Service = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('Service'),
  metadata: ObjectMeta,
  spec: /* @__PURE__ */ z
    .looseObject({
      type: /* @__PURE__ */ z.string().optional(),
      selector: /* @__PURE__ */ StringMap.optional(),
    })
    .optional(),
});
export type Service = z.infer<typeof Service>;

/**
 * A Secret is kept by identity only: the snapshot drops `data` and `stringData` so that no
 * value can reach a finding, a diagnostic or a report.
 */
export const Secret = /* @__PURE__ */ z.looseObject({
  apiVersion,
  kind: /* @__PURE__ */ z.literal('Secret'),
  metadata: ObjectMeta,
  type: /* @__PURE__ */ z.string().optional(),
});
export type Secret = z.infer<typeof Secret>;

export { LabelSelector };
