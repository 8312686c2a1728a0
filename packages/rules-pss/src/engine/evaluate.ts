import type { CheckFailure } from './checks/types.js';
import { podViewOf, type PodView } from './pod.js';
import { formatPath } from './path.js';
import { existingPrefix } from './read.js';
import { activeChecks, newestPolicyMinor } from './registry.js';
import type { PodSecurityOptions, PodSecurityResult, PodSecurityViolation } from './types.js';
import { isPodSecurityLevel, parsePodSecurityVersion } from './version.js';

const allowed = (): PodSecurityResult => ({ allowed: true, violations: [] });

/** The minor version a policy version evaluates as: `latest`, malformed and too-new versions clamp to the newest. */
export function effectiveMinor(version: unknown): number {
  const parsed = parsePodSecurityVersion(version);
  if (parsed === null || parsed === 'latest') return newestPolicyMinor;
  return Math.min(parsed, newestPolicyMinor);
}

/** The formatted paths of a failed check, each trimmed to the deepest field that exists. */
export function violationPaths(pod: PodView, failure: CheckFailure): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const offence of failure.offences) {
    const path = formatPath(existingPrefix(pod.root, offence.path));
    if (seen.has(path)) continue;
    seen.add(path);
    out.push(path);
  }
  return out;
}

/**
 * Evaluates a Pod, any workload (its pod template), a PodTemplate, or a core `Workload` against a
 * Pod Security Standards level and version, with the same verdict as Kubernetes' Pod Security
 * Admission. Never throws: input of the wrong shape is read the way upstream reads a decoded
 * object. An unknown level fails closed (`restricted`); a malformed version evaluates as `latest`.
 */
export function evaluatePodSecurity(podOrWorkload: unknown, options: PodSecurityOptions): PodSecurityResult {
  const rawLevel: unknown = (options as Partial<PodSecurityOptions> | null | undefined)?.level;
  const level = isPodSecurityLevel(rawLevel) ? rawLevel : 'restricted';
  if (level === 'privileged') return allowed();
  const minor = effectiveMinor((options as Partial<PodSecurityOptions> | null | undefined)?.version);
  const pod = podViewOf(podOrWorkload);
  if (pod === null) return allowed();
  const violations: PodSecurityViolation[] = [];
  for (const { id, check } of activeChecks(level, minor)) {
    const failure = check(pod);
    if (failure === null) continue;
    violations.push({ check: id, reason: failure.reason, detail: failure.detail, paths: violationPaths(pod, failure) });
  }
  return violations.length === 0 ? allowed() : { allowed: false, violations };
}

/**
 * Upstream's detailed message for a result: each violation as `reason (detail)`, joined by `", "`,
 * e.g. `host namespaces (hostNetwork=true), privileged (container "c" must not set …)`. Empty when allowed.
 */
export function formatPodSecurityViolations(result: PodSecurityResult): string {
  return result.violations
    .map((v) => {
      const reason = v.reason === '' ? 'unknown forbidden reason' : v.reason;
      return v.detail === '' ? reason : `${reason} (${v.detail})`;
    })
    .join(', ');
}
