import { z } from 'zod';
import { LabelSelector, ObjectMeta, StringMap, TemplateMeta } from './meta.js';

const apiVersion = z.string();
const optBool = z.boolean().optional();
const optInt = z.number().int().optional();

export const SeccompProfile = z.looseObject({
  type: z.string(),
  localhostProfile: z.string().optional(),
});
export const AppArmorProfile = z.looseObject({
  type: z.string(),
  localhostProfile: z.string().optional(),
});
export const SELinuxOptions = z.looseObject({
  user: z.string().optional(),
  role: z.string().optional(),
  type: z.string().optional(),
  level: z.string().optional(),
});
export const WindowsOptions = z.looseObject({
  gmsaCredentialSpecName: z.string().optional(),
  gmsaCredentialSpec: z.string().optional(),
  runAsUserName: z.string().optional(),
  hostProcess: optBool,
});
export const Capabilities = z.looseObject({
  add: z.array(z.string()).nullish(),
  drop: z.array(z.string()).nullish(),
});

export const SecurityContext = z.looseObject({
  privileged: optBool,
  allowPrivilegeEscalation: optBool,
  runAsNonRoot: optBool,
  runAsUser: optInt,
  runAsGroup: optInt,
  readOnlyRootFilesystem: optBool,
  procMount: z.string().optional(),
  capabilities: Capabilities.optional(),
  seccompProfile: SeccompProfile.optional(),
  appArmorProfile: AppArmorProfile.optional(),
  seLinuxOptions: SELinuxOptions.optional(),
  windowsOptions: WindowsOptions.optional(),
});
export type SecurityContext = z.infer<typeof SecurityContext>;

export const PodSecurityContext = z.looseObject({
  runAsNonRoot: optBool,
  runAsUser: optInt,
  runAsGroup: optInt,
  fsGroup: optInt,
  supplementalGroups: z.array(z.number().int()).optional(),
  sysctls: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
  seccompProfile: SeccompProfile.optional(),
  appArmorProfile: AppArmorProfile.optional(),
  seLinuxOptions: SELinuxOptions.optional(),
  windowsOptions: WindowsOptions.optional(),
});
export type PodSecurityContext = z.infer<typeof PodSecurityContext>;

const KeyRef = z.looseObject({ name: z.string().optional(), key: z.string(), optional: optBool });
export const EnvVar = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z
    .looseObject({
      secretKeyRef: KeyRef.optional(),
      configMapKeyRef: KeyRef.optional(),
    })
    .optional(),
});
export const EnvFromSource = z.looseObject({
  prefix: z.string().optional(),
  secretRef: z.looseObject({ name: z.string().optional(), optional: optBool }).optional(),
  configMapRef: z.looseObject({ name: z.string().optional(), optional: optBool }).optional(),
});

const Port = z.union([z.number().int(), z.string()]);
const Handler = z.looseObject({
  httpGet: z.looseObject({ host: z.string().optional(), port: Port.optional() }).optional(),
  tcpSocket: z.looseObject({ host: z.string().optional(), port: Port.optional() }).optional(),
});
export const ContainerPort = z.looseObject({
  containerPort: z.number().int(),
  hostPort: optInt,
  hostIP: z.string().optional(),
  protocol: z.string().optional(),
  name: z.string().optional(),
});

export const Container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  securityContext: SecurityContext.optional(),
  ports: z.array(ContainerPort).optional(),
  env: z.array(EnvVar).optional(),
  envFrom: z.array(EnvFromSource).optional(),
  livenessProbe: Handler.optional(),
  readinessProbe: Handler.optional(),
  startupProbe: Handler.optional(),
  lifecycle: z
    .looseObject({ postStart: Handler.optional(), preStop: Handler.optional() })
    .optional(),
  volumeMounts: z.array(z.looseObject({ name: z.string(), mountPath: z.string() })).optional(),
});
export type Container = z.infer<typeof Container>;

export const Volume = z.looseObject({
  name: z.string(),
  hostPath: z.looseObject({ path: z.string(), type: z.string().optional() }).optional(),
  secret: z.looseObject({ secretName: z.string().optional() }).optional(),
  csi: z.looseObject({ driver: z.string() }).optional(),
  projected: z.looseObject({}).optional(),
});
export type Volume = z.infer<typeof Volume>;

export const PodSpec = z.looseObject({
  containers: z.array(Container),
  initContainers: z.array(Container).optional(),
  ephemeralContainers: z.array(Container).optional(),
  volumes: z.array(Volume).optional(),
  hostNetwork: optBool,
  hostPID: optBool,
  hostIPC: optBool,
  hostUsers: optBool,
  securityContext: PodSecurityContext.optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: optBool,
  nodeName: z.string().optional(),
  os: z.looseObject({ name: z.string() }).optional(),
});
export type PodSpec = z.infer<typeof PodSpec>;

export const PodTemplateSpec = z.looseObject({
  metadata: TemplateMeta.optional(),
  spec: PodSpec,
});
export type PodTemplateSpec = z.infer<typeof PodTemplateSpec>;

export const Pod = z.looseObject({ apiVersion, kind: z.literal('Pod'), metadata: ObjectMeta, spec: PodSpec });
export type Pod = z.infer<typeof Pod>;

export const PodTemplate = z.looseObject({
  apiVersion,
  kind: z.literal('PodTemplate'),
  metadata: ObjectMeta,
  template: PodTemplateSpec,
});
export type PodTemplate = z.infer<typeof PodTemplate>;

export const ReplicationController = z.looseObject({
  apiVersion,
  kind: z.literal('ReplicationController'),
  metadata: ObjectMeta,
  spec: z.looseObject({
    replicas: optInt,
    selector: StringMap.optional(),
    template: PodTemplateSpec.optional(),
  }),
});
export type ReplicationController = z.infer<typeof ReplicationController>;

export const Namespace = z.looseObject({ apiVersion, kind: z.literal('Namespace'), metadata: ObjectMeta });
export type Namespace = z.infer<typeof Namespace>;

export const ServiceAccount = z.looseObject({
  apiVersion,
  kind: z.literal('ServiceAccount'),
  metadata: ObjectMeta,
  automountServiceAccountToken: optBool,
  secrets: z.array(z.looseObject({ name: z.string().optional() })).optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

export const Service = z.looseObject({
  apiVersion,
  kind: z.literal('Service'),
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      type: z.string().optional(),
      selector: StringMap.optional(),
    })
    .optional(),
});
export type Service = z.infer<typeof Service>;

/**
 * A Secret is kept by identity only: the snapshot drops `data` and `stringData` so that no
 * value can reach a finding, a diagnostic or a report.
 */
export const Secret = z.looseObject({
  apiVersion,
  kind: z.literal('Secret'),
  metadata: ObjectMeta,
  type: z.string().optional(),
});
export type Secret = z.infer<typeof Secret>;

export { LabelSelector };
