// @kubecis/testkit: builders, arbitraries, RuleTester and property checks for rule authors.
export { build, container as buildContainer, subject } from './builders.js';
export type { BuildMeta } from './builders.js';
export {
  anyObject,
  arb,
  apiGroups,
  capabilities,
  clusterRole,
  clusterRoleBinding,
  container,
  kfc,
  namespace,
  namespaceNames,
  networkPolicy,
  pod,
  podSecurityContext,
  podSpec,
  policyRule,
  resources,
  role,
  roleBinding,
  secret,
  secretMarker,
  securityContext,
  serviceAccount,
  snapshotObjects,
  subjectArb,
  uniqueObjects,
  verbs,
  workload,
  workloadKindNames,
  wrapPodSpec,
} from './arbitraries.js';
export type { WorkloadKindName } from './arbitraries.js';
export { RuleTester, RuleTesterError, diffFindings, runRuleCase } from './rule-tester.js';
export type { ExpectedFinding, InvalidCase, RuleTests, ValidCase } from './rule-tester.js';
export { checkRuleProperties } from './properties.js';
export type { RulePropertyOptions } from './properties.js';
export { cloneJson, deepFreeze } from './freeze.js';
export type { TestFramework } from './framework.js';
