// @kubecis/testkit: builders, arbitraries, RuleTester and property checks for rule authors.
// Explicit named re-exports only.

// Builders
export { build, container as buildContainer, ownerReference, podSecurityLabels, subject } from './builders.js';
export type { BuildMeta, DeepPartial, Loose, OwnerLike, Overrides, PodSecurityLabels, WorkloadOverrides } from './builders.js';
export { workloadKindNames } from './workload-kinds.js';
export type { WorkloadKindName } from './workload-kinds.js';

// Arbitraries (the factories are also on `arb` and `kfc`)
export {
  admissionPolicy,
  anyObject,
  apiGroups,
  arb,
  capabilities,
  clusterRole,
  clusterRoleBinding,
  configMap,
  container,
  images,
  kfc,
  labels,
  metadata,
  namespace,
  namespaceNames,
  networkPolicy,
  objectNames,
  pod,
  podSecurityContext,
  podSecurityLevels,
  podSpec,
  policyRule,
  resources,
  role,
  roleBinding,
  secret,
  secretMarker,
  securityContext,
  service,
  serviceAccount,
  snapshot,
  snapshotObjects,
  subjectArb,
  uniqueObjects,
  verbs,
  webhookConfiguration,
  workload,
  wrapPodSpec,
} from './arbitraries.js';
export type {
  BindingArbitraries,
  ContainerArbitraries,
  MetadataArbitraries,
  NamespaceArbitraries,
  PodSpecArbitraries,
  PolicyRuleArbitraries,
  RoleArbitraries,
  SnapshotArbitraryOptions,
  WorkloadArbitraries,
} from './arbitraries.js';

// RuleTester
export { RuleTester, RuleTesterError, diffFindings, runRuleCase } from './rule-tester.js';
export type { ExpectedFinding, InvalidCase, RuleTesterOptions, RuleTests, TestedFinding, TestTarget, ValidCase } from './rule-tester.js';

// Properties
export { checkRuleProperties, rulePropertyChecks, rulePropertyNames } from './properties.js';
export type { RulePropertyCheck, RulePropertyName, RulePropertyOptions } from './properties.js';

// Helpers
export { cloneJson, deepFreeze } from './freeze.js';
export type { TestFramework } from './framework.js';
