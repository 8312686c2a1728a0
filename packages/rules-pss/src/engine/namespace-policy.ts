// Pod Security Admission's namespace labels (pss.md §1.5): which level and version each namespace
// enforces, audits and warns at, as a per-snapshot derived view.
import type { KubeObject, NamespaceEntry, PathSegment, Snapshot } from '@kubecis/core';
import { formatPath } from './path.js';
import { isObj } from './read.js';
import type { PodSecurityLevel, PodSecurityVersion } from './types.js';
import { compareLevels, isPodSecurityLevel, parsePodSecurityVersion } from './version.js';

export type PodSecurityMode = 'enforce' | 'audit' | 'warn';

/** A level at a version, as a namespace label pair or an AdmissionConfiguration default sets it. */
export interface PodSecurityLevelVersion {
  readonly level: PodSecurityLevel;
  readonly version: PodSecurityVersion;
}

export interface PodSecurityPolicy {
  readonly enforce: PodSecurityLevelVersion;
  readonly audit: PodSecurityLevelVersion;
  readonly warn: PodSecurityLevelVersion;
}

/** A label whose value upstream rejects; the namespace gets a fallback for it. */
export interface PodSecurityLabelError {
  readonly label: string;
  readonly value: string;
  /** The label's path in the Namespace object. */
  readonly path: string;
  readonly message: string;
}

/** Cluster-wide defaults (the PodSecurity AdmissionConfiguration). Unset modes are `privileged` at `latest`. */
export interface PodSecurityDefaults {
  readonly enforce?: Partial<PodSecurityLevelVersion>;
  readonly audit?: Partial<PodSecurityLevelVersion>;
  readonly warn?: Partial<PodSecurityLevelVersion>;
  /** Namespaces exempt from Pod Security Admission (the configuration's `exemptions.namespaces`). */
  readonly exemptNamespaces?: readonly string[];
}

export interface NamespacePodSecurity {
  readonly namespace: string;
  /** The Namespace object, or `null` for a namespace that objects use but none declares. */
  readonly object: KubeObject | null;
  readonly system: boolean;
  /** Whether the namespace carries its own `pod-security.kubernetes.io/enforce` label. */
  readonly enforceLabelled: boolean;
  /** Whether the namespace is exempt (every mode then behaves as `privileged`). */
  readonly exempt: boolean;
  /** The effective policy: labels over defaults, with upstream's fallbacks for invalid values. */
  readonly policy: PodSecurityPolicy;
  readonly errors: readonly PodSecurityLabelError[];
}

export const podSecurityLabelPrefix = 'pod-security.kubernetes.io/';

const labelOf = (mode: PodSecurityMode, suffix: '' | '-version'): string => `${podSecurityLabelPrefix}${mode}${suffix}`;

const privilegedLatest: PodSecurityLevelVersion = Object.freeze({ level: 'privileged', version: 'latest' });

function resolveDefault(value: Partial<PodSecurityLevelVersion> | undefined): PodSecurityLevelVersion {
  const level = isPodSecurityLevel(value?.level) ? value.level : 'privileged';
  const raw = value?.version;
  const version: PodSecurityVersion = raw === undefined || parsePodSecurityVersion(raw) === null ? 'latest' : raw;
  return { level, version };
}

/**
 * The policy a set of namespace labels selects, as upstream's `PolicyToEvaluate` computes it:
 * unset labels take the defaults; an invalid enforce level fails closed (`restricted`), an invalid
 * audit or warn level fails open (`privileged`), an invalid version is `latest`; and when enforce is
 * set validly, warn is unset and enforce is stricter, warn follows enforce (and its version, unless
 * `warn-version` is set).
 */
