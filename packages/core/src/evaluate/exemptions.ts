// Schema constructions are marked pure so that bundlers drop them from builds that only use
// rules (test/treeshake.test.ts keeps one rule with core under 64 KB).
import { z } from 'zod';
import { LabelSelector } from '../objects/meta.js';
import type { KubeObject } from '../objects/meta.js';
import { matchesLabelSelector } from '../snapshot/label-selector.js';
import type { ObjectRef } from '../snapshot/types.js';
import type { ExemptionInfo } from '../report/types.js';
import { globMatcher } from './glob.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** An exemption as users write it (kubecis.yaml or `evaluate` options). Every criterion given must match. */
export const ExemptionSchema = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string().min(1).optional().describe('A name for the exemption, shown in reports'),
    rules: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().min(1)).min(1).optional().describe('Rule ids or control ids, globs allowed: "acme/require-team-label", "5.2.*"'),
    namespaces: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().min(1)).min(1).optional().describe('Namespaces of the exempted objects, globs allowed'),
    kinds: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().min(1)).min(1).optional().describe('Kinds of the exempted objects'),
    names: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string().min(1)).min(1).optional().describe('Names of the exempted objects, globs allowed'),
    labels: /* @__PURE__ */ LabelSelector.optional().describe('A label selector the exempted objects must match'),
    reason: /* @__PURE__ */ z.string().trim().min(1).describe('Why the finding is accepted; shown in every report'),
    expires: /* @__PURE__ */ z.string().regex(isoDate, 'expected a date as YYYY-MM-DD').optional().describe('The last day the exemption applies (YYYY-MM-DD)'),
  })
  .refine((e) => e.rules ?? e.namespaces ?? e.kinds ?? e.names ?? e.labels, {
    error: 'an exemption needs at least one of rules, namespaces, kinds, names or labels',
  });
export type Exemption = z.input<typeof ExemptionSchema>;

export interface FindingTarget {
  readonly ruleId: string;
  readonly controlIds: readonly string[];
  readonly resource: ObjectRef | null;
  readonly object: KubeObject | null;
}

export interface PreparedExemption {
  readonly info: ExemptionInfo;
  matches(target: FindingTarget): boolean;
}

export const bootstrapLabel = 'kubernetes.io/bootstrapping';

/** The namespace a finding is about: its object's, or the Namespace object's own name. */
function namespaceOf(resource: { kind: string; namespace: string | null; name: string }): string | null {
  if (resource.namespace !== null) return resource.namespace;
  return resource.kind === 'Namespace' ? resource.name : null;
}

function labelsOf(target: FindingTarget): Record<string, string> | undefined {
  return target.object?.metadata.labels;
}

/** Compiles an exemption once. */
export function prepareExemption(exemption: Exemption, index: number): PreparedExemption {
  const ruleMatch = exemption.rules ? globMatcher(exemption.rules) : undefined;
  const nsMatch = exemption.namespaces ? globMatcher(exemption.namespaces) : undefined;
  const kindMatch = exemption.kinds ? globMatcher(exemption.kinds) : undefined;
  const nameMatch = exemption.names ? globMatcher(exemption.names) : undefined;
  const labels = exemption.labels;
  return {
    info: {
      id: exemption.id ?? `exemption-${String(index + 1)}`,
      reason: exemption.reason,
      origin: 'config',
      expires: exemption.expires ?? null,
    },
    matches(target) {
      if (ruleMatch && !ruleMatch(target.ruleId) && !target.controlIds.some(ruleMatch)) return false;
      const resource = target.resource;
      if (nsMatch) {
        const namespace = resource === null ? null : namespaceOf(resource);
        if (namespace === null || !nsMatch(namespace)) return false;
      }
      if (kindMatch && (resource === null || !kindMatch(resource.kind))) return false;
      if (nameMatch && (resource === null || !nameMatch(resource.name))) return false;
      if (labels && !matchesLabelSelector(labelsOf(target), labels)) return false;
      return true;
    },
  };
}

/** Kubernetes' own defaults: bootstrap RBAC objects and the system namespaces. Off in strict mode. */
export function defaultExemptions(systemNamespaces: readonly string[]): PreparedExemption[] {
  const system = new Set(systemNamespaces);
  return [
    {
      info: {
        id: 'default:bootstrap-rbac',
        reason: `Kubernetes bootstrap RBAC default (${bootstrapLabel}: rbac-defaults)`,
        origin: 'default',
        expires: null,
      },
      matches: (target) => labelsOf(target)?.[bootstrapLabel] === 'rbac-defaults',
    },
    {
      info: {
        id: 'default:system-namespaces',
        reason: `Kubernetes system namespace (${systemNamespaces.join(', ')})`,
        origin: 'default',
        expires: null,
      },
      matches: (target) => {
        const r = target.resource;
        if (r === null) return false;
        if (r.namespace !== null) return system.has(r.namespace);
        return r.kind === 'Namespace' && system.has(r.name);
      },
    },
  ];
}

/** `YYYY-MM-DD` of a date or ISO string, in UTC. */
export function toIsoDay(now: Date | string): string | null {
  if (typeof now === 'string' && isoDate.test(now)) return now;
  const date = typeof now === 'string' ? new Date(now) : now;
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}
