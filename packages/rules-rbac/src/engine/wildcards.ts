import type { PolicyRule } from '@kubecis/core';

export interface Wildcards {
  /** The fields that hold a wildcard: `verbs`, `apiGroups`, `resources`, `nonResourceURLs`. */
  readonly fields: readonly string[];
  /** The path of the first wildcard element: `rules[0].verbs[0]`. */
  readonly first: string;
  /** Every verb, group and resource (or every URL) of the cluster. */
  readonly full: boolean;
}

export const isResourceWildcard = (r: string): boolean => r === '*' || r.startsWith('*/');
export const isUrlWildcard = (u: string): boolean => u.endsWith('*');

/** The wildcards of one policy rule, as the authorizer reads them: `*`, `*\/subresource`, and URL prefixes ending in `*`. */
export function wildcardsOf(rule: PolicyRule, path: string): Wildcards | null {
  const checks: [string, readonly string[] | undefined, (v: string) => boolean][] = [
    ['verbs', rule.verbs, (v) => v === '*'],
    ['apiGroups', rule.apiGroups, (v) => v === '*'],
    ['resources', rule.resources, isResourceWildcard],
    ['nonResourceURLs', rule.nonResourceURLs, isUrlWildcard],
  ];
  const fields: string[] = [];
  let first: string | null = null;
  for (const [field, values, test] of checks) {
    const at = (values ?? []).findIndex(test);
    if (at === -1) continue;
    fields.push(field);
    first ??= `${path}.${field}[${String(at)}]`;
  }
  if (first === null) return null;
  const has = (values: readonly string[] | undefined): boolean => (values ?? []).includes('*');
  const full = has(rule.verbs) && ((has(rule.apiGroups) && has(rule.resources)) || has(rule.nonResourceURLs));
  return { fields, first, full };
}

