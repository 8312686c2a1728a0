/** A Pod Security Standards level. `privileged` runs no check. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A policy version: `latest` or `v1.N` (`v1.0` … the newest; newer minors evaluate as the newest). */
export type PodSecurityVersion = 'latest' | `v1.${number}`;

/** The id of one Pod Security Admission check, exactly as upstream names it. */
export type PodSecurityCheckId =
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'allowPrivilegeEscalation'
  | 'capabilities_restricted'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted';

export interface PodSecurityOptions {
  readonly level: PodSecurityLevel;
  /** `latest` or `v1.N`. A malformed version evaluates as `latest`, as upstream does for namespace labels. */
  readonly version: PodSecurityVersion | (string & {});
}

/** One failed check: upstream's reason and detail, plus the offending field paths from the object's root. */
export interface PodSecurityViolation {
  readonly check: PodSecurityCheckId;
  /** Upstream's short reason (`host namespaces`). */
  readonly reason: string;
  /** Upstream's detail (`hostNetwork=true`). */
  readonly detail: string;
  /** Field paths in core's format (`spec.template.spec.containers[0].securityContext.privileged`). */
  readonly paths: readonly string[];
}

export interface PodSecurityResult {
  readonly allowed: boolean;
  /** In upstream's order: baseline check ids sorted, then restricted check ids sorted. */
  readonly violations: readonly PodSecurityViolation[];
}
