import type { PolicyRule } from '@kubecis/core';

/**
 * Policy-rule matching, exactly as the Kubernetes RBAC authorizer decides it
 * (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac and the rbac/v1 evaluation helpers):
 *
 * - verbs: `*` matches every verb, otherwise an exact (case-sensitive) match;
 * - apiGroups: `*` matches every group, otherwise an exact match; the core group is `""`;
 *   a rule without apiGroups matches no resource request;
 * - resources: `*` matches every resource and subresource; `pods/log` matches that subresource;
 *   `*\/scale` matches the `scale` subresource of any resource; anything else (`secrets/*` included)
 *   is a literal that only matches a request for exactly that combined name;
 * - resourceNames: an empty list matches every name, otherwise the request's name must be listed
 *   (a request without a name, such as list or create, never matches a rule with resourceNames);
 * - nonResourceURLs: `*` matches every path, a trailing `*` is a prefix match, otherwise exact.
 */

/** The wildcard of verbs, apiGroups, resources and nonResourceURLs. */
export const wildcard = '*';

/** A resource request, as the authorizer sees it. */
export interface ResourceRequest {
  readonly verb: string;
  /** `""` is the core group (the default). */
  readonly apiGroup?: string;
  readonly resource: string;
  readonly subresource?: string;
  /** The object's name; absent (empty) for list, watch, create and deletecollection requests. */
  readonly name?: string;
}

/** A request for a non-resource URL (`/healthz`, `/metrics`). */
export interface NonResourceRequest {
  readonly verb: string;
  readonly nonResourceURL: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

export function isNonResourceRequest(request: AccessRequest): request is NonResourceRequest {
  return typeof (request as Partial<NonResourceRequest>).nonResourceURL === 'string';
}

type RuleLike = Pick<PolicyRule, 'verbs' | 'apiGroups' | 'resources' | 'resourceNames' | 'nonResourceURLs'>;

const none: readonly string[] = [];
const list = (value: readonly string[] | null | undefined): readonly string[] => (Array.isArray(value) ? value : none);

export function verbMatches(rule: RuleLike, verb: string): boolean {
  for (const v of list(rule.verbs)) if (v === wildcard || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: RuleLike, group: string): boolean {
  for (const g of list(rule.apiGroups)) if (g === wildcard || g === group) return true;
  return false;
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: RuleLike, combined: string, subresource: string): boolean {
  for (const r of list(rule.resources)) {
    if (r === wildcard || r === combined) return true;
    if (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: RuleLike, name: string): boolean {
  const names = list(rule.resourceNames);
  if (names.length === 0) return true;
  return names.includes(name);
}

/** Trims every trailing `*`, as Go's strings.TrimRight(url, "*") does. */
function trimStars(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 42) end--;
  return value.slice(0, end);
}

export function nonResourceURLMatches(rule: RuleLike, path: string): boolean {
  for (const u of list(rule.nonResourceURLs)) {
    if (u === wildcard || u === path) return true;
    if (u.endsWith('*') && path.startsWith(trimStars(u))) return true;
  }
  return false;
}

/** The combined resource name the authorizer compares: `pods` or `pods/exec`. */
export function combinedResource(resource: string, subresource: string | undefined): string {
  return subresource === undefined || subresource === '' ? resource : `${resource}/${subresource}`;
}

/** Whether one policy rule allows the request. */
export function ruleAllows(rule: RuleLike, request: AccessRequest): boolean {
  if (isNonResourceRequest(request)) return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.nonResourceURL);
  const subresource = request.subresource ?? '';
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup ?? '') &&
    resourceMatches(rule, combinedResource(request.resource, subresource), subresource) &&
    resourceNameMatches(rule, request.name ?? '')
  );
}

/**
 * Splits `pods/exec` into resource and subresource, the way callers sometimes write a request.
 * An explicit subresource wins.
 */
export function normaliseResource(resource: string, subresource: string | undefined): { resource: string; subresource: string } {
  if (subresource !== undefined && subresource !== '') return { resource, subresource };
  const slash = resource.indexOf('/');
  if (slash === -1) return { resource, subresource: '' };
  return { resource: resource.slice(0, slash), subresource: resource.slice(slash + 1) };
}
