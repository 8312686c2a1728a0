// The public surface of @kubecis/core. Explicit named re-exports only.

// Objects
export { ObjectEnvelope, ObjectMeta, TemplateMeta, OwnerReference, LabelSelector, LabelSelectorRequirement, StringMap } from './objects/meta.js';
export type { KubeObject } from './objects/meta.js';
export {
  Container,
  ContainerPort,
  Capabilities,
  EnvVar,
  EnvFromSource,
  Namespace,
  Pod,
  PodSecurityContext,
  PodSpec,
  PodTemplate,
  PodTemplateSpec,
  ReplicationController,
  Secret,
  SecurityContext,
  Service,
  ServiceAccount,
  SeccompProfile,
  Volume,
} from './objects/core-v1.js';
export { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './objects/apps-v1.js';
export { CronJob, Job } from './objects/batch-v1.js';
export { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from './objects/rbac-v1.js';
export { NetworkPolicy } from './objects/networking-v1.js';
export {
  MutatingWebhookConfiguration,
  RuleWithOperations,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from './objects/admissionregistration-v1.js';
export { apiGroupOf, isClusterScoped, isKnownKind, kindGroups, kindSchemas, knownKinds } from './objects/kinds.js';
export type { KindMap, KnownKind, ObjectOfKind } from './objects/kinds.js';

// Snapshot
export { createSnapshot, defaultSystemNamespaces, extendSnapshot } from './snapshot/create-snapshot.js';
export { formatPath, getAtPath, hasPath, parsePath } from './snapshot/path.js';
export type { PathSegment } from './snapshot/path.js';
export { matchesLabelSelector } from './snapshot/label-selector.js';
export { isWorkloadKind, podContainers, workloadContainers, workloadKinds, workloadTemplatePaths } from './snapshot/views/workloads.js';
export type {
  ContainerGroup,
  Diagnostic,
  DiagnosticSeverity,
  NamespaceEntry,
  ObjectOrigin,
  ObjectRef,
  ResolvedSnapshotOptions,
  Snapshot,
  SnapshotOptions,
  SourceLocation,
  Workload,
  WorkloadContainer,
  WorkloadKind,
  WorkloadObject,
} from './snapshot/types.js';

// Rules, packs, benchmarks
export { defineBenchmark, definePack, defineRule, docsBaseUrl } from './rule/define-rule.js';
export type { BenchmarkDefinition } from './rule/define-rule.js';
export { placeholdersOf, renderMessage } from './rule/messages.js';
export type {
  AnyRule,
  Benchmark,
  CheckResult,
  ControlDefinition,
  ControlSection,
  ControlType,
  Evidence,
  MessageData,
  Pack,
  ReportArgs,
  Rule,
  RuleContext,
  RuleDefinition,
  RuleFinding,
  RuleMeta,
  RuleType,
  Severity,
  Status,
} from './rule/types.js';

// Evaluation
export { evaluate } from './evaluate/evaluate.js';
export type { EvaluateOptions, EvaluationTarget } from './evaluate/evaluate.js';
export { evaluateObject } from './evaluate/evaluate-object.js';
export type { ObjectEvaluation, ObjectEvaluationContext } from './evaluate/evaluate-object.js';
export { bootstrapLabel, ExemptionSchema } from './evaluate/exemptions.js';
export type { Exemption } from './evaluate/exemptions.js';
export { globMatcher } from './evaluate/glob.js';
export { statusRank, summarize } from './evaluate/status.js';

// Report and formatters
export type { ControlResult, ExemptionInfo, Finding, Report, Summary } from './report/types.js';
export { formatJson, toJsonReport } from './format/json.js';
export { formatRef, formatSource, formatText } from './format/text.js';
export type { TextFormatOptions } from './format/text.js';
export {
  formatKubeBench,
  formatKubeBenchJunit,
  goJson,
  kubeBenchSectionTitles,
  toKubeBench,
} from './format/kube-bench.js';
export type {
  KubeBenchCheck,
  KubeBenchControls,
  KubeBenchFormatOptions,
  KubeBenchGroup,
  KubeBenchOverall,
  KubeBenchState,
  KubeBenchSummary,
} from './format/kube-bench.js';
export { findingFingerprint, formatSarif, sarifSchemaUri, toSarif } from './format/sarif.js';
export type { SarifFormatOptions } from './format/sarif.js';
export { formatJunit } from './format/junit.js';
export type { JunitFormatOptions } from './format/junit.js';
export { formatMarkdown } from './format/markdown.js';
export type { MarkdownFormatOptions } from './format/markdown.js';