export function podSecurityPolicyFromLabels(
  labels: unknown,
  defaults: PodSecurityDefaults = {},
  labelsPath: readonly PathSegment[] = ['metadata', 'labels'],
): { readonly policy: PodSecurityPolicy; readonly errors: readonly PodSecurityLabelError[] } {
  const errors: PodSecurityLabelError[] = [];
  const modes = { enforce: resolveDefault(defaults.enforce), audit: resolveDefault(defaults.audit), warn: resolveDefault(defaults.warn) };
  const map = isObj(labels) ? labels : {};
  const read = (key: string): string | undefined => {
    if (!Object.prototype.hasOwnProperty.call(map, key)) return undefined;
    const value = map[key];
    if (typeof value === 'string') return value;
    // Label values are strings; anything else is invalid and is shown by type.
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : `<${value === null ? 'null' : typeof value}>`;
  };
  const pathOf = (key: string): string => formatPath([...labelsPath, key]);
  let hasEnforceLevel = false;
  let hasWarnLevel = false;
  let hasWarnVersion = false;
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const levelKey = labelOf(mode, '');
    const level = read(levelKey);
    if (level !== undefined) {
      if (mode === 'warn') hasWarnLevel = true;
      if (isPodSecurityLevel(level)) {
        modes[mode] = { ...modes[mode], level };
        if (mode === 'enforce') hasEnforceLevel = true;
      } else {
        const fallback: PodSecurityLevel = mode === 'enforce' ? 'restricted' : 'privileged';
        modes[mode] = { ...modes[mode], level: fallback };
        errors.push({
          label: levelKey,
          value: level,
          path: pathOf(levelKey),
          message: `invalid ${mode} level "${level}": must be privileged, baseline or restricted; ${mode} uses ${fallback}`,
        });
      }
    }
    const versionKey = labelOf(mode, '-version');
    const version = read(versionKey);
    if (version !== undefined) {
      if (mode === 'warn') hasWarnVersion = true;
      if (parsePodSecurityVersion(version) !== null) {
        modes[mode] = { ...modes[mode], version: version as PodSecurityVersion };
      } else {
        modes[mode] = { ...modes[mode], version: 'latest' };
        errors.push({
          label: versionKey,
          value: version,
          path: pathOf(versionKey),
          message: `invalid ${mode} version "${version}": must be "latest" or "v1.N"; ${mode} uses latest`,
        });
      }
    }
  }
  if (!hasWarnLevel && hasEnforceLevel && compareLevels(modes.enforce.level, modes.warn.level) > 0) {
    modes.warn = { level: modes.enforce.level, version: hasWarnVersion ? modes.warn.version : modes.enforce.version };
  }
  return { policy: modes, errors };
}

function buildEntry(entry: NamespaceEntry, defaults: PodSecurityDefaults): NamespacePodSecurity {
  const labels = entry.object?.metadata.labels;
  const exempt = defaults.exemptNamespaces?.includes(entry.name) ?? false;
  const { policy, errors } = podSecurityPolicyFromLabels(labels, defaults);
  return {
    namespace: entry.name,
    object: entry.object,
    system: entry.system,
    enforceLabelled: labels !== undefined && Object.prototype.hasOwnProperty.call(labels, labelOf('enforce', '')),
    exempt,
    policy: exempt ? { enforce: privilegedLatest, audit: privilegedLatest, warn: privilegedLatest } : policy,
    errors,
  };
}

function buildAll(snapshot: Snapshot, defaults: PodSecurityDefaults): readonly NamespacePodSecurity[] {
  return Object.freeze(snapshot.namespaces().map((entry) => buildEntry(entry, defaults)));
}

/** The derived view with the built-in defaults (everything `privileged` at `latest`), cached per snapshot. */
function buildDefaultView(snapshot: Snapshot): readonly NamespacePodSecurity[] {
  return buildAll(snapshot, {});
}

const hasDefaults = (defaults: PodSecurityDefaults | undefined): defaults is PodSecurityDefaults =>
  defaults !== undefined && (defaults.enforce !== undefined || defaults.audit !== undefined || defaults.warn !== undefined || (defaults.exemptNamespaces?.length ?? 0) > 0);

/**
 * Every namespace of the snapshot (declared or implied by the objects in it), sorted by name, with
 * the Pod Security policy its labels select over the cluster defaults. Cached per snapshot when
 * no defaults are given.
 */
export function namespacePodSecurity(snapshot: Snapshot, defaults?: PodSecurityDefaults): readonly NamespacePodSecurity[] {
  return hasDefaults(defaults) ? buildAll(snapshot, defaults) : snapshot.derive(buildDefaultView);
}

/** One namespace's Pod Security policy; an unknown namespace is unlabelled (the defaults apply). */
export function namespacePodSecurityOf(snapshot: Snapshot, namespace: string, defaults?: PodSecurityDefaults): NamespacePodSecurity {
  const found = namespacePodSecurity(snapshot, defaults).find((n) => n.namespace === namespace);
  return (
    found ??
    buildEntry({ name: namespace, object: null, implicit: true, system: snapshot.isSystemNamespace(namespace) }, defaults ?? {})
  );
}

/** The effective enforce level and version of every namespace, by name. */
export function enforcedPodSecurity(snapshot: Snapshot, defaults?: PodSecurityDefaults): ReadonlyMap<string, PodSecurityLevelVersion> {
  return new Map(namespacePodSecurity(snapshot, defaults).map((n) => [n.namespace, n.policy.enforce]));
}
