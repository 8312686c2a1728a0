import type { PodSecurityLevel, PodSecurityVersion } from './types.js';

const versionPattern = /^v1\.(0|[1-9][0-9]*)$/;

/** Whether a value is a valid level: exactly `privileged`, `baseline` or `restricted`. */
export function isPodSecurityLevel(value: unknown): value is PodSecurityLevel {
  return value === 'privileged' || value === 'baseline' || value === 'restricted';
}

/**
 * Parses a policy version as upstream does: `latest`, or `v1.` followed by `0` or a number without
 * a leading zero. Returns `'latest'`, the minor number, or `null` when malformed.
 */
export function parsePodSecurityVersion(value: unknown): 'latest' | number | null {
  if (value === 'latest') return 'latest';
  if (typeof value !== 'string') return null;
  const match = versionPattern.exec(value);
  if (match === null) return null;
  const minor = Number(match[1]);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Whether a value is a valid version string (`latest` or `v1.N`). */
export function isPodSecurityVersion(value: unknown): value is PodSecurityVersion {
  return parsePodSecurityVersion(value) !== null;
}

const levelRank: Readonly<Record<PodSecurityLevel, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** Compares two levels: negative when `a` is less strict than `b`. */
export function compareLevels(a: PodSecurityLevel, b: PodSecurityLevel): number {
  return levelRank[a] - levelRank[b];
}
