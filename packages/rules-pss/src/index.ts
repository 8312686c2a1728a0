// The public surface of @kubecis/rules-pss. Explicit named re-exports only.
import { definePack, type Pack } from '@kubecis/core';
import { noAddedCapabilities } from './rules/no-added-capabilities.js';
import { noHostIpc } from './rules/no-host-ipc.js';
import { noHostNetwork } from './rules/no-host-network.js';
import { noHostPathVolumes } from './rules/no-host-path-volumes.js';
import { noHostPid } from './rules/no-host-pid.js';
import { noHostPorts } from './rules/no-host-ports.js';
import { noNetRaw } from './rules/no-net-raw.js';
import { noPrivilegeEscalation } from './rules/no-privilege-escalation.js';
import { noPrivileged } from './rules/no-privileged.js';
import { noWindowsHostProcess } from './rules/no-windows-host-process.js';
import { requireDropAllCapabilities } from './rules/require-drop-all-capabilities.js';
import { requireRunAsNonRoot } from './rules/require-run-as-non-root.js';
import { requireSeccompProfile } from './rules/require-seccomp-profile.js';
import { requireSecurityContext } from './rules/require-security-context.js';

// Engine
export { evaluatePodSecurity, formatPodSecurityViolations } from './engine/evaluate.js';
export { newestPolicyMinor } from './engine/registry.js';
export { compareLevels, isPodSecurityLevel, isPodSecurityVersion, parsePodSecurityVersion } from './engine/version.js';
export {
  enforcedPodSecurity,
  namespacePodSecurity,
  namespacePodSecurityOf,
  podSecurityLabelPrefix,
  podSecurityPolicyFromLabels,
} from './engine/namespace-policy.js';
export type {
  NamespacePodSecurity,
  PodSecurityDefaults,
  PodSecurityLabelError,
  PodSecurityLevelVersion,
  PodSecurityMode,
  PodSecurityPolicy,
} from './engine/namespace-policy.js';
export type {
  PodSecurityCheckId,
  PodSecurityLevel,
  PodSecurityOptions,
  PodSecurityResult,
  PodSecurityVersion,
  PodSecurityViolation,
} from './engine/types.js';

// Rules, in CIS order
export {
  noPrivileged,
  noHostPid,
  noHostIpc,
  noHostNetwork,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  noNetRaw,
  noAddedCapabilities,
  requireDropAllCapabilities,
  noWindowsHostProcess,
  noHostPathVolumes,
  noHostPorts,
  requireSeccompProfile,
  requireSecurityContext,
};

/** Every rule of the pack, in CIS order. */
export const pack: Pack = /* @__PURE__ */ definePack({
  name: 'pss',
  description: 'Pod Security Standards: CIS 5.2.2-5.2.13, 5.7.2 and 5.7.3 (5.6.x from cis-1.11)',
  rules: [
    noPrivileged,
    noHostPid,
    noHostIpc,
    noHostNetwork,
    noPrivilegeEscalation,
    requireRunAsNonRoot,
    noNetRaw,
    noAddedCapabilities,
    requireDropAllCapabilities,
    noWindowsHostProcess,
    noHostPathVolumes,
    noHostPorts,
    requireSeccompProfile,
    requireSecurityContext,
  ],
});
