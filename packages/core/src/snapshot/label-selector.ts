import type { LabelSelector } from '../objects/meta.js';

/**
 * Whether labels match a Kubernetes label selector (matchLabels and matchExpressions, ANDed).
 * An empty selector matches everything; a `null`/`undefined` selector matches nothing, as the API does.
 */
export function matchesLabelSelector(
  labels: Readonly<Record<string, string>> | null | undefined,
  selector: LabelSelector | null | undefined,
): boolean {
  if (selector === null || selector === undefined) return false;
  const own = labels ?? {};
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(own, key);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || own[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has(expr.key) || !values.includes(own[expr.key]!)) return false;
        break;
      case 'NotIn':
        if (has(expr.key) && values.includes(own[expr.key]!)) return false;
        break;
      case 'Exists':
        if (!has(expr.key)) return false;
        break;
      case 'DoesNotExist':
        if (has(expr.key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
