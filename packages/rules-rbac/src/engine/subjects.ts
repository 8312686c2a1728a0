import type { ObjectRef, Severity } from '@kubecis/core';
import type { SubjectEntry, SubjectRef } from './types.js';

/** How far a grant to a subject reaches. */
export type SubjectReach = 'anonymous' | 'everyone' | 'service-accounts' | 'specific';

/**
 * `anonymous`: unauthenticated requests (`system:anonymous`, `system:unauthenticated`);
 * `everyone`: every authenticated identity or every ServiceAccount of the cluster;
 * `service-accounts`: every ServiceAccount of one namespace; `specific`: one identity or group.
 */
export function subjectReach(subject: SubjectRef | SubjectEntry): SubjectReach {
  if (subject.kind === 'User' && subject.name === 'system:anonymous') return 'anonymous';
  if (subject.kind !== 'Group') return 'specific';
  if (subject.name === 'system:unauthenticated') return 'anonymous';
  if (subject.name === 'system:authenticated' || subject.name === 'system:serviceaccounts') return 'everyone';
  if (subject.name.startsWith('system:serviceaccounts:')) return 'service-accounts';
  return 'specific';
}

const ladder: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Moves a severity up (positive) or down (negative) the ladder, clamped. */
export function shiftSeverity(severity: Severity, steps: number): Severity {
  const index = ladder.indexOf(severity);
  return ladder[Math.max(0, Math.min(ladder.length - 1, index + steps))] ?? severity;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return ladder.indexOf(a) >= ladder.indexOf(b) ? a : b;
}

/** How a subject is printed in messages: `User alice`, `ServiceAccount ci/deployer`. */
export function describeSubject(subject: SubjectRef | SubjectEntry): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace ?? ''}/${subject.name}` : `${subject.kind} ${subject.name}`;
}

/** The identity of a subject as finding evidence names it. */
export function subjectObjectRef(subject: SubjectRef | SubjectEntry): ObjectRef {
  if (subject.kind === 'ServiceAccount') return { apiVersion: 'v1', kind: 'ServiceAccount', namespace: subject.namespace ?? null, name: subject.name };
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: subject.kind, namespace: null, name: subject.name };
}
